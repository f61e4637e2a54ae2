package io.hazardledger.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger.SignatureFinding;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.KeyEvents;
import io.hazardledger.integrity.sig.VerificationKey;
import io.hazardledger.signing.internal.SignatureMetadata;
import io.hazardledger.signing.internal.SignedActions;
import io.hazardledger.signing.internal.SignedContent;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads signed statements back from stored event metadata, and re-checks them against the key history. */
final class StoredSignatures {

    private static final ObjectMapper MAPPER = LedgerSerializer.objectMapper();
    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    /** The signed statement in a stored event's metadata, or null (unsigned, or not a well-formed signature). */
    SignedStatement signatureOf(EntryContent event) {
        Object member = signatureMember(event.metadataJson());
        return member == UNSIGNED ? null : SignatureMetadata.fromMetadata(member);
    }

    /**
     * The person who asked for a stored event, its metadata's {@code ledgerCaller} (a string), or null: none named,
     * or a member that is no string. The text is parsed only when it may hold the member (its name, or an escape).
     */
    static String callerOf(EntryContent event) {
        String metadataJson = event.metadataJson();
        if (!metadataJson.contains(io.hazardledger.projection.RecordedEvent.CALLER) && metadataJson.indexOf('\\') < 0) {
            return null;
        }
        // streamed, the top level's members only: a signed statement beside it is skipped, not built into a tree
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(metadataJson)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            String caller = null;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                boolean named = io.hazardledger.projection.RecordedEvent.CALLER.equals(p.currentName());
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if (named) {
                    caller = value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : null;
                } else {
                    p.skipChildren();
                }
            }
            return caller;
        } catch (IOException | RuntimeException e) {
            return null;   // verification reports metadata that is no JSON, at its index
        }
    }

    /** The metadata of an unsigned event. */
    private static final Object UNSIGNED = new Object();

    /**
     * The value of the metadata's {@code ledgerSignature} member (null for a JSON null or metadata that cannot be
     * read), or {@link #UNSIGNED} when it has none. Whether it has one is the parsed object's, not the text's: a name
     * may be spelled with JSON escapes (its S as a six-character escape, say), which the entry's canonical form writes
     * plainly, and a value may contain the name. The text is parsed only when it contains the name or a backslash;
     * otherwise it cannot have the member. Parsed and not readable: null (a malformed signature), never unsigned.
     */
    private static Object signatureMember(String metadataJson) {
        boolean named = metadataJson.contains(SignatureMetadata.KEY);
        if (!named && metadataJson.indexOf('\\') < 0) {
            return UNSIGNED;
        }
        try {
            Map<?, ?> metadata = MAPPER.readValue(metadataJson, Map.class);
            return metadata != null && metadata.containsKey(SignatureMetadata.KEY)
                    ? metadata.get(SignatureMetadata.KEY) : UNSIGNED;
        } catch (IOException | RuntimeException e) {
            // the entry's canonical form was made from this text (check 5, within no limits), so it is JSON: a text
            // this reader cannot read (nested or long beyond its limits) may hide the member, and is malformed here
            return null;
        }
    }

    /** One key as the whole ledger (up to the verified size) describes it. */
    private record KeyState(long registeredAt, String personId, VerificationKey key, Instant validFrom, Instant revokedAt) {
    }

    /**
     * Loads the key history (the entries that {@code ledger_key_entry} lists below {@code below}, whose listing the
     * audit then checks entry by entry: {@link SignatureAudit#checkListed}), then checks each signed entry as the scan
     * reaches it.
     */
    SignatureAudit audit(Connection c, long below) throws SQLException {
        Map<String, KeyState> keys = new HashMap<>();
        List<Long> listed = new ArrayList<>();
        Map<Long, String> unreadable = new HashMap<>();
        java.util.Set<String> registered = new java.util.HashSet<>();
        java.util.Set<String> revokedIds = new java.util.HashSet<>();
        // the event's own type (payload_type, which its entry covers), not ledger_entry's copy of it
        try (PreparedStatement ps = c.prepareStatement("SELECT k.ledger_index, e.payload_type, e.payload "
                + "FROM ledger_key_entry k JOIN ledger_entry l ON l.ledger_index = k.ledger_index "
                + "JOIN ledger_domain_event e ON e.event_identifier = l.event_id "
                + "WHERE k.ledger_index >= 0 AND k.ledger_index < ? ORDER BY k.ledger_index")) {
            ps.setLong(1, below);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    listed.add(rs.getLong(1));
                    if (!KeyEntries.isKeyEvent(rs.getString(2))) {
                        continue;   // listed, but not a key's event: the audit reports it when it reaches that entry
                    }
                    JsonNode p;
                    try {
                        p = MAPPER.readTree(rs.getBytes(3));
                    } catch (IOException | RuntimeException e) {
                        // not JSON (or beyond the reader's limits): left out of the history, and the scan fails at
                        // its entry (malformed-event) if nothing before it does
                        unreadable.put(rs.getLong(1), "its payload is not JSON this reader takes");
                        continue;
                    }
                    String keyId = p.path("keyId").asText();
                    if ("KeyRegistered".equals(rs.getString(2))) {
                        boolean registeredBefore = !registered.add(keyId);
                        VerificationKey key;
                        try {
                            key = VerificationKey.fromBase64Spki(p.path("publicKey").asText());
                        } catch (InvalidSignatureException | RuntimeException e) {
                            continue;   // an unreadable key: any signature that names it will fail below
                        }
                        // a registration that is not its key's, or of a key ID registered before: a failure there
                        String problem = KeyEvents.notTheKey(keyId, p.path("algorithm").asText(),
                                p.path("publicKey").asText(), key, registeredBefore);
                        if (problem != null) {
                            unreadable.put(rs.getLong(1), problem);
                            continue;
                        }
                        try {
                            keys.put(keyId, new KeyState(rs.getLong(1), p.path("personId").asText(), key,
                                    Instant.parse(p.path("validFrom").asText()), null));
                        } catch (RuntimeException e) {
                            // a validFrom that does not read: any signature that names the key will fail below
                        }
                    } else {
                        // a revocation of no key registered before it, or of one revoked before: a failure there
                        String problem = KeyEvents.notARevocation(keyId, registered.contains(keyId),
                                !revokedIds.add(keyId));
                        if (problem != null) {
                            unreadable.put(rs.getLong(1), problem);
                        } else if (keys.containsKey(keyId)) {
                            KeyState k = keys.get(keyId);
                            try {
                                keys.put(keyId, new KeyState(k.registeredAt(), k.personId(), k.key(), k.validFrom(),
                                        Instant.parse(p.path("effectiveAt").asText())));
                            } catch (RuntimeException e) {
                                // a revocation whose time does not read: not taken as no revocation, a failure at
                                // its entry
                                unreadable.put(rs.getLong(1), "its effectiveAt is not a time");
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                throw new SQLException("the key history cannot be read: " + e.getMessage(), e);
            }
        }
        return new SignatureAudit(keys, listed.stream().mapToLong(Long::longValue).toArray(), unreadable);
    }

    /**
     * A signed event's statement (null: malformed), its hash or why it has none, and the outcome of checking its
     * signature with the key its statement names (key null: no such key was registered).
     */
    record Prepared(SignedStatement signed, String statementHash, IllegalArgumentException malformed,
                    VerificationKey key, InvalidSignatureException invalid, Instant claimed,
                    OtherContent otherContent) {
    }

    /**
     * An entry that holds other content than its statement signed: the SHA-256 of the command rebuilt from its payload
     * (FORMAT.md 12.3; of either command, for a revocation), or null with why the payload cannot be rebuilt.
     */
    record OtherContent(String rebuilt, String problem) {
    }

    /** Checks signed entries against the key history; collects findings that do not break the chain. */
    final class SignatureAudit {
        private final Map<String, KeyState> keys;
        private final List<SignatureFinding> findings = new ArrayList<>();
        /** Where each aggregate's history stands, for the checks that depend on order (12.9). */
        private final SignedActOrder order = new SignedActOrder();

        /** The indexes that ledger_key_entry listed, ascending: the entries whose events the key history was read from. */
        private final long[] listed;

        /** The key events that did not read, by index, with why: each a failure when the scan reaches it. */
        private final Map<Long, String> unreadable;

        private SignatureAudit(Map<String, KeyState> keys, long[] listed, Map<Long, String> unreadable) {
            this.unreadable = unreadable;
            this.keys = keys;
            this.listed = listed;
        }

        /**
         * Checks that {@code ledger_key_entry} lists the entry if and only if its event is part of the key history (so
         * that the history read through it is the one the entries make): {@code key-index-mismatch} otherwise.
         */
        void checkListed(long index, String eventType) throws LedgerIntegrityException {
            boolean keyEvent = KeyEntries.isKeyEvent(eventType);
            if (keyEvent != (Arrays.binarySearch(listed, index) >= 0)) {
                throw new LedgerIntegrityException(index, "key-index-mismatch", keyEvent
                        ? "the entry's event is part of the key history, and ledger_key_entry does not list it"
                        : "ledger_key_entry lists the entry, whose event is not part of the key history",
                        keyEvent ? "listed" : "not listed (a " + eventType + ")", keyEvent ? "not listed" : "listed");
            }
            String why = keyEvent ? unreadable.get(index) : null;
            if (why != null) {
                throw new LedgerIntegrityException(index, "malformed-event", "the key history cannot take this "
                        + eventType + ": " + why, "a key's event", "unreadable");
            }
        }

        /**
         * The work of {@link #check} that depends on the entry's event alone (reading its statement, hashing it, and
         * checking its signature with the key that the statement names), made ahead on any thread; null when the
         * event is not signed.
         */
        Prepared prepare(EntryContent event) {
            return prepare(event, true);
        }

        /**
         * As {@link #prepare(EntryContent)}; without {@code verify} the signature itself is taken as valid (a replay
         * below a verified mark, whose root then vouches for the entry's bytes: {@link VerifiedMarks}), and every other
         * check of the statement is still made.
         */
        Prepared prepare(EntryContent event, boolean verify) {
            Object member = signatureMember(event.metadataJson());
            if (member == UNSIGNED) {
                return null;
            }
            SignedStatement signed = SignatureMetadata.fromMetadata(member);
            if (signed == null) {
                return new Prepared(null, null, null, null, null, null, null);
            }
            String statementHash;
            try {
                statementHash = io.hazardledger.integrity.Hashes.sha256Hex(signed.statement().canonicalBytes());
            } catch (IllegalArgumentException e) {
                return new Prepared(signed, null, e, null, null, null, null);
            }
            Instant claimed = claimedAt(signed.statement());
            OtherContent otherContent = otherContent(event, signed.statement());
            KeyState key = keys.get(signed.statement().keyId());
            if (key == null) {
                return new Prepared(signed, statementHash, null, null, null, claimed, otherContent);
            }
            try {
                if (verify) {
                    signed.verifyWith(key.key());
                }
                return new Prepared(signed, statementHash, null, key.key(), null, claimed, otherContent);
            } catch (InvalidSignatureException e) {
                return new Prepared(signed, statementHash, null, key.key(), e, claimed, otherContent);
            }
        }

        /**
         * How the entry's payload is not the content its statement signed (FORMAT.md 12.3: the command rebuilt from
         * the payload does not hash to {@code contentSha256}); null when it is, or when it cannot be rebuilt (a key
         * registration, a rotation's entries). An event its action does not produce fails before this is looked at.
         */
        private static OtherContent otherContent(EntryContent event, io.hazardledger.integrity.sig.Statement s) {
            try {
                return SignedContent.expectedDigests(s.action(), event.eventType(), event.payloadJson())
                        .filter(rebuilt -> !rebuilt.contains(s.contentSha256()))
                        .map(rebuilt -> new OtherContent(String.join(" or ", rebuilt), null))
                        .orElse(null);
            } catch (IllegalArgumentException e) {
                return new OtherContent(null, e.getMessage());
            }
        }

        void check(long index, String entryHash, EntryContent event) throws LedgerIntegrityException {
            check(index, entryHash, event, prepare(event));
        }

        /** Checks the entry, with {@link #prepare}'s result for its event. */
        void check(long index, String entryHash, EntryContent event, Prepared prepared) throws LedgerIntegrityException {
            int n = order.find(event.aggregateId());
            byte[] statementHash = null;
            try {
                statementHash = checkSignature(index, event, prepared, n);
            } finally {
                order.record(n, event.aggregateId(), entryHash, statementHash, event.eventType());
            }
        }

        /** Checks the entry's signature, if any; returns its statement hash (null: unsigned). */
        private byte[] checkSignature(long index, EntryContent event, Prepared prepared, int n)
                throws LedgerIntegrityException {
            if (prepared == null) {
                return null;
            }
            SignedStatement signed = prepared.signed();
            if (signed == null) {
                throw new LedgerIntegrityException(index, "signature-malformed",
                        "the entry's metadata holds a signature that is not {statement, signature}", "a signed statement",
                        "malformed");
            }
            var s = signed.statement();
            String statementHash = prepared.statementHash();
            if (prepared.malformed() != null) {
                throw new LedgerIntegrityException(index, "signature-malformed", prepared.malformed().getMessage(),
                        "a valid statement", "malformed");
            }
            // the statement belongs to this entry: its aggregate, an event its action produces, the aggregate's
            // previous entry, and no other act (the events of one command share its statement)
            if (!s.aggregateId().equals(event.aggregateId())) {
                throw new LedgerIntegrityException(index, "signature-mismatch", "the statement is for another aggregate",
                        event.aggregateId(), s.aggregateId());
            }
            if (!SignedActions.eventsOf(s.action()).contains(event.eventType())) {
                throw new LedgerIntegrityException(index, "signature-mismatch", "the statement's action does not produce "
                        + "this event", SignedActions.eventsOf(s.action()).toString(), event.eventType());
            }
            byte[] statementBytes = HEX.parseHex(statementHash);
            SignedActOrder.Failure misplaced = order.check(n, event.aggregateId(), event.eventType(), statementBytes,
                    statementHash, s.prevEntryHash());
            if (misplaced != null) {
                throw new LedgerIntegrityException(index, misplaced.check(), misplaced.message(), misplaced.expected(),
                        misplaced.actual());
            }
            // and signs what the entry holds: the command rebuilt from the payload (FORMAT.md 12.3)
            OtherContent other = prepared.otherContent();
            if (other != null) {
                if (other.rebuilt() == null) {
                    throw new LedgerIntegrityException(index, "signature-mismatch", "the statement's content cannot be "
                            + "rebuilt from the entry: " + other.problem(), "a payload that is one JSON object",
                            s.contentSha256());
                }
                throw new LedgerIntegrityException(index, "signature-mismatch", "the statement signed other content "
                        + "than the entry holds (contentSha256 of the command rebuilt from its payload)",
                        other.rebuilt(), s.contentSha256());
            }
            KeyState key = keys.get(s.keyId());
            if (key == null || key.registeredAt() > index) {
                throw new LedgerIntegrityException(index, "signature-key-unknown",
                        "the entry is signed with a key the ledger had not registered", "a key registered before it",
                        s.keyId());
            }
            if (!key.personId().equals(s.signerId())) {
                throw new LedgerIntegrityException(index, "signature-key-unknown",
                        "the entry is signed with a key of another person", key.personId(), s.signerId());
            }
            InvalidSignatureException invalid = prepared.invalid();
            if (prepared.key() != key.key()) { // checked ahead with this key unless the statement named an unknown one
                try {
                    signed.verifyWith(key.key());
                } catch (InvalidSignatureException e) {
                    invalid = e;
                }
            }
            if (invalid != null) {
                throw new LedgerIntegrityException(index, "signature-invalid", invalid.getMessage(), "a valid signature",
                        "an invalid one");
            }
            Instant claimed = prepared.claimed();
            if (claimed == null) {
                throw new LedgerIntegrityException(index, "signature-malformed", "claimedAt is not a time",
                        "RFC 3339", s.claimedAt());
            }
            if (claimed.isBefore(key.validFrom())) {
                findings.add(new SignatureFinding(index, s.signerId(), s.keyId(), "key-not-yet-valid",
                        "claimed " + claimed + ", key valid from " + key.validFrom()));
            } else if (key.revokedAt() != null && !claimed.isBefore(key.revokedAt()) && !SignedActions.managesKeys(s.action())) {
                findings.add(new SignatureFinding(index, s.signerId(), s.keyId(), "key-revoked",
                        "claimed " + claimed + ", key revoked from " + key.revokedAt()));
            }
            return statementBytes;
        }

        /** The statement's claimedAt as a time; null when it is not one. */
        private static Instant claimedAt(io.hazardledger.integrity.sig.Statement s) {
            try {
                return Instant.parse(s.claimedAt());
            } catch (RuntimeException e) {
                return null;
            }
        }

        List<SignatureFinding> findings() {
            return findings;
        }
    }

}
