package io.hazardledger.integrity.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NodeSource} over a list of leaf hashes: all perfect subtree hashes computed bottom-up with
 * {@link NaiveMerkle#node}. Asking for a node that is not a complete subtree of the stored leaves fails the test,
 * and every read is counted.
 */
final class ListNodeSource implements NodeSource {

    /** levels.get(l).get(i) covers leaves [i * 2^l, (i + 1) * 2^l). */
    private final List<List<byte[]>> levels = new ArrayList<>();
    private long reads;

    ListNodeSource(List<byte[]> leaves) {
        List<byte[]> level = List.copyOf(leaves);
        levels.add(level);
        while (level.size() >= 2) {
            List<byte[]> up = new ArrayList<>(level.size() / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(NaiveMerkle.node(level.get(i), level.get(i + 1)));
            }
            level = up;
            levels.add(level);
        }
    }

    long size() {
        return levels.get(0).size();
    }

    long reads() {
        return reads;
    }

    @Override
    public byte[] node(int level, long index) {
        if (level < 0 || level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
            throw new AssertionError("node (" + level + ", " + index + ") is not a complete subtree of the "
                    + size() + " stored leaves");
        }
        reads++;
        return levels.get(level).get((int) index).clone();
    }

    /** This source seen as a tree of only its first {@code size} leaves: reading beyond them fails the test. */
    NodeSource limitedTo(long size) {
        return (level, index) -> {
            if (level < 0 || level >= 63 || index < 0 || index >= (size >>> level)) {
                throw new AssertionError("node (" + level + ", " + index + ") is not a complete subtree of the first "
                        + size + " leaves");
            }
            return node(level, index);
        };
    }
}
