package io.hazardledger.integrity.merkle;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.log.MerkleLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the embedded store, proofs read the tree's nodes by two statements whose text never changes, so that H2 parses
 * each once per connection and keeps it: H2 keeps a plain SELECT parsed, never a UNION, and a UNION of a proof's own
 * nodes (one text per sequence of leaves and nodes) was parsed anew for nearly every proof, which took more of its
 * time than the reads. Counted by H2's own statistics of the statements it ran.
 */
class ProofStatementsTest {

    @Test
    void proofsOnH2_runTwoStatementTextsOverAndOver(@TempDir Path dir) throws Exception {
        DataSource ds = TestLedgers.h2(dir);
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            for (int k = 0; ledger.log().size() < 200; k++) {
                TestLedgers.closedLoop(ledger, "hz-" + k);
            }
            MerkleLog log = ledger.log();
            long n = log.size();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("SET QUERY_STATISTICS TRUE");   // counts from here on
            }
            for (long size = n - 40; size <= n; size++) {
                for (long index = 0; index < size; index += 13) {
                    log.inclusionProof(index, size);
                    log.consistencyProof(1 + index, size);
                }
            }
            Map<String, Long> nodeReads = new HashMap<>();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT"
                         + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
                while (rs.next()) {
                    String sql = rs.getString(1);
                    if (sql.contains("merkle_node") || sql.contains("entry_hash FROM ledger_entry")) {
                        nodeReads.put(sql, rs.getLong(2));
                    }
                }
            }
            assertThat(nodeReads).as("the statements that read the tree").hasSize(2)
                    .allSatisfy((sql, count) -> {
                        assertThat(sql).doesNotContain("UNION");
                        assertThat(count).isGreaterThan(100);
                    });
        }
    }
}
