package io.hazardledger.signing;

/**
 * One act in a trail: its ledger entry (index, hash, event type), what was done to which aggregate, and who signed
 * it with which key, when they claimed and when the ledger recorded it. {@code status} is {@code valid},
 * {@code key-revoked} (the key was later revoked from a time before the claimed time), or {@code unsigned}.
 */
public record SignedAct(long index, String entryHash, String eventType, String aggregateId, String action,
                        String signerId, String keyId, String claimedAt, String recordedAt, String mode,
                        String status) {
}
