package io.hazardledger.integrity;

/** A ledger that verified: how many entries, and the hash of the last one (64 zeros when empty). */
public record VerifiedLedger(long size, String headHash) {
}
