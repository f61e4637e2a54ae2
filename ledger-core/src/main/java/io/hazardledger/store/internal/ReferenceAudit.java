package io.hazardledger.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.LedgerIntegrityException;

import java.io.IOException;
import java.util.ArrayList;
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
    /** The payload fields that name a person, in the order they are checked. */
    private static final List<String> PERSON_FIELDS = List.of("reportedBy", "ownerId", "plannedBy", "submittedBy",
            "verifierId", "closedBy", "reopenedBy", "approverId", "inspectorId", "leaderId", "recordedBy", "registeredBy",
            "revokedBy", "personId");

    private final Set<String> people = new HashSet<>();
    private final Set<String> enterprises = new HashSet<>();

    /**
     * What {@link #check} reads of one event: the people it names ({@code field, id} pairs, in the order they are
     * checked), the enterprise it names (null: none to check), and the person or enterprise it registers (null: none).
     * Read from the payload on any thread, so that the check in index order only looks the names up.
     */
    record Named(String[] people, String enterprise, String registersPerson, String registersEnterprise) {
    }

    /**
     * The event's payload as {@link #named} reads it, or null when it is not JSON (or beyond Jackson's default
     * limits); on any thread. A verification reads it with {@link io.hazardledger.integrity.CanonicalJson#tree}, which
     * reads the same tree, and reads it here only when that refuses it.
     */
    static JsonNode parse(EntryContent event) {
        try {
            return MAPPER.readTree(event.payloadJson());
        } catch (IOException e) {
            return null;
        }
    }

    /** What the event names, from its payload read as a tree (null: not JSON, as {@link #parse} says); on any thread. */
    static Named named(EntryContent event, JsonNode payload) {
        if (payload == null) {
            return null;
        }
        String type = event.eventType();
        List<String> named = new ArrayList<>(4);
        for (String field : PERSON_FIELDS) {
            if (field.equals("personId") && type.equals("PersonRegistered")) {
                continue;
            }
            person(named, field, payload.path(field));
        }
        for (JsonNode coSigner : payload.path("coSigners")) {
            person(named, "coSigners.personId", coSigner.path("personId"));
        }
        String enterprise = null;
        if (!type.equals("EnterpriseRegistered")) {
            JsonNode node = payload.path("enterpriseId");
            enterprise = node.isTextual() ? node.asText() : null;
        }
        return new Named(named.toArray(String[]::new), enterprise,
                type.equals("PersonRegistered") ? payload.path("personId").asText() : null,
                type.equals("EnterpriseRegistered") ? payload.path("enterpriseId").asText() : null);
    }

    private static void person(List<String> named, String field, JsonNode value) {
        if (value.isTextual()) {
            named.add(field);
            named.add(value.asText());
        }
    }

    /**
     * Checks, in index order, the event at {@code index}, of which {@link #named} read {@code named} (null: its
     * payload is not JSON): every person and enterprise it names must have been registered by an earlier entry.
     */
    void check(long index, Named named) throws LedgerIntegrityException {
        if (named == null) {
            throw new LedgerIntegrityException(index, "malformed-event", "the payload is not JSON", "JSON", "not JSON");
        }
        String[] people = named.people();
        for (int i = 0; i < people.length; i += 2) {
            if (!this.people.contains(people[i + 1])) {
                throw unknown(index, people[i], "person", people[i + 1]);
            }
        }
        if (named.enterprise() != null && !enterprises.contains(named.enterprise())) {
            throw unknown(index, "enterpriseId", "enterprise", named.enterprise());
        }
        if (named.registersPerson() != null) {
            this.people.add(named.registersPerson());
        } else if (named.registersEnterprise() != null) {
            enterprises.add(named.registersEnterprise());
        }
    }

    private static LedgerIntegrityException unknown(long index, String field, String what, String id) {
        return new LedgerIntegrityException(index, "unknown-reference", "the event's " + field + " names " + what + " '"
                + id + "', whom no earlier entry registered", "a " + what + " registered before index " + index, id);
    }
}
