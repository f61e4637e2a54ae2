package io.hazardledger.integrity;

/**
 * One ledger entry as stored: its index, the event it records, its hash and its exact bytes.
 * The bytes are not copied: a stored entry is read once and passed to the verifier.
 */
public record StoredEntry(long index, String eventId, String aggregateId, String entryHash, byte[] bytes) {
}
