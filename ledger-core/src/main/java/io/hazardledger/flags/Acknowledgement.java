package io.hazardledger.flags;

import java.time.Instant;

/** The acknowledgement of a flag: the entry that records it, who acknowledged it, why, and when it was recorded. */
public record Acknowledgement(long index, String entryHash, String acknowledgedBy, String reason, Instant at) {
}
