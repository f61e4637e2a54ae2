/**
 * The RFC 9162 Merkle tree over the ledger's entry hashes (the leaves are the entry hashes, already
 * {@code SHA-256(0x00 || entry)}): root hashes, inclusion and consistency proofs built from stored perfect subtrees
 * in O(log n) reads, and their verification. JDK only.
 */
package io.hazardledger.integrity.merkle;
