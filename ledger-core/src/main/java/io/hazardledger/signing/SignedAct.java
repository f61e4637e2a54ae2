package io.hazardledger.signing;

/**
 * One act in a trail: its ledger entry (index, hash, event type), what was done to which aggregate, and who signed
 * it with which key, when they claimed and when the ledger recorded it. {@code status} is {@code valid},
 * {@code key-revoked} (the key was later revoked from a time before the claimed time), or {@code unsigned}.
 * {@code caller} is the person who asked for the write, as the application that wrote it said (the person of the API
 * token; {@link io.hazardledger.Ledger#execute(Object, io.hazardledger.integrity.sig.SignedStatement, String)}):
 * null for the ledger's own acts, a server's command line, and entries written before callers were recorded.
 */
public record SignedAct(long index, String entryHash, String eventType, String aggregateId, String action,
                        String signerId, String keyId, String claimedAt, String recordedAt, String mode,
                        String status, String caller) {
}
