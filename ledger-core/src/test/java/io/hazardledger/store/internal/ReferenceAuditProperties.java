package io.hazardledger.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.LedgerIntegrityException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference check reads each payload's members once; it must accept and refuse exactly as reading each field the
 * check looks for, in the order of {@link ReferenceAudit#PERSON_FIELDS}, does (the reference below): the same
 * failure (index, field and name reported) for payloads naming several unknown people in any member order, co-signers,
 * enterprises, non-text values, registrations, and payloads that are not objects.
 */
class ReferenceAuditProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("PersonRegistered", "EnterpriseRegistered", "HazardReported",
            "RectificationPlanned", "InspectionSigned");
    private static final List<String> OTHER_FIELDS = List.of("hazardId", "description", "coSigners", "enterpriseId",
            "level");

    @Property(tries = 400)
    void oneReadOfTheMembers_acceptsAndRefusesAsReadingEachField(@ForAll long seed) {
        Random random = new Random(seed);
        ReferenceAudit audit = new ReferenceAudit();
        Reference reference = new Reference();
        for (long i = 0; i < 40; i++) {
            long index = i;
            EntryContent event = event(random, index);
            JsonNode payload = ReferenceAudit.parse(event);
            String expected = outcome(() -> reference.check(index, event, payload));
            String actual = outcome(() -> audit.check(index, audit.references(event.eventType(), payload)));
            assertThat(actual).as("entry %d, %s %s", index, event.eventType(), payload).isEqualTo(expected);
            if (expected != null) {
                return;   // a verification stops at its first failure
            }
        }
    }

    /**
     * As a verification makes them: every event's references taken first (on the worker threads, before the entries
     * before it are checked and their registrations known), then the checks in index order.
     */
    @Property(tries = 400)
    void referencesTakenAheadOfTheChecks_acceptAndRefuseAsReadingEachField(@ForAll long seed) {
        Random random = new Random(seed);
        ReferenceAudit audit = new ReferenceAudit();
        Reference reference = new Reference();
        List<EntryContent> events = new ArrayList<>();
        for (long i = 0; i < 40; i++) {
            events.add(event(random, i));
        }
        // taken on several threads at once, as the workers take them (null payloads included: not JSON)
        ReferenceAudit.References[] ahead = new ReferenceAudit.References[events.size()];
        java.util.stream.IntStream.range(0, events.size()).parallel().forEach(i -> ahead[i] =
                audit.references(events.get(i).eventType(), ReferenceAudit.parse(events.get(i))));
        for (int i = 0; i < events.size(); i++) {
            long index = i;
            EntryContent event = events.get(i);
            ReferenceAudit.References refs = ahead[i];
            String expected = outcome(() -> reference.check(index, event, ReferenceAudit.parse(event)));
            String actual = outcome(() -> audit.check(index, refs));
            assertThat(actual).as("entry %d, %s %s", index, event.eventType(), event.payloadJson()).isEqualTo(expected);
            if (expected != null) {
                return;
            }
        }
    }

    /** An event of a random type with a random payload; now and then a payload that is not JSON. */
    private static EntryContent event(Random random, long index) {
        String type = TYPES.get(random.nextInt(TYPES.size()));
        String json = random.nextInt(40) == 0 ? "{not json" : payload(random).toString();
        return new EntryContent("e" + index, "Agg", "a", 0, type, null, "2026-11-29T10:41:14.123Z", "{}", json);
    }

    private static JsonNode payload(Random random) {
        if (random.nextInt(20) == 0) {
            return random.nextBoolean() ? JSON.createArrayNode().add("p1") : JSON.getNodeFactory().textNode("x");
        }
        ObjectNode payload = JSON.createObjectNode();
        List<String> fields = new ArrayList<>();
        for (String f : ReferenceAudit.PERSON_FIELDS) {
            if (random.nextInt(4) == 0) {
                fields.add(f);
            }
        }
        for (String f : OTHER_FIELDS) {
            if (random.nextInt(3) == 0) {
                fields.add(f);
            }
        }
        Collections.shuffle(fields, random);
        for (String f : fields) {
            if (f.equals("coSigners")) {
                switch (random.nextInt(6)) {
                    case 0 -> payload.set(f, value(random, "p"));   // not an array: a name, a number or null
                    case 1 -> payload.putObject(f).putObject("x").set("personId", value(random, "p"));
                    default -> {
                        ArrayNode coSigners = payload.putArray(f);
                        for (int k = random.nextInt(3); k > 0; k--) {
                            if (random.nextInt(5) == 0) {
                                coSigners.add(value(random, "p"));   // an element that is not an object
                            } else {
                                coSigners.addObject().set("personId", value(random, "p"));
                            }
                        }
                    }
                }
            } else if (f.equals("enterpriseId")) {
                payload.set(f, value(random, "ent-"));
            } else {
                payload.set(f, value(random, "p"));
            }
        }
        return payload;
    }

    /** Mostly a name out of a few (some registered by then, some not), sometimes a number or null. */
    private static JsonNode value(Random random, String prefix) {
        return switch (random.nextInt(10)) {
            case 0 -> JSON.getNodeFactory().numberNode(random.nextInt(3));
            case 1 -> JSON.getNodeFactory().nullNode();
            default -> JSON.getNodeFactory().textNode(prefix + random.nextInt(4));
        };
    }

    private interface Check {
        void run() throws LedgerIntegrityException;
    }

    private static String outcome(Check check) {
        try {
            check.run();
            return null;
        } catch (LedgerIntegrityException e) {
            return e.index() + " " + e.check() + " " + e.getMessage();
        }
    }

    /** Each field the check looks for, read one after the other (the check as it was first written). */
    private static final class Reference {
        private final Set<String> people = new HashSet<>();
        private final Set<String> enterprises = new HashSet<>();

        void check(long index, EntryContent event, JsonNode payload) throws LedgerIntegrityException {
            if (payload == null) {
                throw new LedgerIntegrityException(index, "malformed-event", "the payload is not JSON", "JSON",
                        "not JSON");
            }
            String type = event.eventType();
            for (String field : ReferenceAudit.PERSON_FIELDS) {
                if (field.equals("personId") && type.equals("PersonRegistered")) {
                    continue;
                }
                requirePerson(index, field, payload.path(field));
            }
            for (JsonNode coSigner : payload.path("coSigners")) {
                requirePerson(index, "coSigners.personId", coSigner.path("personId"));
            }
            if (!type.equals("EnterpriseRegistered")) {
                JsonNode enterprise = payload.path("enterpriseId");
                if (enterprise.isTextual() && !enterprises.contains(enterprise.asText())) {
                    throw ReferenceAudit.unknown(index, "enterpriseId", "enterprise", enterprise.asText());
                }
            }
            if (type.equals("PersonRegistered")) {
                people.add(payload.path("personId").asText());
            } else if (type.equals("EnterpriseRegistered")) {
                enterprises.add(payload.path("enterpriseId").asText());
            }
        }

        private void requirePerson(long index, String field, JsonNode value) throws LedgerIntegrityException {
            if (value.isTextual() && !people.contains(value.asText())) {
                throw ReferenceAudit.unknown(index, field, "person", value.asText());
            }
        }
    }
}
