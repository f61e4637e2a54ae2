package io.hazardledger;

/**
 * The chain head as committed: the ledger's size (entries 0 to size - 1) and the hash of its last entry
 * (64 zeros while the ledger is empty).
 */
public record ChainHead(long size, String headHash) {
}
