package io.hazardledger.log;

import java.util.List;

/**
 * The ledger as an RFC 9162 log. Sizes and indexes are checked against the current tree size: a size beyond it
 * or an index not below it is an {@link io.hazardledger.InvalidInputException} naming the argument.
 */
public interface MerkleLog {

    /** The current tree size: the number of committed entries. */
    long size();

    /** The root hash of the tree of the first {@code size} entries (32 bytes). */
    byte[] root(long size);

    /** The leaf hash of entry {@code index}: its entry hash, {@code SHA-256(0x00 || entry)}. */
    byte[] leafHash(long index);

    /** The inclusion proof of entry {@code index} in the tree of size {@code treeSize}. */
    List<byte[]> inclusionProof(long index, long treeSize);

    /** The consistency proof from the tree of size {@code from} to the tree of size {@code to}. */
    List<byte[]> consistencyProof(long from, long to);

    /** Entries {@code from} (inclusive) to {@code to} (exclusive), each exactly the bytes that were hashed. */
    List<byte[]> entries(long from, long to);
}
