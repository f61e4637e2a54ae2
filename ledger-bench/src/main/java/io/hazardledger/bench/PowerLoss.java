package io.hazardledger.bench;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.store.internal.ForcedCommits;
import io.hazardledger.store.internal.H2Housekeeping;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a power loss leaves of an embedded H2 store that the ledger's housekeeping keeps. H2 writes each commit to the
 * file and never forces it to disk itself; the ledger forces it after each commit before it answers
 * ({@code forced}, its default since 2026-12-05), and each housekeeping run forces it, then rewrites the emptiest
 * chunks, whose space H2 gives to new chunks. The store is written through {@link PowerLossFileSystem}, which
 * remembers what was forced and what was written since. One commit after another, a housekeeping run every
 * {@code EVERY} commits, and power losses simulated: what each could leave of the file (as the {@code MODEL} has it)
 * is written to a file of its own and opened, and counted as one of three {@link Outcome}s. Nothing is timed.
 *
 * <ul>
 *   <li>{@code forced}: each commit is forced as the ledger forces it ({@link ForcedCommits}), and a loss is taken at
 *   every seventh force of the file (the commits' and the runs'), just before it is applied: with the writes of the
 *   commit being forced on disk or not. The file must hold every commit acknowledged before that force began. The
 *   ledger then keeps its file itself, as in the server: its housekeeping runs every {@code MILLIS} / 2 on a thread
 *   of its own, between and during commits ({@code EVERY} applies to the table only).</li>
 *   <li>{@code unforced}, a table: a loss after every seventh commit; the file must hold every commit acknowledged
 *   at the last housekeeping run. A ledger with {@code forceCommits(false)}: its own housekeeping, every
 *   {@code MILLIS} / 2, forces the file and moves its held version ten times an interval; a loss is taken at every
 *   seventh force (runs' and syncs'), just before it is applied, and the file must hold every entry acknowledged when
 *   the force before it began. After the last commit the run waits (a minute at most) for a first such loss.</li>
 * </ul>
 *
 * <ul>
 *   <li>{@code table}: each commit writes one of 120 rows of 3,000 characters and a counter; the file must hold the
 *   rows exactly as the commit its counter names left them.</li>
 *   <li>{@code ledger}: a ledger on the store, each commit one command of the benchmarks' park; the file must open as
 *   a ledger that verifies, whose head is the entry some acknowledged command wrote.</li>
 * </ul>
 *
 * <pre>java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.PowerLoss WORKDIR table|ledger \
 *     writes|pages|kill [COMMITS] [EVERY] [SEED] [MILLIS] [forced|unforced]</pre>
 * COMMITS (default 600) commits; EVERY (default 40) commits between housekeeping runs; SEED (default 1) chooses what
 * each loss keeps; MILLIS (default 2000, what the ledger passes: twice its interval) the housekeeping's time argument,
 * the age under which its compaction leaves a chunk alone; {@code forced} (the default) or {@code unforced} commits.
 * {@code -Dbench.fullScan=true} first opens each image as H2's recovery tools do (MVStore's recovery mode: every chunk
 * in the file read, not the chain from the file header), an experiment (BENCHMARKS.md, 2026-12-05).
 */
public final class PowerLoss {

    private static final int ROWS = 120;
    private static final int LOSS_EVERY = 7;

    private PowerLoss() {
    }

    /** What a simulated power loss left. */
    public enum Outcome {
        /**
         * The file opened with every commit known forced to disk (with commits forced, every commit acknowledged
         * before the force at which the loss was taken; else every commit acknowledged at the last housekeeping run).
         */
        KEPT,
        /** The file opened as an earlier commit left it: commits forced to disk were lost. */
        OLDER,
        /** The file did not open, or not as any commit left it. */
        BROKEN
    }

    /** The losses simulated, how many had each outcome, the first failures described, and the forces made. */
    public record Result(int losses, Map<Outcome, Integer> outcomes, List<String> failures, int forces) {
    }

