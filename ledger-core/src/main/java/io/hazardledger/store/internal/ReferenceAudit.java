package io.hazardledger.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.LedgerIntegrityException;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, entry by entry, that every person and enterprise an event names was registered by an earlier entry.
 * The rules consult the directory tables when a command runs; this makes the ledger itself the proof that the
 * people who acted existed, whatever those tables said at the time.
 */
final class ReferenceAudit {

    private static final ObjectMapper MAPPER = LedgerSerializer.objectMapper();
    /**
     * The payload fields that name a person, in the order they are checked: of two unknown people an event names, the
     * one reported is the same in every run (the iteration order of {@code Set.of} changes from one JVM to the next).
     */
    static final List<String> PERSON_FIELDS = List.of("reportedBy", "ownerId", "plannedBy", "submittedBy",
            "verifierId", "closedBy", "reopenedBy", "approverId", "inspectorId", "leaderId", "recordedBy", "registeredBy",
            "revokedBy", "personId");

    private final Set<String> people = new HashSet<>();
    private final Set<String> enterprises = new HashSet<>();

    /** The event's payload as {@link #check} reads it, or null when it is not JSON; on any thread. */
    static JsonNode parse(EntryContent event) {
        try {
            return MAPPER.readTree(event.payloadJson());
        } catch (IOException e) {
            return null;
        }
    }

    void check(long index, EntryContent event) throws LedgerIntegrityException {
        check(index, event, parse(event));
    }

    /** Each person field's place in {@link #PERSON_FIELDS}. */
    private static final java.util.Map<String, Integer> PERSON_FIELD_RANK = rank();

    private static java.util.Map<String, Integer> rank() {
        java.util.Map<String, Integer> ranks = new java.util.HashMap<>();
        for (int i = 0; i < PERSON_FIELDS.size(); i++) {
            ranks.put(PERSON_FIELDS.get(i), i);
        }
        return ranks;
    }

    /**
     * Checks the event whose payload {@link #parse} read (null: not JSON). The payload's members are read once, in
     * one pass (most of the fields looked for are absent from any one event); of several unknown references, the one
     * reported is as the fields are listed: the people in {@link #PERSON_FIELDS}' order, then the co-signers, then the
     * enterprise.
     */
    void check(long index, EntryContent event, JsonNode payload) throws LedgerIntegrityException {
        if (payload == null) {
            throw new LedgerIntegrityException(index, "malformed-event", "the payload is not JSON", "JSON", "not JSON");
        }
        String type = event.eventType();
        boolean personRegistered = type.equals("PersonRegistered");
        int unknownRank = Integer.MAX_VALUE;
        JsonNode unknownPerson = null;
        JsonNode coSigners = null;
        JsonNode enterprise = null;
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            Integer rank = PERSON_FIELD_RANK.get(name);
            if (rank != null) {
                if (rank < unknownRank && value.isTextual() && !(personRegistered && name.equals("personId"))
                        && !people.contains(value.asText())) {
                    unknownRank = rank;
                    unknownPerson = value;
                }
            } else if (name.equals("coSigners")) {
                coSigners = value;
            } else if (name.equals("enterpriseId")) {
                enterprise = value;
            }
        }
        if (unknownPerson != null) {
            throw unknown(index, PERSON_FIELDS.get(unknownRank), "person", unknownPerson.asText());
        }
        if (coSigners != null) {
            for (JsonNode coSigner : coSigners) {
                requirePerson(index, "coSigners.personId", coSigner.path("personId"));
            }
        }
        if (!type.equals("EnterpriseRegistered") && enterprise != null && enterprise.isTextual()
                && !enterprises.contains(enterprise.asText())) {
            throw unknown(index, "enterpriseId", "enterprise", enterprise.asText());
        }
        if (personRegistered) {
            people.add(payload.path("personId").asText());
        } else if (type.equals("EnterpriseRegistered")) {
            enterprises.add(payload.path("enterpriseId").asText());
        }
    }

    private void requirePerson(long index, String field, JsonNode value) throws LedgerIntegrityException {
        if (value.isTextual() && !people.contains(value.asText())) {
            throw unknown(index, field, "person", value.asText());
        }
    }

    static LedgerIntegrityException unknown(long index, String field, String what, String id) {
        return new LedgerIntegrityException(index, "unknown-reference", "the event's " + field + " names " + what + " '"
                + id + "', whom no earlier entry registered", "a " + what + " registered before index " + index, id);
    }
}
