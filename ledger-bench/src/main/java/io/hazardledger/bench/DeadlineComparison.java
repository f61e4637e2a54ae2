package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.hazard.DeadlineCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Ledger.compareDeadlines()} (the {@code deadlines --dry-run} command) on a store filled before (by {@link
 * Growth}), timed several times in one JVM: the first round as a fresh process sees it, then warm rounds. It reads
 * every deadline row of the scheduler and folds the events of every hazard that the register holds open with a due
 * date, so its time grows with those two counts, not with the ledger's size.
 *
 * <pre>java -Xmx512m -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.DeadlineComparison STORE ROUNDS</pre>
 * STORE is an H2 file store's path without {@code .mv.db}, or a {@code jdbc:postgresql:} URL ({@code
 * -Dbench.password}).
 */
public final class DeadlineComparison {

    private DeadlineComparison() {
    }

    /** One round: what it found, and its milliseconds. */
    public record Round(int hazardsWaiting, int rowsRead, int unserved, double millis) {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DeadlineComparison STORE ROUNDS");
            System.exit(2);
        }
        try (HikariDataSource ds = Stores.existing(args[0], 4)) {
            run(ds, Integer.parseInt(args[1])).forEach(r -> System.out.printf("%d hazards wait, %d rows read, %d "
                    + "unserved: %.0f ms (%.1f µs a hazard)%n", r.hazardsWaiting(), r.rowsRead(), r.unserved(),
                    r.millis(), r.millis() * 1000 / Math.max(1, r.hazardsWaiting())));
        }
    }

    static List<Round> run(HikariDataSource ds, int rounds) {
        List<Round> out = new ArrayList<>();
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                DeadlineCheck check = ledger.compareDeadlines();
                out.add(new Round(check.hazardsWaiting(), check.rowsRead(), check.unserved().size(),
                        (System.nanoTime() - start) / 1e6));
            }
        }
        return out;
    }
}
