package io.hazardledger.client;

/** An entry the client proved to be in the trusted log: its index, hash, event type and exact bytes (JSON text). */
public record VerifiedEntry(long index, String entryHash, String eventType, String entryJson) {
}
