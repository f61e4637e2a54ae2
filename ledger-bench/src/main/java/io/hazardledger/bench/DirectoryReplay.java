package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.ReplayReport;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A replay of a ledger whose directory is large: one enterprise and {@code PEOPLE} people, one entry each, so that the
 * directory (written again whole by a replay, and compared with what it held: {@code RewriteCompared}) is nearly all
 * the replay does. Fills a fresh H2 file store, then prints each round's time and the directory's rows changed.
 *
 * <pre>java -Xmx512m -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.DirectoryReplay WORKDIR PEOPLE ROUNDS</pre>
 */
public final class DirectoryReplay {

    private DirectoryReplay() {
    }

    /**
     * One round: its entries, milliseconds, and the rows of the directory it found differing (null where the
     * directory was written again whole without comparing: the code before 2026-12-06, run with its ledger-core first
     * on the class path).
     */
    public record Round(long entries, double millis, Long directoryRowsChanged) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DirectoryReplay WORKDIR PEOPLE ROUNDS");
            System.exit(2);
        }
        run(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]))
                .forEach(r -> System.out.printf("replay of %d entries: %.0f ms, directory %s%n", r.entries(),
                        r.millis(), r.directoryRowsChanged() == null ? "rewritten, not compared"
                                : r.directoryRowsChanged() + " rows changed"));
    }

    static List<Round> run(Path workDir, int people, int rounds) throws Exception {
        List<Round> out = new ArrayList<>();
        HikariDataSource ds = Stores.fresh("h2", workDir, 4);
        Path file = Stores.h2File(ds);
        try (ds; Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            ledger.execute(new RegisterEnterprise("e-0", "Enterprise 0", "hazardous chemicals", true));
            for (int i = 0; i < people; i++) {
                ledger.execute(new RegisterPerson("p-" + i, "Person " + i, "e-0", Set.of(Role.ENTERPRISE_STAFF)));
            }
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                ReplayReport report = ledger.replayAndReport();
                out.add(new Round(report.entries(), (System.nanoTime() - start) / 1e6, report.projections().stream()
                        .filter(p -> p.name().equals("directory")).findFirst().orElseThrow().rowsChanged()));
            }
        } finally {
            Stores.deleteH2(file);   // each run fills a store of its own
        }
        return out;
    }
}
