package io.hazardledger.bench;

import io.hazardledger.Ledger;
import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.log.MerkleLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Latency of inclusion and consistency proofs served from the stored tree (H2 file store), at N entries:
 * {@code java -cp ledger-core/target/benchmarks.jar:$H2_JAR io.hazardledger.bench.ProofLatency 1000000 /tmp/proofs}
 * (H2 is not in the benchmarks jar: add its jar from the local Maven repository).
 * The tree is filled with synthetic entry hashes and the perfect-subtree nodes the writer would store (not timed);
 * then 2,000 proofs of each kind (after a warm-up round) at random indexes and sizes are timed one by one (p50, p99).
 */
public final class ProofLatency {

    private ProofLatency() {
    }

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        String url = "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath();
        javax.sql.DataSource ds = new DriverDataSource(url);
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            if (ledger.log().size() != n) {
                fill(ds, n);
            }
            MerkleLog log = ledger.log();
            Random random = new Random(1);
            long[] inclusion = new long[2_000];
            long[] consistency = new long[2_000];
            for (int warm = 0; warm < 2; warm++) {
                for (int k = 0; k < inclusion.length; k++) {
                    long size = n - random.nextInt(1000);
                    long index = (long) (random.nextDouble() * size);
                    long t0 = System.nanoTime();
                    log.inclusionProof(index, size);
                    inclusion[k] = System.nanoTime() - t0;
                    long from = 1 + (long) (random.nextDouble() * (size - 1));
                    t0 = System.nanoTime();
                    log.consistencyProof(from, size);
                    consistency[k] = System.nanoTime() - t0;
                }
            }
            report("inclusion", n, inclusion);
            report("consistency", n, consistency);
        }
    }

    private static void report(String kind, long n, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s proofs at %d entries: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d proofs)%n", kind, n,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    /** A DataSource over DriverManager (the benchmark takes H2 from the class path). */
    private static final class DriverDataSource implements javax.sql.DataSource {
        private final String url;

        DriverDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return java.sql.DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public Connection getConnection(String user, String password) throws java.sql.SQLException {
            return java.sql.DriverManager.getConnection(url, user, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
            throw new java.sql.SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    /** Entry hashes and perfect-subtree nodes as the writer stores them, and the head. */
    private static void fill(javax.sql.DataSource ds, long n) throws Exception {
        HexFormat hex = HexFormat.of();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement entry = c.prepareStatement("INSERT INTO ledger_entry (ledger_index, event_id, "
                    + "aggregate_id, event_type, entry_hash, entry) VALUES (?, ?, 'a', 'T', ?, ?)");
                 PreparedStatement node = c.prepareStatement("INSERT INTO merkle_node (level, node_index, hash, "
                         + "leaf_index) VALUES (?, ?, ?, ?)")) {
                byte[][] levelsLeft = new byte[64][];
                for (long i = 0; i < n; i++) {
                    byte[] leaf = sha.digest(Long.toString(i).getBytes());
                    entry.setLong(1, i);
                    entry.setString(2, "ev-" + i);
                    entry.setString(3, hex.formatHex(leaf));
                    entry.setBytes(4, new byte[]{'{', '}'});
                    entry.addBatch();
                    byte[] cur = leaf;
                    long idx = i;
                    int level = 0;
                    while ((idx & 1) == 1) {
                        cur = MerkleHash.node(levelsLeft[level], cur);
                        level++;
                        idx >>= 1;
                        node.setInt(1, level);
                        node.setLong(2, idx);
                        node.setString(3, hex.formatHex(cur));
                        node.setLong(4, i);
                        node.addBatch();
                    }
                    levelsLeft[level] = cur;
                    if (i % 10_000 == 9_999) {
                        entry.executeBatch();
                        node.executeBatch();
                        c.commit();
                    }
                }
                entry.executeBatch();
                node.executeBatch();
                try (PreparedStatement head = c.prepareStatement("UPDATE ledger_head SET size = ? WHERE id = 1")) {
                    head.setLong(1, n);
                    head.executeUpdate();
                }
                c.commit();
            }
        }
    }
}
