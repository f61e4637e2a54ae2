package io.hazardledger.store.internal;

import io.hazardledger.integrity.merkle.MerkleHash;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Merkle nodes a verification's workers compute ahead, for a slice of a batch of entries, are exactly the nodes of
 * RFC 9162's tree that each leaf completes and whose leaves all lie in the slice: none is missing, none extra, each
 * hashed as the tree's definition hashes it, wherever the slice begins and whether or not a leaf is missing from it.
 */
class MerkleAheadProperties {

    private static final HexFormat HEX = HexFormat.of();

    /** Leaf i's hash: any 32 bytes will do, the same for a leaf wherever it is read. */
    private static byte[] leafHash(long i) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(("leaf " + i).getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 9162's hash of the perfect subtree (level, index), computed from its leaves by the definition. */
    private static byte[] subtree(int level, long index) throws Exception {
        if (level == 0) {
            return leafHash(index);
        }
        return MerkleHash.node(subtree(level - 1, 2 * index), subtree(level - 1, 2 * index + 1));
    }

    @Property(tries = 300)
    void theNodesAheadAreTheTreesNodesWithinTheSlice(@ForAll @LongRange(min = 0, max = 5_000) long first,
                                                    @ForAll @IntRange(min = 0, max = 300) int count,
                                                    @ForAll @IntRange(min = -1, max = 299) int missing) throws Exception {
        List<EntryRow> entries = new ArrayList<>();
        for (long i = first; i < first + count; i++) {
            if (i - first != missing) {
                entries.add(new EntryRow(i, "e" + i, "a", HEX.formatHex(leafHash(i)), new byte[0], "T"));
            }
        }
        int from = entries.isEmpty() ? 0 : entries.size() / 3;
        int to = entries.size() - (entries.isEmpty() ? 0 : entries.size() / 5);
        MerkleAudit.Ahead[] ahead = MerkleAudit.ahead(entries, from, to);
        assertThat(ahead).hasSize(to - from);
        for (int k = from; k < to; k++) {
            long leaf = entries.get(k).index();
            long sliceStart = entries.get(from).index();
            // the slice's leaves are consecutive from sliceStart up to the missing one, and again after it
            long runStart = missing >= 0 && first + missing < leaf && first + missing >= sliceStart
                    ? first + missing + 1 : sliceStart;
            MerkleAudit.Ahead a = ahead[k - from];
            assertThat(a.leaf()).isEqualTo(leaf);
            assertThat(a.leafHash()).isEqualTo(leafHash(leaf));
            List<Integer> levels = new ArrayList<>();
            for (int level = 1; level < 62 && ((leaf + 1) & ((1L << level) - 1)) == 0
                    && leaf + 1 - (1L << level) >= runStart; level++) {
                levels.add(level);
            }
            assertThat(a.nodes().length).as("nodes completed by leaf %d within [%d, %d]", leaf, runStart, leaf)
                    .isEqualTo(levels.size());
            for (int level : levels) {
                byte[] expected = subtree(level, leaf >> level);
                assertThat(a.nodes()[level - 1]).as("node (%d, %d)", level, leaf >> level).isEqualTo(expected);
                assertThat(a.nodesHex()[level - 1]).isEqualTo(HEX.formatHex(expected));
            }
        }
    }

    @Property(tries = 50)
    void aLeafWhoseHashIsNotHex_isLeftToTheCheck_andSubtreesBeforeItAreNotJoinedAcrossIt(
            @ForAll @IntRange(min = 0, max = 63) int broken) throws Exception {
        List<EntryRow> entries = new ArrayList<>();
        for (long i = 0; i < 64; i++) {
            String hash = i == broken ? "not hex" : HEX.formatHex(leafHash(i));
            entries.add(new EntryRow(i, "e" + i, "a", hash, new byte[0], "T"));
        }
        MerkleAudit.Ahead[] ahead = MerkleAudit.ahead(entries, 0, 64);
        assertThat(ahead[broken]).isNull();
        for (int k = 0; k < 64; k++) {
            if (k == broken) {
                continue;
            }
            int level = ahead[k].nodes().length;
            // no node reaches back over the broken leaf
            assertThat(k + 1 - (1L << level) > broken || k < broken).as("leaf %d, level %d", k, level).isTrue();
            if (level > 0) {
                assertThat(ahead[k].nodes()[level - 1]).isEqualTo(subtree(level, k >> level));
            }
        }
    }
}
