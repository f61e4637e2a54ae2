package io.hazardledger.integrity;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.integrity.Vectors.ChainCase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Writes each chain vector into the ledger's tables of a fresh H2 database and runs {@code Ledger.verify()}: the
 * database must give the verdict the vector names, so the vectors, docs/FORMAT.md section 6 and the real
 * verifier agree.
 */
class StoredVectorsTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> chainVectors_giveTheSameVerdictFromTheDatabase() {
        return Vectors.files("chain").map(file -> DynamicTest.dynamicTest(Vectors.name(file), file.toUri(), () -> {
            ChainCase v = Vectors.read(file, ChainCase.class);
            assumeTrue(inIndexOrder(v), "a database hands entries over in index order, so this case cannot be stored");
            DataSource ds = TestLedgers.store(dir);
            try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
                store(ds, v);

                LedgerIntegrityException failure = catchThrowableOfType(LedgerIntegrityException.class, ledger::verify);

                if (v.wantErr() == null) {
                    assertThat(failure).as(v.desc()).isNull();
                    assertThat(ledger.verify()).isEqualTo(new VerifiedLedger(v.head().size(), v.head().hash()));
                } else {
                    assertThat(failure).as(v.desc()).isNotNull();
                    assertThat(failure.check()).as(failure.getMessage()).isEqualTo(v.wantErr().check());
                    assertThat(failure.index()).as(failure.getMessage()).isEqualTo(v.wantErr().index());
                }
            }
        }));
    }

    private static boolean inIndexOrder(ChainCase v) {
        for (int i = 1; i < v.entries().size(); i++) {
            if (v.entries().get(i).index() <= v.entries().get(i - 1).index()) {
                return false;
            }
        }
        return true;
    }

    /** The vector's rows, as FORMAT.md section 5 lays them out. */
    private static void store(DataSource ds, ChainCase v) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_domain_event (aggregate_identifier, "
                    + "sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, "
                    + "time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Vectors.Event e : v.events()) {
                    ps.setString(1, e.aggregateId());
                    ps.setLong(2, e.aggregateSequence());
                    ps.setString(3, e.aggregateType().isEmpty() ? null : e.aggregateType());
                    ps.setString(4, e.eventId());
                    ps.setBytes(5, e.metadataJson() == null ? null : e.metadataJson().getBytes(StandardCharsets.UTF_8));
                    ps.setBytes(6, e.payloadJson().getBytes(StandardCharsets.UTF_8));
                    ps.setString(7, e.payloadRevision());
                    ps.setString(8, e.eventType());
                    ps.setString(9, e.recordedAt());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_entry (ledger_index, event_id, "
                    + "aggregate_id, event_type, entry_hash, entry) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Vectors.Entry e : v.entries()) {
                    ps.setLong(1, e.index());
                    ps.setString(2, e.eventId());
                    ps.setString(3, e.aggregateId());
                    ps.setString(4, e.eventType());
                    ps.setString(5, e.entryHash());
                    ps.setBytes(6, e.bytes().getBytes(StandardCharsets.UTF_8));
                    ps.executeUpdate();
                }
            }
            storeMerkleNodes(c);
            if (v.head() == null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM ledger_head")) {
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_head SET size = ?, head_hash = ? WHERE id = 1")) {
                    ps.setLong(1, v.head().size());
                    ps.setString(2, v.head().hash());
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
        }
    }

    /** The Merkle nodes an honest writer would have stored over the stored entry hashes, in index order. */
    private static void storeMerkleNodes(Connection c) throws SQLException {
        java.util.List<String> leaves = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_hash FROM ledger_entry ORDER BY ledger_index");
             java.sql.ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                leaves.add(rs.getString(1));
            }
        }
        java.util.HexFormat hex = java.util.HexFormat.of();
        java.util.Map<String, byte[]> nodes = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO merkle_node (level, node_index, hash, leaf_index) VALUES (?, ?, ?, ?)")) {
            for (int leaf = 0; leaf < leaves.size(); leaf++) {
                byte[] current = hex.parseHex(leaves.get(leaf));
                nodes.put("0/" + leaf, current);
                long index = leaf;
                int level = 0;
                while ((index & 1) == 1) {
                    current = io.hazardledger.integrity.merkle.MerkleHash.node(nodes.get(level + "/" + (index - 1)), current);
                    level++;
                    index >>= 1;
                    nodes.put(level + "/" + index, current);
                    ps.setInt(1, level);
                    ps.setLong(2, index);
                    ps.setString(3, hex.formatHex(current));
                    ps.setLong(4, leaf);
                    ps.executeUpdate();
                }
            }
        }
    }
}