    public static void main(String[] args) throws Exception {
        Result r;
        try {
            if (args.length < 3 || args.length > 8 || !List.of("table", "ledger").contains(args[1])
                    || args.length == 8 && !List.of("forced", "unforced").contains(args[7])) {
                throw new IllegalArgumentException();
            }
            PowerLossFileSystem.Model model =
                    PowerLossFileSystem.Model.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
            int commits = args.length > 3 ? Integer.parseInt(args[3]) : 600;
            int every = args.length > 4 ? Integer.parseInt(args[4]) : 40;
            long seed = args.length > 5 ? Long.parseLong(args[5]) : 1;
            long millis = args.length > 6 ? Long.parseLong(args[6]) : 2000;
            boolean forced = args.length < 8 || args[7].equals("forced");
            if (commits < 1 || every < 1 || millis < 0) {
                throw new IllegalArgumentException();
            }
            r = run(Path.of(args[0]), args[1].equals("ledger"), model, commits, every, seed,
                    Duration.ofMillis(millis), forced);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: PowerLoss WORKDIR table|ledger writes|pages|kill [COMMITS] [EVERY] [SEED] "
                    + "[MILLIS] [forced|unforced] (whole numbers: COMMITS and EVERY at least 1, MILLIS at least 0)");
            System.exit(2);
            return;
        }
        System.out.println("losses " + r.losses() + ": " + r.outcomes() + "; the file forced " + r.forces() + " times");
        r.failures().forEach(f -> System.out.println("  " + f));
    }

    /**
     * Writes a fresh store under {@code work}, simulating a power loss at every seventh force ({@code forced}, and a
     * ledger unforced) or after every seventh commit (a table unforced).
     */
    public static Result run(Path work, boolean ledger, PowerLossFileSystem.Model model, int commits, int every,
                             long seed, Duration housekeepingTime, boolean forced) throws Exception {
        PowerLossFileSystem.register();
        Path dir = Files.createTempDirectory(Files.createDirectories(work), "powerloss-");
        Path file = dir.resolve("store");
        String journaled = file.toAbsolutePath() + ".mv.db";
        JdbcDataSource ds = source(PowerLossFileSystem.SCHEME + ":" + file.toAbsolutePath());
        H2Housekeeping housekeeping = new H2Housekeeping(ds, housekeepingTime);
        Random random = new Random(seed);
        // a ledger keeps its file itself, as in the server: its housekeeping runs every MILLIS / 2 on its own thread,
        // between and during commits; forced, its held version moved at each force; unforced, it forces the file and
        // moves the held version ten times an interval; the table's runs come every EVERY commits, here
        boolean ownRuns = ledger;
        Writer writer = ledger ? new LedgerWriter(ds, forced, housekeepingTime)
                : new TableWriter(ds, forced ? housekeeping : null);
        try {
            if (!ownRuns) {
                housekeeping.run();
            }
            int lastRun = writer.acknowledged();
            // the losses taken and not yet opened, each with the commits it must hold (taken on whatever thread forces)
            List<Loss> taken = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger mustHold = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch firstLoss = new java.util.concurrent.CountDownLatch(1);
            if (forced && model == PowerLossFileSystem.Model.KILL) {
                // a kill after every seventh write of the file, whatever wrote it (a commit, a run, H2's header)
                PowerLossFileSystem.killsAtWrites(journaled, LOSS_EVERY,
                        image -> taken.add(new Loss(image, mustHold.get())));
            } else if (forced) {
                PowerLossFileSystem.lossesAtForces(journaled, LOSS_EVERY, model, random,
                        image -> taken.add(new Loss(image, mustHold.get())));
            } else if (ledger) {
                // a loss just before every seventh force must hold what was acknowledged when the force before began
                int[] atLastForce = {writer.acknowledged()};
                PowerLossFileSystem.atEveryForce(journaled, force -> {
                    int now = writer.acknowledged();
                    if (force % LOSS_EVERY == 0) {
                        taken.add(new Loss(PowerLossFileSystem.afterPowerLoss(journaled, model, random),
                                atLastForce[0]));
                        firstLoss.countDown();
                    }
                    atLastForce[0] = now;
                });
            }
            Opened opened = new Opened(dir, writer);
            for (int n = 1; n <= commits; n++) {
                mustHold.set(forced ? writer.acknowledged() : lastRun);
                writer.commit();
                if (forced) {
                    mustHold.set(writer.acknowledged());
                }
                if (n % every == 0 && !ownRuns) {
                    housekeeping.run();
                    lastRun = writer.acknowledged();
                }
                if (!forced && !ledger && n % LOSS_EVERY == 0) {
                    taken.add(new Loss(PowerLossFileSystem.afterPowerLoss(journaled, model, random), lastRun));
                }
                opened.open(taken, n);
            }
            if (!forced && ledger && !housekeepingTime.isZero()) {
                // the ledger forces on its own time: a run this short may not have reached a seventh force yet
                if (!firstLoss.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the ledger did not force its file seven times in a minute");
                }
                opened.open(taken, commits);
            }
            return new Result(opened.losses, opened.outcomes, opened.failures, PowerLossFileSystem.forces(journaled));
        } finally {
            if (!ownRuns) {
                housekeeping.stop();
            }
            writer.close();
            deleteTree(dir);
        }
    }

    /** The losses opened so far and what each left. */
    private static final class Opened {
        private final Path dir;
        private final Writer writer;
        private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        private final List<String> failures = new ArrayList<>();
        private int losses;

        Opened(Path dir, Writer writer) {
            this.dir = dir;
            this.writer = writer;
        }

        /** Opens each loss taken and not yet opened (the last commit made was {@code atCommit}), and counts it. */
        void open(List<Loss> taken, int atCommit) throws java.io.IOException {
            List<Loss> now;
            synchronized (taken) {
                now = new ArrayList<>(taken);
                taken.clear();
            }
            for (Loss loss : now) {
                losses++;
                Path image = dir.resolve("loss-" + losses);
                Files.createDirectories(image);
                Files.write(image.resolve("store.mv.db"), loss.image());
                String failure;
                try {
                    if (Boolean.getBoolean("bench.fullScan")) {
                        try (org.h2.mvstore.MVStore scanned = new org.h2.mvstore.MVStore.Builder()
                                .fileName(image.resolve("store.mv.db").toString()).recoveryMode().open()) {
                            scanned.getCurrentVersion();
                        }
                    }
                    failure = writer.check(image.resolve("store"), loss.mustHold());
                } catch (Exception | AssertionError e) {
                    failure = "does not open: " + e;
                } finally {
                    deleteTree(image);
                }
                Outcome outcome = failure == null ? Outcome.KEPT
                        : failure.startsWith("older") ? Outcome.OLDER : Outcome.BROKEN;
                outcomes.merge(outcome, 1, Integer::sum);
                if (failure != null && failures.size() < 20) {
                    failures.add("at commit " + atCommit + " (" + loss.mustHold() + " to hold): " + failure);
                }
            }
        }
    }

    /** What a simulated power loss left of the file, and how many commits (or entries) it must hold. */
    private record Loss(byte[] image, int mustHold) {
    }

    /** The commits of one workload, and what a file a power loss left must hold. */
    private interface Writer extends AutoCloseable {
        /** Makes one commit, returning once it is acknowledged. */
        void commit() throws Exception;

        /** How many commits (table) or entries (ledger) have been acknowledged. */
        int acknowledged();

        /** Null if the file opens as commit {@code atLeast} or a later acknowledged one left it; else why not. */
        String check(Path file, int atLeast) throws Exception;

        @Override
        void close() throws Exception;
    }

    /** 120 rows of 3,000 characters and a counter; commit n writes row (37 n mod 120) and sets the counter to n. */
    private static final class TableWriter implements Writer {
        private final Connection c;
        private final PreparedStatement row;
        private final PreparedStatement counter;
        private final ForcedCommits forced;
        private int n;

        /**
         * With {@code forcedWith}, each commit forced to disk before it counts as acknowledged, as the ledger does,
         * that housekeeping's held version moved at each force.
         */
        TableWriter(JdbcDataSource ds, H2Housekeeping forcedWith) throws Exception {
            this.forced = forcedWith == null ? null : new ForcedCommits(forcedWith);
            c = ds.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(4000))");
                s.execute("CREATE TABLE k(n INT)");
                for (int id = 0; id < ROWS; id++) {
                    s.execute("INSERT INTO t VALUES (" + id + ", '" + value(id, 0) + "')");
                }
                s.execute("INSERT INTO k VALUES (0)");
            }
            c.setAutoCommit(false);
            row = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?");
            counter = c.prepareStatement("UPDATE k SET n = ?");
        }

        @Override
        public void commit() throws Exception {
            n++;
            row.setString(1, value(rowOf(n), n));
            row.setInt(2, rowOf(n));
            row.executeUpdate();
            counter.setInt(1, n);
            counter.executeUpdate();
            c.commit();
            if (forced != null) {
                forced.afterCommit(c);
            }
        }

        @Override
        public int acknowledged() {
            return n;
        }

        @Override
        public String check(Path file, int atLeast) throws Exception {
            try (Connection image = source(file.toAbsolutePath().toString()).getConnection();
                 Statement s = image.createStatement()) {
                int held;
                try (ResultSet rs = s.executeQuery("SELECT n FROM k")) {
                    if (!rs.next()) {
                        return "no counter";
                    }
                    held = rs.getInt(1);
                }
                if (held > n) {
                    return "holds commit " + held + ", never made";
                }
                try (ResultSet rs = s.executeQuery("SELECT id, v FROM t ORDER BY id")) {
                    for (int id = 0; id < ROWS; id++) {
                        if (!rs.next() || rs.getInt(1) != id
                                || !rs.getString(2).equals(value(id, lastWrite(id, held)))) {
                            return "row " + id + " is not as commit " + held + " left it";
                        }
                    }
                    if (rs.next()) {
                        return "a row too many";
                    }
                }
                return held < atLeast ? "older: holds commit " + held : null;
            }
        }

        @Override
        public void close() throws Exception {
            c.close();
        }

        private static int rowOf(int n) {
            return (n * 37) % ROWS;
        }

        /** The last commit up to {@code n} that wrote row {@code id}, or 0 (the insert). */
        private static int lastWrite(int id, int n) {
            for (int m = n; m > 0; m--) {
                if (rowOf(m) == id) {
                    return m;
                }
            }
            return 0;
        }

        private static String value(int id, int n) {
            return (id + "/" + n + "/").repeat(1000).substring(0, 3000);
        }
    }

    /** A ledger of the benchmarks' park, one command a commit; each acknowledged entry's hash is kept. */
    private static final class LedgerWriter implements Writer {
        /** Keeps the database open: H2 closes it with its last connection, and forces the file as it does. */
        private final Connection keeper;
        private final Ledger ledger;
        private final List<Object> commands = new ArrayList<>();
        private final List<String> hashes = new ArrayList<>();   // the hash of entry i at i
        /** The entries acknowledged, read on the housekeeping's thread too (where losses are taken at its forces). */
        private volatile int acknowledged;
        private long hazards;

        /**
         * The ledger's own housekeeping every {@code housekeepingTime} / 2 (none for zero); with {@code forced}, the
         * ledger's default, each commit forced to disk before the ledger answers, else the housekeeping also forces
         * the file ten times an interval ({@code forceCommits(false)}).
         */
        LedgerWriter(JdbcDataSource ds, boolean forced, Duration housekeepingTime) throws Exception {
            keeper = ds.getConnection();
            ledger = Ledger.builder().dataSource(ds).forceCommits(forced)
                    .storeHousekeeping(housekeepingTime.dividedBy(2)).build();
            Park.register(ledger, false);
            hashes.addAll(java.util.Collections.nCopies((int) ledger.verify().size(), null));
            acknowledged = hashes.size();
        }

        @Override
        public void commit() {
            if (commands.isEmpty()) {
                commands.addAll(Park.life("hz-" + hazards, hazards));
                hazards++;
            }
            Receipt receipt = ledger.execute(commands.remove(0));
            for (Receipt.Entry e : receipt.entries()) {
                while (hashes.size() <= e.index()) {
                    hashes.add(null);
                }
                hashes.set((int) e.index(), e.entryHash());
            }
            acknowledged = hashes.size();
        }

        @Override
        public int acknowledged() {
            return acknowledged;
        }

        @Override
        public String check(Path file, int atLeast) throws java.sql.SQLException {
            JdbcDataSource image = source(file.toAbsolutePath() + ";LOCK_TIMEOUT=10000");
            try (Connection open = image.getConnection();
                 Ledger opened = Ledger.builder().dataSource(image).storeHousekeeping(Duration.ZERO).build()) {
                VerifiedLedger v;
                try {
                    v = opened.verify();
                } catch (io.hazardledger.integrity.LedgerIntegrityException e) {
                    return "does not verify: " + e.getMessage();
                }
                int size = (int) v.size();
                if (size == 0) {
                    return "older: holds no entry";
                }
                if (size > hashes.size()) {
                    return "holds " + size + " entries, " + hashes.size() + " acknowledged";
                }
                String expected = hashes.get(size - 1);
                if (expected != null && !expected.equals(v.headHash())) {
                    return "its head is not the entry acknowledged at " + (size - 1);
                }
                return size < atLeast ? "older: holds " + size + " entries" : null;
            }
        }

        @Override
        public void close() throws java.sql.SQLException {
            ledger.close();
            keeper.close();
        }
    }

    private static JdbcDataSource source(String path) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + path + ";WRITE_DELAY=0");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
