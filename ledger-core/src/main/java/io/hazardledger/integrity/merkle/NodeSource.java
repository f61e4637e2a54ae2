package io.hazardledger.integrity.merkle;

/**
 * Reads the hash of a perfect subtree: level 0 is leaf {@code index}; level {@code l} node {@code i} covers leaves
 * {@code [i * 2^l, (i + 1) * 2^l)}. Only nodes of complete subtrees are ever asked for.
 */
@FunctionalInterface
public interface NodeSource {
    byte[] node(int level, long index);
}
