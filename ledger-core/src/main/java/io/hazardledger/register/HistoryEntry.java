package io.hazardledger.register;

/** One event of a hazard's history, with its ledger entry: index, hash, and the exact entry bytes as JSON text. */
public record HistoryEntry(long index, String entryHash, String eventType, String entryJson) {
}
