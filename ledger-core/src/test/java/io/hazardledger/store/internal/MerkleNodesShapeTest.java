package io.hazardledger.store.internal;

import io.hazardledger.integrity.merkle.MerkleTree;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement that reads a proof's nodes: its text depends only on how many leaves and nodes it reads, rounded up,
 * so that the database parses each of a few texts once and then finds it in its cache of statements. Before, the
 * text followed the proof's own sequence of leaves and nodes, and nearly every proof was parsed anew.
 */
class MerkleNodesShapeTest {

    @Test
    void theBranchesReadEveryKeyAskedFor_leavesFirst_paddedWithTheFirstOfEachKind() {
        long leaf = MerkleNodes.key(0, 5);
        long node1 = MerkleNodes.key(1, 2);
        long node3 = MerkleNodes.key(3, 1);
        MerkleNodes.Shape shape = MerkleNodes.shape(List.of(node1, leaf, node3));

        assertThat(shape.keys()).containsExactly(leaf, leaf, node1, node3, node1, node1, node1, node1, node1, node1);
        assertThat(shape.sql().split(" UNION ALL ")).hasSize(10);
        assertThat(shape.sql().split(" UNION ALL ")[1]).contains("FROM ledger_entry");
        assertThat(shape.sql().split(" UNION ALL ")[2]).contains("FROM merkle_node");
        // three leaves: four leaf branches; nine nodes: sixteen node branches
        List<Long> more = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            more.add(MerkleNodes.key(0, i));
        }
        for (int i = 0; i < 9; i++) {
            more.add(MerkleNodes.key(1 + i, i));
        }
        MerkleNodes.Shape bigger = MerkleNodes.shape(more);
        assertThat(bigger.keys()).hasSize(20);
        assertThat(Arrays.stream(bigger.keys()).boxed().toList()).containsAll(more);
        assertThat(new HashSet<>(Arrays.stream(bigger.keys()).boxed().toList())).hasSize(12);
    }

    @Test
    void theProofsOfATree_readTheirNodesInAFewStatementTexts() {
        // as JdbcMerkleLog reads them once its upper nodes are cached: only the levels below the cached ones
        int cachedFrom = JdbcMerkleLog.cachedFrom(1_000_000);
        Set<String> texts = new HashSet<>();
        Set<String> unshaped = new HashSet<>();
        Consumer<Set<Long>> read = wanted -> {
            if (!wanted.isEmpty()) {
                texts.add(MerkleNodes.shape(wanted).sql());
                unshaped.add(wanted.stream().map(k -> (k & 63) == 0 ? "L" : "N").reduce("", String::concat));
            }
        };
        for (long size = 1_000_000 - 300; size <= 1_000_000; size++) {
            for (long k = 0; k < 40; k++) {
                long index = (k * 7_919 + size * 31) % size;
                long from = 1 + (k * 104_729 + size * 17) % size;
                final long n = size;
                read.accept(wanted(cachedFrom, tree -> tree.inclusionProof(index, n)));
                read.accept(wanted(cachedFrom, tree -> tree.consistencyProof(from, n)));
                read.accept(wanted(cachedFrom, tree -> tree.root(n)));
            }
        }
        // H2 keeps the last 8 statement texts of a session parsed (QUERY_CACHE_SIZE): the proofs' texts fit in it,
        // where the sequences of leaves and nodes that chose the text before did not
        assertThat(unshaped).hasSizeGreaterThan(20);
        assertThat(texts).hasSizeLessThanOrEqualTo(7);
    }

    /** The keys a computation on the tree asks for below {@code cachedFrom}, as JdbcMerkleLog's first run records. */
    private static Set<Long> wanted(int cachedFrom, Consumer<MerkleTree> work) {
        Set<Long> wanted = new LinkedHashSet<>();
        work.accept(new MerkleTree((level, index) -> {
            if (level < cachedFrom) {
                wanted.add(MerkleNodes.key(level, index));
            }
            return new byte[32];
        }));
        return wanted;
    }
}
