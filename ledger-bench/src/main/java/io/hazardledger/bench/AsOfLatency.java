package io.hazardledger.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.LedgerPosition;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.register.RegisterFilter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The register asked "as of" random earlier positions of an existing store (one that {@link Growth} filled): a page
 * of one enterprise's hazards in one status, one hazard, and open major hazards per enterprise; p50/p99/max of each,
 * after a warm-up round of the same size.
 *
 * <pre>java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.AsOfLatency STORE QUERIES</pre>
 *
 * STORE is an H2 file store without its {@code .mv.db} suffix.
 */
public final class AsOfLatency {

    private AsOfLatency() {
    }

    /** What was measured. */
    public record Result(long size, double catchUpSeconds, ProofLatency.Percentiles find,
                         ProofLatency.Percentiles get, ProofLatency.Percentiles openMajor) {
        String line() {
            return String.format("history caught up in %.1f s; as of a random position of %d entries: find p50 %.2f / "
                            + "p99 %.2f / max %.2f ms, get "
                            + "p50 %.2f / p99 %.2f / max %.2f ms, open-major p50 %.2f / p99 %.2f / max %.2f ms (%d each)",
                    catchUpSeconds, size, find.p50(), find.p99(), find.max(), get.p50(), get.p99(), get.max(), openMajor.p50(),
                    openMajor.p99(), openMajor.max(), find.count());
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(args[0], Integer.parseInt(args[1])).line());
    }

    /** Opens the H2 file store (path without {@code .mv.db}) and measures there. */
    public static Result run(String store, int queries) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + store + Stores.H2_SETTINGS);
        pool.setUsername("sa");
        pool.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(pool);
             Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            return measure(ledger, ds, queries);
        }
    }

    public static Result measure(Ledger ledger, javax.sql.DataSource ds, int queries) throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> enterprises = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT hazard_id FROM hazard_view")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT enterprise_id FROM enterprise_view")) {
                while (rs.next()) {
                    enterprises.add(rs.getString(1));
                }
            }
        }
        long size = ledger.log().size();
        // the first question as of a position brings the register's history up to it (from scratch after a replay)
        long c0 = System.nanoTime();
        ledger.register().get("", ledger.position(size, null));
        double catchUp = (System.nanoTime() - c0) / 1e9;
        Random random = new Random(11);
        HazardStatus[] statuses = HazardStatus.values();
        long[] find = new long[queries];
        long[] get = new long[queries];
        long[] major = new long[queries];
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (int k = 0; k < queries; k++) {
                LedgerPosition at = ledger.position((long) (random.nextDouble() * size), null);
                String enterprise = enterprises.get(random.nextInt(enterprises.size()));
                HazardStatus status = statuses[random.nextInt(statuses.length)];
                long t0 = System.nanoTime();
                ledger.register().find(new RegisterFilter(enterprise, null, status, null, null, 100,
                        random.nextInt(10) * 100), at);
                find[k] = System.nanoTime() - t0;
                String id = ids.get(random.nextInt(ids.size()));
                t0 = System.nanoTime();
                ledger.register().get(id, at);
                get[k] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                ledger.register().openMajorHazards(at);
                major[k] = System.nanoTime() - t0;
            }
        }
        return new Result(size, catchUp, ProofLatency.Percentiles.of(find), ProofLatency.Percentiles.of(get),
                ProofLatency.Percentiles.of(major));
    }
}
