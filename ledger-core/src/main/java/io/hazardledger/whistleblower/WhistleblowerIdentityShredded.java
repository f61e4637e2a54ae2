package io.hazardledger.whistleblower;

/** A park-office person destroyed the report's wrapped data key: the identity can no longer be opened by anyone. */
public record WhistleblowerIdentityShredded(String reportId, String reason, String shreddedBy) {
}
