package io.hazardledger.flags;

/** A flag was acknowledged by a park-office person, with a reason. */
public record FlagAcknowledged(String flagId, String reason, String acknowledgedBy) {
}
