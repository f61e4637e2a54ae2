package io.hazardledger.hazard;

public record HazardClosedOut(String hazardId, int submissionNo, String remarks, String closedBy) {
}
