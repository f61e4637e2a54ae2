package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Ledger.verify()} (or {@code Ledger.replay()}, or only the reading a verification does) of a store filled
 * before (by {@link Growth}, whose stores stay in its work directory), timed several times in one JVM: the first run
 * as a fresh process sees it, then warm runs. The same store measured before and after a change gives the change's
 * effect on the same entries. Each round also gives the CPU time per entry of the whole process (every thread: the
 * workers, the collector, the JIT, H2's housekeeping; not a PostgreSQL server's) and of the calling thread alone
 * (the one that reads the rows and makes the in-order checks), which say how far the cores bound it.
 *
 * <pre>java -Xmx512m -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.StoreVerify STORE [ROUNDS] [verify|scan|replay|replay-empty]</pre>
 * STORE is an H2 file store's path without {@code .mv.db}, or a {@code jdbc:postgresql:} URL ({@code -Dbench.password}).
 * {@code scan} reads what {@code verify} reads (the key history, the entries with their events, the Merkle nodes and
 * the final counts, in the same queries and objects: {@link LedgerStore#readOnly}) and checks nothing: the floor of a
 * verification of that store; it opens no ledger (no migration, no H2 housekeeping beside it, nothing written).
 * With {@code replay} each round rebuilds every projection (which changes the store's projection tables, not its
 * ledger: run it on a copy to keep the store as it was); with {@code replay-empty} the register, its history and the
 * weekly facts are deleted before each round (not timed), so that the replay writes every row of them, as into a
 * projection a migration added ({@code -Dbench.truncate=true}: emptied by {@code TRUNCATE TABLE}, as new tables, instead
 * of {@code DELETE}). {@code -Dbench.housekeepingMs} sets the ledger's H2 housekeeping interval (default
 * 1000, as the server runs it; 0 turns it off, to see what it costs). Before the first round and after the last,
 * {@link OpensslBaseline} prints OpenSSL's SHA-256 and Ed25519 on one core: the hardware's limit, in the same run.
 * For a PostgreSQL server on this machine, each round also says how much CPU the server's processes took during it
 * ({@link ServerCpu}), since a replay's JVM may wait for it more than it works.
 * {@code -Dbench.logKey=PEM} gives the ledger a log key, as the server has, so that replays leave verified marks
 * ({@link #withLogKey}) and verifications compare the stored checkpoints; {@code -Dbench.checkpointEvery=K} stores
 * them first ({@link #storeCheckpoints}).
 */
public final class StoreVerify {

    private StoreVerify() {
    }

    /**
     * What one round measured: entries verified, read or replayed; the wall, process CPU and calling thread's CPU
     * seconds taken; the time the JIT compilers spent compiling meanwhile (summed over their threads); signature
     * findings ({@code verify}) and Merkle nodes read ({@code scan}); on Linux, the CPU time an entry of each group of
     * the process's threads ({@link ThreadCpu}: the calling thread "main", the workers that check ahead
     * "ledger-verify", a replay's history reader and digester, the collector, the JIT…; empty elsewhere); and for a
     * PostgreSQL server on this machine, the CPU seconds its processes took meanwhile ({@link ServerCpu}; NaN where
     * there is none to read, as for H2, which runs in the JVM).
     */
    public record Round(long entries, double seconds, double cpuSeconds, double threadCpuSeconds, double jitSeconds,
                        long signatureFindings, long merkleNodes, Map<String, Double> threadsMicrosPerEntry,
                        double serverCpuSeconds) {
        double perSecond() {
            return entries / seconds;
        }

        double cpuMicrosPerEntry() {
            return cpuSeconds * 1e6 / entries;
        }

        double threadCpuMicrosPerEntry() {
            return threadCpuSeconds * 1e6 / entries;
        }
    }

    public static void main(String[] args) throws Exception {
        String usage = "usage: StoreVerify STORE [ROUNDS] [verify|scan|replay|replay-empty]";
        int rounds;
        try {
            rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        } catch (NumberFormatException e) {
            rounds = 0;
        }
        String mode = args.length > 2 ? args[2] : "verify";
        if (args.length < 1 || args.length > 3 || rounds < 1
                || !MODES.contains(mode)) {
            System.err.println(usage + " (ROUNDS a whole number of at least 1)");
            System.exit(2);
        }
        // the hardware's limit, measured in the same run, before and after (SHA-256 of 1 KiB, Ed25519, one core each)
        OpensslBaseline.measure().forEach(System.out::println);
        int[] round = {0};
        run(args[0], rounds, mode, r -> System.out.printf("round %d: %s %d entries in %.2f s: %.0f entries/s; "
                        + "CPU an entry: process %.1f µs (%.2f cores), calling thread %.1f µs; JIT %.2f s%s%n",
                ++round[0], mode, r.entries(), r.seconds(), r.perSecond(), r.cpuMicrosPerEntry(),
                r.cpuSeconds() / r.seconds(), r.threadCpuMicrosPerEntry(), r.jitSeconds(), switch (mode) {
                    case "verify" -> " (" + r.signatureFindings() + " signature findings)";
                    case "scan" -> " (" + r.merkleNodes() + " Merkle nodes)";
                    default -> "";
                } + (Double.isNaN(r.serverCpuSeconds()) ? "" : String.format(java.util.Locale.ROOT,
                        "; database server CPU an entry %.1f µs (%.2f cores)",
                        r.serverCpuSeconds() * 1e6 / r.entries(), r.serverCpuSeconds() / r.seconds()))
                        + (r.threadsMicrosPerEntry().isEmpty() ? ""
                        : "\n  CPU an entry by thread: " + ThreadCpu.text(r.threadsMicrosPerEntry()))));
        OpensslBaseline.measure().forEach(System.out::println);
    }

    /**
     * {@code rounds} rounds of {@code mode} ({@code verify}, {@code scan}, {@code replay} or {@code replay-empty}) on
     * the store, in this JVM, one ledger open throughout; each round is also given to {@code eachRound} as it ends.
     */
    public static List<Round> run(String store, int rounds, String mode,
                                  java.util.function.Consumer<Round> eachRound) throws Exception {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("verify, scan, replay or replay-empty, got " + mode);
        }
        List<Round> out = new ArrayList<>();
        String serverUser = ServerCpu.userFor(store);
        try (HikariDataSource ds = Stores.existing(store, 4);
             Ledger ledger = mode.equals("scan") ? null : withLogKey(Ledger.builder().dataSource(ds).storeHousekeeping(
                     java.time.Duration.ofMillis(Long.getLong("bench.housekeepingMs", 1000)))).build()) {
            long every = Long.getLong("bench.checkpointEvery", 0);
            if (every > 0 && ledger != null) {
                storeCheckpoints(ds, ledger, every);
            }
            for (int round = 1; round <= rounds; round++) {
                if (mode.equals("replay-empty")) {
                    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
                        // -Dbench.truncate=true: the tables emptied as new ones are, with no dead rows or index
                        // entries left for PostgreSQL's vacuum (DELETE leaves them until autovacuum comes by)
                        String empty = Boolean.getBoolean("bench.truncate") ? "TRUNCATE TABLE " : "DELETE FROM ";
                        for (String sql : new String[] {empty + "hazard_view", empty + "weekly_fact",
                                empty + "hazard_version", "UPDATE hazard_version_head SET next_index = 0"}) {
                            s.executeUpdate(sql);
                        }
                    }
                }
                ThreadCpu threads = ThreadCpu.start();
                long server0 = ServerCpu.ticks(serverUser);
                long cpu0 = JvmCost.processCpuNanos();
                long thread0 = THREADS.getCurrentThreadCpuTime();
                long jit0 = JIT.getTotalCompilationTime();
                long t0 = System.nanoTime();
                long entries;
                long findings = 0;
                long nodes = 0;
                switch (mode) {
                    case "verify" -> {
                        VerifiedLedger v = ledger.verify();
                        entries = v.size();
                        findings = v.signatureFindings().size();
                        if (!v.checkpoints().equals(VerifiedLedger.Checkpoints.NONE)) {
                            System.out.println("  stored checkpoints compared: " + v.checkpoints());
                        }
                    }
                    case "scan" -> {
                        LedgerStore.Read read = new LedgerStore(ds, LedgerSerializer.forEvents(), List.of()).readOnly();
                        if (read.events() != read.entries()) {
                            throw new IllegalStateException("read " + read.entries() + " entries but "
                                    + read.events() + " events");
                        }
                        entries = read.entries();
                        nodes = read.merkleNodes();
                    }
                    default -> entries = ledger.replay();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long server1 = ServerCpu.ticks(serverUser);
                Round r = new Round(entries, seconds, (JvmCost.processCpuNanos() - cpu0) / 1e9,
                        (THREADS.getCurrentThreadCpuTime() - thread0) / 1e9,
                        (JIT.getTotalCompilationTime() - jit0) / 1e3, findings, nodes,
                        threads == null ? Map.of() : threads.perUnit(entries),
                        server0 < 0 || server1 < 0 ? Double.NaN : (server1 - server0) / ServerCpu.TICKS_PER_SECOND);
                out.add(r);
                eachRound.accept(r);
                if (mode.startsWith("replay")) {
                    // a replay keeps the stored history only when it is the one the entries make: say which it did
                    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement();
                         java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM hazard_version")) {
                        rs.next();
                        System.out.println("  register history after the replay: " + rs.getLong(1) + " versions");
                    }
                }
            }
        }
        return out;
    }

    /**
     * With {@code -Dbench.checkpointEvery=K} and a log key, signs and stores, before the first round, the checkpoints
     * of K, 2K, … entries up to the head that the store lacks, as a server checkpointing every K entries would have:
     * a verification compares each with the entries (docs/FORMAT.md, section 6, check 7b). K = 1, a checkpoint of every
     * size, is the most a store can hold (a quiet server checkpoints each write).
     */
    private static void storeCheckpoints(javax.sql.DataSource ds, Ledger ledger, long every) throws Exception {
        io.hazardledger.integrity.note.NoteSigner signer = new io.hazardledger.integrity.note.NoteSigner(ORIGIN,
                io.hazardledger.integrity.sig.PemSigner.fromFile(java.nio.file.Path.of(System.getProperty(
                        "bench.logKey"))));
        long size = ledger.log().size();
        long made = 0;
        long t0 = System.nanoTime();
        try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO checkpoint (tree_size, root_hash, note, created_at) SELECT CAST(? AS BIGINT), "
                        + "CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(4000)), CAST(? AS VARCHAR(40)) WHERE NOT EXISTS "
                        + "(SELECT 1 FROM checkpoint WHERE tree_size = ?)")) {
            c.setAutoCommit(false);
            String now = java.time.Instant.now().toString();
            for (long n = every; n <= size; n += every) {
                byte[] root = ledger.log().root(n);
                ps.setLong(1, n);
                ps.setString(2, java.util.HexFormat.of().formatHex(root));
                ps.setString(3, signer.sign(new io.hazardledger.integrity.note.Checkpoint(ORIGIN, n, root).text()));
                ps.setString(4, now);
                ps.setLong(5, n);
                made += ps.executeUpdate();
                if (n % 10_000 < every) {
                    c.commit();
                }
            }
            c.commit();
        }
        System.out.printf("stored %d checkpoints (one every %d entries up to %d) in %.1f s%n", made, every, size,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The log's origin in these runs. */
    private static final String ORIGIN = "bench.example/ledger";

    /**
     * With {@code -Dbench.logKey=PEM} (an Ed25519 private key file, made there if it does not exist), the ledger has a
     * log key, as the server has: its replays leave verified marks (docs/FORMAT.md, 14.9), and a replay after one takes
     * the signatures below it as checked. The same file must be given to every run on the store.
     */
    private static Ledger.Builder withLogKey(Ledger.Builder builder) throws Exception {
        String file = System.getProperty("bench.logKey");
        if (file == null) {
            return builder;
        }
        java.nio.file.Path pem = java.nio.file.Path.of(file);
        if (!java.nio.file.Files.exists(pem)) {
            java.nio.file.Files.writeString(pem, io.hazardledger.integrity.sig.KeyPairs.generate(
                    io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).privateKeyPem());
        }
        return builder.checkpoints(io.hazardledger.integrity.sig.PemSigner.fromFile(pem), ORIGIN,
                java.time.Duration.ZERO);
    }

    private static final List<String> MODES = List.of("verify", "scan", "replay", "replay-empty");
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The time the JIT compilers have spent compiling, summed over their threads (milliseconds). */
    private static final java.lang.management.CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
}
