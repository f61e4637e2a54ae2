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
     * What an event names, in the order it is checked, taken from its payload on any thread (the worker threads of a
     * verification, which parsed it), so that the thread that checks the entries in order only looks names up. Each
     * name is this audit's one instance of it (names repeat across events): the look-ups then compare references
     * rather than the text of names parsed on another core.
     *
     * @param malformed       the payload is not JSON (nothing else is set)
     * @param people          the named people, in the order reported: the fields of {@link #PERSON_FIELDS} in its
     *                        order, then the co-signers (never changed once made)
     * @param fields          for each of {@code people}, the field that names it (never changed once made)
     * @param enterprise      the enterprise named (null: none to check)
     * @param registers       the person or enterprise the event registers (null: none)
     * @param registersPerson whether {@code registers} is a person (else an enterprise)
     */
    record References(boolean malformed, String[] people, String[] fields, String enterprise, String registers,
                      boolean registersPerson) {
    }

    private static final References MALFORMED = new References(true, null, null, null, null, false);

    /** This audit's instance of each name taken so far; read and added to on the worker threads. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> names =
            new java.util.concurrent.ConcurrentHashMap<>();

    private String name(String text) {
        String known = names.putIfAbsent(text, text);
        return known == null ? text : known;
    }

    /**
     * The references of an event of type {@code type} whose payload {@link #parse} read (null: not JSON, or no event;
     * {@code type} is then not read). The payload's
     * members are read once, in one pass (most of the fields looked for are absent from any one event); of several
     * unknown references, the one reported is as the fields are listed: the people in {@link #PERSON_FIELDS}' order,
     * then the co-signers, then the enterprise.
     */
    References references(String type, JsonNode payload) {
        if (payload == null) {
            return MALFORMED;
        }
        boolean personRegistered = type.equals("PersonRegistered");
        String[] byRank = null;
        int named = 0;
        JsonNode coSigners = null;
        JsonNode enterprise = null;
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> member = it.next();
            String field = member.getKey();
            JsonNode value = member.getValue();
            Integer rank = PERSON_FIELD_RANK.get(field);
            if (rank != null) {
                if (value.isTextual() && !(personRegistered && field.equals("personId"))) {
                    if (byRank == null) {
                        byRank = new String[PERSON_FIELDS.size()];
                    }
                    if (byRank[rank] == null) {
                        named++;
                    }
                    byRank[rank] = name(value.asText());
                }
            } else if (field.equals("coSigners")) {
                coSigners = value;
            } else if (field.equals("enterpriseId")) {
                enterprise = value;
            }
        }
        List<String> coSigning = new java.util.ArrayList<>(0);
        if (coSigners != null) {
            for (JsonNode coSigner : coSigners) {
                JsonNode person = coSigner.path("personId");
                if (person.isTextual()) {
                    coSigning.add(name(person.asText()));
                }
            }
        }
        String[] people = new String[named + coSigning.size()];
        String[] fields = new String[people.length];
        int k = 0;
        for (int rank = 0; byRank != null && rank < byRank.length; rank++) {
            if (byRank[rank] != null) {
                people[k] = byRank[rank];
                fields[k++] = PERSON_FIELDS.get(rank);
            }
        }
        for (String coSigner : coSigning) {
            people[k] = coSigner;
            fields[k++] = "coSigners.personId";
        }
        String checkedEnterprise = !type.equals("EnterpriseRegistered") && enterprise != null && enterprise.isTextual()
                ? name(enterprise.asText()) : null;
        String registers = personRegistered ? name(payload.path("personId").asText())
                : type.equals("EnterpriseRegistered") ? name(payload.path("enterpriseId").asText()) : null;
        return new References(false, people, fields, checkedEnterprise, registers, personRegistered);
    }

    /** Checks an event's references, which {@link #references} took, against the entries before it. */
    void check(long index, References refs) throws LedgerIntegrityException {
        if (refs.malformed()) {
            throw new LedgerIntegrityException(index, "malformed-event", "the payload is not JSON", "JSON", "not JSON");
        }
        for (int k = 0; k < refs.people().length; k++) {
            if (!people.contains(refs.people()[k])) {
                throw unknown(index, refs.fields()[k], "person", refs.people()[k]);
            }
        }
        if (refs.enterprise() != null && !enterprises.contains(refs.enterprise())) {
            throw unknown(index, "enterpriseId", "enterprise", refs.enterprise());
        }
        if (refs.registers() != null) {
            (refs.registersPerson() ? people : enterprises).add(refs.registers());
        }
    }

    static LedgerIntegrityException unknown(long index, String field, String what, String id) {
        return new LedgerIntegrityException(index, "unknown-reference", "the event's " + field + " names " + what + " '"
                + id + "', whom no earlier entry registered", "a " + what + " registered before index " + index, id);
    }
}
