package io.hazardledger.integrity.merkle;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.log.MerkleLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored log answers as the RFC 9162 reference does over the same leaves, at every size, also once its upper
 * nodes are held in memory (level 6 and up: trees of 64 entries and more) and after the tree grew past the sizes at
 * which they were first read; and a caller that changes a returned hash does not change later answers.
 */
class StoredLogProofsTest {

    @Test
    void proofsAndRootsMatchTheReferenceAsTheTreeGrows(@TempDir Path dir) {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).build()) {
            TestLedgers.park(ledger);
            MerkleLog log = ledger.log();
            int hazards = 0;
            for (int target : new int[] {70, 140, 300}) {
                while (log.size() < target) {
                    TestLedgers.closedLoop(ledger, "hz-" + hazards++);
                }
                int n = (int) log.size();
                List<byte[]> leaves = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    leaves.add(log.leafHash(i));
                }
                for (int size = 1; size <= n; size++) {
                    assertThat(log.root(size)).as("root(%d)", size)
                            .isEqualTo(NaiveMerkle.mth(leaves.subList(0, size)));
                }
                for (int size : java.util.stream.IntStream.of(64, 65, 127, 128, 129, n - 1, n)
                        .filter(k -> k <= n).distinct().toArray()) {
                    List<byte[]> d = leaves.subList(0, size);
                    for (int m = 0; m < size; m++) {
                        assertThat(NaiveMerkle.hex(log.inclusionProof(m, size)))
                                .as("PATH(%d, D[%d])", m, size).isEqualTo(NaiveMerkle.hex(NaiveMerkle.path(m, d)));
                    }
                    for (int m = 1; m <= size; m++) {
                        assertThat(NaiveMerkle.hex(log.consistencyProof(m, size)))
                                .as("PROOF(%d, D[%d])", m, size).isEqualTo(NaiveMerkle.hex(NaiveMerkle.proof(m, d)));
                    }
                }
                // a caller scribbling on what it was given must not reach the log's own copy
                log.inclusionProof(0, n).forEach(h -> h[0] ^= 1);
                log.root(64)[0] ^= 1;
                assertThat(NaiveMerkle.hex(log.inclusionProof(0, n)))
                        .isEqualTo(NaiveMerkle.hex(NaiveMerkle.path(0, leaves)));
                assertThat(log.root(64)).isEqualTo(NaiveMerkle.mth(leaves.subList(0, 64)));
            }
        }
    }

    /** A node a proof needs, missing from the store, is an error naming it, not a wrong proof. */
    @Test
    void aMissingNodeIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        javax.sql.DataSource ds = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            TestLedgers.closedLoop(ledger, "hz-0");
            try (var c = ds.getConnection(); var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM merkle_node WHERE level = 1 AND node_index = 0");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.log().inclusionProof(2, 9))
                    .isInstanceOf(io.hazardledger.store.internal.LedgerStorageException.class)
                    .hasMessageContaining("node (1, 0) is not stored");
        }
    }
}
