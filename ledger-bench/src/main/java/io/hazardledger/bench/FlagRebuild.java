package io.hazardledger.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.flags.FlagQuery;
import io.hazardledger.flags.FlagRule;
import io.hazardledger.flags.IntegrityFlag;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every flag rule over a whole existing H2 store, from scratch: the first {@code ledger.flags()} question after a
 * start reads every entry (with its event) through the flag engine. Prints the time, entries per second, the flags
 * by rule and the heap after a full GC; then times {@code atIndex} questions on the built flags.
 *
 * <pre>java -Xmx512m -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.FlagRebuild /tmp/g/ledger-UUID</pre>
 * (the store path without {@code .mv.db}, such as one {@link Growth} filled).
 */
public final class FlagRebuild {

    private FlagRebuild() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + args[0] + Stores.H2_SETTINGS);
        pool.setUsername("sa");
        pool.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(pool);
             Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ZERO).build()) {
            long size = ledger.log().size();
            long t0 = System.nanoTime();
            List<IntegrityFlag> first = ledger.flags().find(new FlagQuery(null, null, null, null, null, null, null,
                    null, 1, null));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<FlagRule, Integer> byRule = new TreeMap<>();
            int total = 0;
            for (int offset = 0; ; offset += 1000) {
                List<IntegrityFlag> page = ledger.flags().find(new FlagQuery(null, null, null, null, null, null, null,
                        null, 1000, offset));
                page.forEach(f -> byRule.merge(f.rule(), 1, Integer::sum));
                total += page.size();
                if (page.size() < 1000) {
                    break;
                }
            }
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            System.out.printf("all flag rules over %d entries from scratch: %.1f s (%.0f entries/s); %d flags %s;"
                    + " heap after a full GC %d MB%n", size, seconds, size / seconds, total, byRule, heap);
            long[] nanos = new long[200];
            java.util.Random random = new java.util.Random(3);
            for (int k = 0; k < nanos.length; k++) {
                long at = (long) (random.nextDouble() * size);
                long q0 = System.nanoTime();
                ledger.flags().find(new FlagQuery(null, null, null, null, null, null, at, null, 100, null));
                nanos[k] = System.nanoTime() - q0;
            }
            System.out.println(ProofLatency.Percentiles.of(nanos).line("flags atIndex query", size)
                    .replace("proofs", "questions"));
            if (first.size() > 1) {
                throw new IllegalStateException("asked for one flag, got " + first.size());
            }
        }
    }
}
