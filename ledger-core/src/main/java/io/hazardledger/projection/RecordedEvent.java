package io.hazardledger.projection;

import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.SignedStatement;

import java.time.Instant;

/**
 * An event with its place in the ledger: the entry's index and hash, when it was recorded, the signed statement of the
 * person who did it and that statement's hash, SHA-256 of its canonical bytes in hex (both null for unsigned acts; the
 * hash null too for a statement that has no canonical bytes, which verification refuses).
 */
public record RecordedEvent(long index, String entryHash, String aggregateId, Instant recordedAt, Object payload,
                            SignedStatement signature, String statementHash) {

    /**
     * @throws IllegalArgumentException when {@code statementHash} is given without a statement
     */
    public RecordedEvent {
        if (signature == null && statementHash != null) {
            throw new IllegalArgumentException("a statement hash without a statement");
        }
    }

    /** An event whose statement's hash is computed here from the statement. */
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
