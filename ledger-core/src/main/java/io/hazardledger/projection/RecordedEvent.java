package io.hazardledger.projection;

import io.hazardledger.integrity.sig.SignedStatement;

import java.time.Instant;

/**
 * An event with its place in the ledger: the entry's index and hash, when it was recorded, and the signed
 * statement of the person who did it (null for unsigned acts).
 */
public record RecordedEvent(long index, String entryHash, String aggregateId, Instant recordedAt, Object payload,
                            SignedStatement signature) {
}
