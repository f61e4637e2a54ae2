package io.hazardledger.integrity;

import java.util.Objects;

/**
 * What a ledger entry says about its event, everything but its place in the chain.
 * <p>
 * {@code metadataJson} and {@code payloadJson} are JSON texts exactly as the event store holds them;
 * {@code recordedAt} is the stored timestamp, RFC 3339 UTC with milliseconds ({@code 2026-11-29T10:41:14.123Z}).
 */
public record EntryContent(String eventId,
                           String aggregateType,
                           String aggregateId,
                           long aggregateSequence,
                           String eventType,
                           String payloadRevision,
                           String recordedAt,
                           String metadataJson,
                           String payloadJson) {

    public EntryContent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (metadataJson == null || metadataJson.isBlank()) {
            metadataJson = "{}";
        }
    }
}
