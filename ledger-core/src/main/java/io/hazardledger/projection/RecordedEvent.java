package io.hazardledger.projection;

import java.time.Instant;

/** An event with its place in the ledger: the entry's index and hash, and when it was recorded. */
public record RecordedEvent(long index, String entryHash, String aggregateId, Instant recordedAt, Object payload) {
}
