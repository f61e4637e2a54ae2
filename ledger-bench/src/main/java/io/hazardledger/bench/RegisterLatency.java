package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.register.RegisterFilter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The register asked now, on an unsigned store that {@link Growth} filled: a page of 100 hazards at an offset of 0 to
 * 900 for each filter its pages are read by (enterprise and status, as {@link Growth} asks; enterprise; status; none),
 * one hazard, and open major hazards per enterprise; p50/p99/max of each over a round of {@code QUERIES}, after a
 * warm-up round of the same size (none with a third argument {@code cold}: the first questions after a start, as
 * when the database's caches are empty). Before each page question one general hazard is reported (untimed), as in a
 * live register, so that no answer can come from a cache of an unchanged table; the store keeps them.
 *
 * <pre>java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.RegisterLatency STORE QUERIES [cold]</pre>
 *
 * STORE is an H2 file store's path without its {@code .mv.db} suffix, or a {@code jdbc:postgresql:} URL (user and
 * password from {@code -Dbench.user}, {@code -Dbench.password}).
 */
public final class RegisterLatency {

    private RegisterLatency() {
    }

    public static void main(String[] args) throws Exception {
        String store = args[0];
        int queries = Integer.parseInt(args[1]);
        boolean cold = args.length > 2 && args[2].equals("cold");
        try (HikariDataSource ds = Stores.existing(store, 4);
             Ledger ledger = Ledger.builder().dataSource(ds).requireSignatures(false).build()) {
            List<String> ids = new ArrayList<>();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 // in the key's order: read from the primary key's index, not the table (a scan of the table would
                 // bring its pages back into the caches a cold run has emptied)
                 ResultSet rs = s.executeQuery("SELECT hazard_id FROM hazard_view ORDER BY hazard_id")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            long size = ledger.log().size();
            Random random = new Random(13);
            HazardStatus[] statuses = HazardStatus.values();
            String[] shapes = {"enterprise and status", "enterprise", "status", "none"};
            long[][] find = new long[shapes.length][queries];
            long[] get = new long[queries];
            long[] major = new long[queries];
            for (int round = cold ? 1 : 0; round < 2; round++) { // the first round warms up
                for (int k = 0; k < queries; k++) {
                    for (int shape = 0; shape < shapes.length; shape++) {
                        String extra = "hz-r" + size + "-" + round + "-" + k + "-" + shape;
                        int n = random.nextInt(Park.ENTERPRISES);
                        ledger.execute(Park.life(extra, n % 7 == 0 ? n + 10 : n).get(0)); // a general hazard (n % 7 != 0)
                        String enterprise = shape <= 1 ? Park.enterprise(random.nextInt(Park.ENTERPRISES)) : null;
                        HazardStatus status = shape == 0 || shape == 2 ? statuses[random.nextInt(statuses.length)]
                                : null;
                        RegisterFilter f = new RegisterFilter(enterprise, null, status, null, null, 100,
                                random.nextInt(10) * 100);
                        long t0 = System.nanoTime();
                        ledger.register().find(f);
                        find[shape][k] = System.nanoTime() - t0;
                    }
                    String id = ids.get(random.nextInt(ids.size()));
                    long t0 = System.nanoTime();
                    if (ledger.register().get(id).isEmpty()) {
                        throw new IllegalStateException("hazard " + id + " is missing from the register");
                    }
                    get[k] = System.nanoTime() - t0;
                    t0 = System.nanoTime();
                    ledger.register().openMajorHazards();
                    major[k] = System.nanoTime() - t0;
                }
            }
            StringBuilder line = new StringBuilder(String.format("%d entries, %d questions of each kind%s:", size,
                    queries, cold ? " (no warm-up)" : ""));
            for (int shape = 0; shape < shapes.length; shape++) {
                line.append(String.format(" find by %s %s;", shapes[shape], text(find[shape])));
            }
            line.append(String.format(" get %s; open-major %s", text(get), text(major)));
            System.out.println(line);
        }
    }

    private static String text(long[] nanos) {
        ProofLatency.Percentiles p = ProofLatency.Percentiles.of(nanos);
        return String.format("p50 %.2f / p99 %.2f / max %.2f ms", p.p50(), p.p99(), p.max());
    }
}
