package io.hazardledger.whistleblower;

/** A park-office person opened the report's sealed identity, for a stated reason: recorded before it is opened. */
public record WhistleblowerIdentityRevealed(String reportId, String reason, String revealedBy) {
}
