package io.hazardledger.integrity.merkle;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** After every append, the right edge's root is the naive reference's MTH of the same prefix. */
class RightEdgeProperties {

    @Property(tries = 60)
    void everyPrefixRoot_isTheNaiveRoot(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll long seed) {
        RightEdge edge = new RightEdge();
        List<byte[]> leaves = new ArrayList<>();
        assertThat(edge.root()).isEqualTo(NaiveMerkle.mth(leaves));
        for (int i = 0; i < n; i++) {
            byte[] leaf = NaiveMerkle.leafHash(ByteBuffer.allocate(16).putLong(seed).putLong(i).array());
            leaves.add(leaf);
            edge.append(leaf);
            assertThat(edge.size()).isEqualTo(i + 1);
            assertThat(edge.root()).as("root of %d leaves", i + 1).isEqualTo(NaiveMerkle.mth(leaves));
        }
    }
}
