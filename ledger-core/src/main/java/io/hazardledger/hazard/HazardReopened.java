package io.hazardledger.hazard;

public record HazardReopened(String hazardId, String reason, String reopenedBy) {
}
