package io.hazardledger.projection;

import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.SignedStatement;

import java.time.Instant;

/**
 * An event with its place in the ledger: the entry's index and hash, when it was recorded, the signed statement of the
 * person who did it and that statement's hash, SHA-256 of its canonical bytes in hex (both null for unsigned acts; the
 * hash null too for a statement that has no canonical bytes, which verification refuses), and the person who asked
 * for the write, as the application that wrote it said ({@code caller}: the entry's {@code ledgerCaller} metadata,
 * docs/FORMAT.md section 1; null when it names none).
 */
public record RecordedEvent(long index, String entryHash, String aggregateId, Instant recordedAt, Object payload,
                            SignedStatement signature, String statementHash, String caller) {

    /** The metadata member that names the person who asked for the write. */
    public static final String CALLER = "ledgerCaller";

    /**
     * @throws IllegalArgumentException when {@code statementHash} is given without a statement
     */
    public RecordedEvent {
        if (signature == null && statementHash != null) {
            throw new IllegalArgumentException("a statement hash without a statement");
        }
    }

    /** An event that names no caller. */
    public RecordedEvent(long index, String entryHash, String aggregateId, Instant recordedAt, Object payload,
                         SignedStatement signature, String statementHash) {
        this(index, entryHash, aggregateId, recordedAt, payload, signature, statementHash, null);
    }

    /** This event with {@code caller} as the person who asked for it. */
    public RecordedEvent withCaller(String caller) {
        return new RecordedEvent(index, entryHash, aggregateId, recordedAt, payload, signature, statementHash, caller);
    }

    /** An event whose statement's hash is computed here from the statement, naming no caller. */
    public RecordedEvent(long index, String entryHash, String aggregateId, Instant recordedAt, Object payload,
                         SignedStatement signature) {
        this(index, entryHash, aggregateId, recordedAt, payload, signature, hashOf(signature));
    }

    private static String hashOf(SignedStatement signature) {
        if (signature == null) {
            return null;
        }
        try {
            return Hashes.sha256Hex(signature.statement().canonicalBytes());
        } catch (IllegalArgumentException e) {
            return null;   // an unpaired surrogate: no canonical bytes
        }
    }
}
