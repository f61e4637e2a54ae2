package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.store.internal.RegisterAutovacuum;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open major hazards per enterprise on PostgreSQL, asked right after many new major hazards, for a fixed time in which
 * autovacuum may or may not reach them. On an existing store that {@link Growth} filled, the register's tables are
 * vacuumed (every page all-visible) and given the ledger's autovacuum settings (schema version 19,
 * {@link RegisterAutovacuum}) or, with {@code defaults}, PostgreSQL's own; the question is asked for 10 seconds (the
 * JVM's first questions, so the JIT is still at work); REPORTS new major hazards are reported by 16 clients; then
 * {@code openMajorHazards()} is asked in a closed loop for SECONDS. Each 10-second window (the last one may be
 * shorter; the time printed is the window's end) prints the latency's p50/p99/max, the heap fetches of one of its
 * index-only scans ({@code EXPLAIN ANALYZE}: index entries whose table page is not yet all-visible) and what
 * PostgreSQL's statistics say of {@code hazard_view} (rows added and dead since its last vacuum, when autovacuum last
 * ran on it). A run with {@code defaults} sets the ledger's settings back at its end, as schema version 19 left them.
 *
 * <pre>java -Dbench.password=… -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.OpenMajorLag
 *     jdbc:postgresql://localhost/bench REPORTS SECONDS ledger|defaults</pre>
 */
public final class OpenMajorLag {

    private static final Pattern HEAP_FETCHES = Pattern.compile("Heap Fetches: (\\d+)");

    private OpenMajorLag() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].startsWith("jdbc:postgresql:") || !args[1].matches("[1-9][0-9]{0,8}")
                || !args[2].matches("[1-9][0-9]{0,8}") || !(args[3].equals("ledger") || args[3].equals("defaults"))) {
            System.err.println("usage: OpenMajorLag jdbc:postgresql:URL REPORTS SECONDS ledger|defaults "
                    + "(REPORTS and SECONDS positive whole numbers)");
            System.exit(2);
        }
        int reports = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        boolean defaults = args[3].equals("defaults");
        try (HikariDataSource ds = Stores.existing(args[0], 20);
             Ledger ledger = Ledger.builder().dataSource(ds).requireSignatures(false).build()) {
            try {
                run(ds, ledger, reports, seconds, defaults);
            } finally {
                if (defaults) {
                    try (Connection c = ds.getConnection()) {
                        RegisterAutovacuum.set(c);
                    }
                    System.out.println("the ledger's settings set back: " + RegisterAutovacuum.SETTINGS);
                }
            }
        }
    }

    private static void run(HikariDataSource ds, Ledger ledger, int reports, long seconds, boolean defaults)
            throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : RegisterAutovacuum.TABLES) {
                if (defaults) {
                    s.execute("ALTER TABLE " + table
                            + " RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor)");
                }
                s.execute("VACUUM (ANALYZE) " + table);
            }
            if (!defaults) {
                RegisterAutovacuum.set(c);
            }
        }
        System.out.printf("%s; %d entries; autovacuum of the register's tables: %s%n", java.time.Instant.now(),
                ledger.log().size(), defaults ? "PostgreSQL's defaults" : RegisterAutovacuum.SETTINGS);
        System.out.println("vacuumed: " + stats(ds) + "; " + heapFetches(ds) + " heap fetches");
        window(ds, ledger, "before the reports", System.nanoTime() + 10_000_000_000L);

        long t0 = System.nanoTime();
        String run = Long.toString(System.currentTimeMillis(), 36);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < reports; k++) {
                long n = 7L * k;   // Park's major hazards are those whose number is a multiple of 7
                Object report = Park.life("hz-lag-" + run + "-" + k, n).get(0);
                done.add(clients.submit(() -> ledger.execute(report)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("%d major hazards reported in %.1f s: %s; %d heap fetches%n", reports,
                (System.nanoTime() - t0) / 1e9, stats(ds), heapFetches(ds));

        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int w = 1; System.nanoTime() < end; w++) {
            window(ds, ledger, "window " + w, Math.min(end, System.nanoTime() + 10_000_000_000L));
        }
    }

    /** Asks for the open major hazards until {@code end} (a {@link System#nanoTime()}), then prints the window. */
    private static void window(HikariDataSource ds, Ledger ledger, String name, long end) throws SQLException {
        List<Long> nanos = new ArrayList<>();
        while (System.nanoTime() < end) {
            long q = System.nanoTime();
            ledger.register().openMajorHazards();
            nanos.add(System.nanoTime() - q);
        }
        ProofLatency.Percentiles p = ProofLatency.Percentiles.of(nanos.stream().mapToLong(Long::longValue).toArray());
        System.out.printf("%s (ended %s): %d asked, open major p50 %.2f / p99 %.2f / max %.2f ms; %d heap fetches; %s%n",
                name, java.time.LocalTime.now().withNano(0), p.count(), p.p50(), p.p99(), p.max(), heapFetches(ds),
                stats(ds));
    }

    /** hazard_view's statistics: rows added and dead since its last vacuum, and when autovacuum last ran on it. */
    private static String stats(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT n_live_tup, n_ins_since_vacuum, n_dead_tup, last_autovacuum, "
                     + "autovacuum_count FROM pg_stat_user_tables WHERE relname = 'hazard_view'")) {
            rs.next();
            return String.format("hazard_view %d rows, %d added and %d dead since its last vacuum, autovacuum %d times, "
                    + "last at %s", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(5), rs.getTimestamp(4));
        }
    }

    /** The heap fetches of the index-only scan of the open major hazards in one open status. */
    private static long heapFetches(HikariDataSource ds) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE) SELECT enterprise_id, due_date FROM hazard_view "
                     + "WHERE level = 'MAJOR' AND status = 'REPORTED'")) {
            while (rs.next()) {
                plan.add(rs.getString(1));
            }
        }
        Matcher m = HEAP_FETCHES.matcher(String.join("\n", plan));
        if (!m.find()) {
            throw new IllegalStateException("not an index-only scan:\n" + String.join("\n", plan));
        }
        return Long.parseLong(m.group(1));
    }
}
