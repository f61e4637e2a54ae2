package io.hazardledger.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.integrity.merkle.ProofException;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.log.MerkleLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Latency of inclusion and consistency proofs served from the stored tree (H2 file store), at N entries:
 * {@code java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.ProofLatency 1000000 /tmp/proofs},
 * through a connection pool (HikariCP) as the server serves them.
 * The tree is filled with synthetic entry hashes and the perfect-subtree nodes the writer would store (not timed);
 * then 2,000 proofs of each kind (after a warm-up round) at random indexes and sizes are timed one by one (p50, p99).
 * In place of the directory, a {@code jdbc:postgresql:} URL fills and times an empty PostgreSQL database the same way
 * (user and password as {@link Stores#existing} takes them).
 * On a store a run filled before (an H2 path without {@code .mv.db}, or a {@code jdbc:postgresql:} URL, as
 * {@link Stores#existing} opens them), at its own size, nothing written:
 * {@code java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.ProofLatency existing STORE [PROOFS [RUNS]]}
 * (2,000 proofs, 3 runs by default). Each timed round is followed by what else the JVM did during it ({@link Beside}),
 * and, with {@code -Dbench.attribute=true} (and, for the safepoints,
 * {@code --add-exports java.management/sun.management=ALL-UNNAMED}), where the timed proofs' time went on the timing
 * thread ({@link CallAccount}).
 */
public final class ProofLatency {

    private ProofLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && "existing".equals(args[0])) {
            for (Result r : existing(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 2_000,
                    args.length > 3 ? Integer.parseInt(args[3]) : 3)) {
                r.print();
            }
            return;
        }
        long n = Long.parseLong(args[0]);
        int proofs = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        if (args[1].startsWith("jdbc:postgresql:")) {
            try (HikariDataSource ds = Stores.existing(args[1], 4)) {
                run(ds, n, proofs).print();
            }
            return;
        }
        run(n, Path.of(args[1]), proofs).print();
    }

    /**
     * The timings of one run; every timed proof was then checked against the stored roots. {@code calls} says where
     * the timed proofs' time went on the timing thread ({@link CallAccount}), or is {@code null} when not asked for.
     */
    public record Result(long entries, Percentiles inclusion, Percentiles consistency, Beside beside,
                         CallAccount.Summary calls) {

        /** What {@link #main} prints of it. */
        void print() {
            System.out.println(inclusion.line("inclusion", entries));
            System.out.println(consistency.line("consistency", entries));
            System.out.println(beside.line());
            if (calls != null) {
                System.out.println(calls.line());
            }
        }
    }

    /**
     * What else this JVM did during a timed round, to tell a tail's cause: the round's wall time, the CPU time of
     * every thread but the one timing the proofs (the collector, the JIT compilers, H2's housekeeping, the ledger's
     * pollers), the JIT's compile time, the collections and their time, and how many proofs took over 1 ms. The
     * other threads' CPU is the process's (counted by Linux in 10 ms ticks) less the timing thread's (exact): it is
     * good to about 10 ms, and can be slightly negative in a short, quiet round.
     */
    public record Beside(double seconds, double otherCpuSeconds, double jitSeconds, long collections,
                         double collectionSeconds, int inclusionOver1ms, int consistencyOver1ms) {

        String line() {
            return String.format(java.util.Locale.ROOT, "  beside the timed round of %.2f s: other threads' CPU %.2f s,"
                            + " JIT %.2f s, %d collections taking %.3f s; over 1 ms: %d inclusion, %d consistency",
                    seconds, otherCpuSeconds, jitSeconds, collections, collectionSeconds, inclusionOver1ms,
                    consistencyOver1ms);
        }
    }

    /** The counters {@link Beside} is the difference of, now. */
    private record Counters(long wall, long process, long thread, long jit, long collections, long collectionMillis) {
        static Counters now() {
            long count = 0;
            long millis = 0;
            for (java.lang.management.GarbageCollectorMXBean gc
                    : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
            return new Counters(System.nanoTime(), JvmCost.processCpuNanos(),
                    java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(),
                    jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0,
                    count, millis);
        }

        /** From these counters to now, with the round's proof times. */
        Beside since(long[] inclusion, long[] consistency) {
            Counters now = now();
            return new Beside((now.wall - wall) / 1e9, ((now.process - process) - (now.thread - thread)) / 1e9,
                    (now.jit - jit) / 1e3, now.collections - collections,
                    (now.collectionMillis - collectionMillis) / 1e3, over1ms(inclusion), over1ms(consistency));
        }
    }

    /** How many of these times (in nanoseconds) are over 1 ms. */
    static int over1ms(long[] nanos) {
        return (int) Arrays.stream(nanos).filter(t -> t > 1_000_000).count();
    }

    /** p50, p99 and max of one kind of proof, in milliseconds. */
    public record Percentiles(double p50, double p99, double max, int count) {
        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                    sorted[sorted.length - 1] / 1e6, sorted.length);
        }

        String line(String kind, long n) {
            return String.format("%s proofs at %d entries: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d proofs)", kind,
                    n, p50, p99, max, count);
        }
    }

    /**
     * Fills {@code dir} with a tree of {@code n} entries unless it already holds one, times {@code proofs} proofs of
     * each kind (after a warm-up round of as many), and checks each timed proof (untimed) against the stored roots.
     *
     * @throws IllegalStateException if any proof does not check
     */
    public static Result run(long n, Path dir, int proofs) throws Exception {
        Files.createDirectories(dir);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath());
        pool.setUsername("sa");
        pool.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(pool)) {
            return run(ds, n, proofs);
        }
    }

    /**
     * As {@link #run(long, Path, int)}, on the store behind {@code ds} (a PostgreSQL database, say): filled unless it
     * holds a tree of {@code n} already.
     *
     * @throws IllegalStateException if it holds a tree of another size
     */
    static Result run(javax.sql.DataSource ds, long n, int proofs) throws Exception {
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            long size = ledger.log().size();
            if (size != n && size != 0) {
                throw new IllegalStateException("the store holds a tree of " + size + " entries, not " + n);
            }
            if (size == 0) {
                fill(ds, n);
            }
            return time(ledger.log(), n, proofs);
        }
    }

    /**
     * Times {@code proofs} inclusion and consistency proofs at random indexes and sizes near {@code n} (after a
     * warm-up round of as many), and checks each (untimed) against the stored roots.
     */
    static Result time(MerkleLog log, long n, int proofs) throws java.io.IOException {
        try (CallAccount account = CallAccount.openIfAsked()) {
            return time(log, n, proofs, account);
        }
    }

    /** As {@link #time(MerkleLog, long, int)}, with each timed proof accounted for in {@code account} if not null. */
    static Result time(MerkleLog log, long n, int proofs, CallAccount account) {
        Random random = new Random(1);
        long[] inclusion = new long[proofs];
        long[] consistency = new long[proofs];
        Counters before = null;
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                before = Counters.now();   // the timed round; its checks are in it too, as in the warm-up
                if (account != null) {
                    account.take();        // the warm-up's calls are not the round's
                }
            }
            for (int k = 0; k < proofs; k++) {
                long size = Math.max(2, n - random.nextInt((int) Math.min(1000, n - 1)));
                long index = (long) (random.nextDouble() * size);
                if (account != null) {
                    account.start();
                }
                long t0 = System.nanoTime();
                List<byte[]> path = log.inclusionProof(index, size);
                inclusion[k] = System.nanoTime() - t0;
                if (account != null) {
                    account.end(inclusion[k]);
                }
                long from = 1 + (long) (random.nextDouble() * (size - 1));
                if (account != null) {
                    account.start();
                }
                t0 = System.nanoTime();
                List<byte[]> steps = log.consistencyProof(from, size);
                consistency[k] = System.nanoTime() - t0;
                if (account != null) {
                    account.end(consistency[k]);
                }
                try {
                    byte[] root = log.root(size);
                    Proofs.verifyInclusion(index, size, log.leafHash(index), path, root);
                    Proofs.verifyConsistency(from, size, log.root(from), root, steps);
                } catch (ProofException e) {
                    throw new IllegalStateException("a served proof does not check (index " + index + ", sizes "
                            + from + " and " + size + "): " + e.getMessage(), e);
                }
            }
        }
        return new Result(n, Percentiles.of(inclusion), Percentiles.of(consistency),
                before.since(inclusion, consistency), account == null ? null : account.take());
    }

    /**
     * {@code runs} timings of {@code proofs} proofs of each kind (each after its own warm-up round) on a store a run
     * filled before, at the store's own size; nothing is written. The same random indexes every run: a first run
     * reads the tree's pages from disk where a later one finds them in the database's cache.
     */
    static List<Result> existing(String store, int proofs, int runs) throws Exception {
        try (CallAccount account = CallAccount.openIfAsked()) {
            return existing(store, proofs, runs, account);
        }
    }

    /** As {@link #existing(String, int, int)}, with each timed proof accounted for in {@code account} if not null. */
    static List<Result> existing(String store, int proofs, int runs, CallAccount account) throws Exception {
        try (HikariDataSource ds = Stores.existing(store, 4);
             Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            long n = ledger.log().size();
            if (n < 2) {
                throw new IllegalArgumentException("the store at " + store + " holds " + n + " entries, fewer than 2");
            }
            List<Result> out = new java.util.ArrayList<>();
            for (int run = 0; run < runs; run++) {
                out.add(time(ledger.log(), n, proofs, account));
            }
            return out;
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
