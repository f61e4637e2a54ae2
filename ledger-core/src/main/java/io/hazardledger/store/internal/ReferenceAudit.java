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
    private static final List<String> PERSON_FIELDS = List.of("reportedBy", "ownerId", "plannedBy", "submittedBy",
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

    /** Checks the event whose payload {@link #parse} read (null: not JSON). */
    void check(long index, EntryContent event, JsonNode payload) throws LedgerIntegrityException {
        if (payload == null) {
            throw new LedgerIntegrityException(index, "malformed-event", "the payload is not JSON", "JSON", "not JSON");
        }
        String type = event.eventType();
        for (String field : PERSON_FIELDS) {
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
                throw unknown(index, "enterpriseId", "enterprise", enterprise.asText());
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
            throw unknown(index, field, "person", value.asText());
        }
    }

    private static LedgerIntegrityException unknown(long index, String field, String what, String id) {
        return new LedgerIntegrityException(index, "unknown-reference", "the event's " + field + " names " + what + " '"
                + id + "', whom no earlier entry registered", "a " + what + " registered before index " + index, id);
    }
}
