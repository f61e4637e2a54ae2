package io.hazardledger.hazard;

public record RectificationVerified(String hazardId, int submissionNo, boolean passed, String remarks,
                                    String verifierId) {
}
