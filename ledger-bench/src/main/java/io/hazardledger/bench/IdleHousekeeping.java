package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an idle ledger's H2 housekeeping costs: a ledger opened on an existing H2 file store, with housekeeping every
 * second as the server runs it, left to do nothing for {@code ROUNDS} periods of {@code SECONDS}; each period prints
 * the CPU time its housekeeping thread took (from {@code /proc}, {@link ThreadCpu}), and H2's own statistics of the
 * file are printed before and after (the chunks' fill, the file's size, its chunks and pages). Changes the file only
 * as the housekeeping does: run it on a copy to keep the store as it was.
 *
 * <pre>java -Xmx512m -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.IdleHousekeeping STORE [ROUNDS] [SECONDS]</pre>
 * STORE is an H2 file store's path without {@code .mv.db}.
 */
public final class IdleHousekeeping {

    private IdleHousekeeping() {
    }

    /** The thread group {@link ThreadCpu} counts the housekeeping under (the kernel keeps 15 characters of a name). */
    static final String THREAD = ThreadCpu.group("ledger-h2-housekeeping".substring(0, 15));

    /** H2's statistics of the file before and after, and the housekeeping thread's CPU seconds in each period. */
    public record Result(Map<String, String> before, Map<String, String> after, List<Double> cpuSeconds) {
    }

    public static void main(String[] args) throws Exception {
        int rounds;
        int seconds;
        try {
            rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
            seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        } catch (NumberFormatException e) {
            rounds = 0;
            seconds = 0;
        }
        if (args.length < 1 || args.length > 3 || rounds < 1 || seconds < 1) {
            System.err.println("usage: IdleHousekeeping STORE [ROUNDS] [SECONDS] (ROUNDS and SECONDS whole numbers of "
                    + "at least 1)");
            System.exit(2);
        }
        int every = seconds;
        Result r = run(args[0], rounds, Duration.ofSeconds(seconds), (round, cpu) -> System.out.printf(
                "period %d: housekeeping thread %.2f s of CPU in %d s (%.2f of a core)%n", round, cpu, every,
                cpu / every));
        System.out.println("before: " + r.before());
        System.out.println("after:  " + r.after());
    }

    /** Leaves a ledger on the store idle for {@code rounds} periods, each given to {@code eachPeriod} as it ends. */
    public static Result run(String store, int rounds, Duration period,
                             java.util.function.BiConsumer<Integer, Double> eachPeriod) throws Exception {
        List<Double> cpu = new ArrayList<>();
        Map<String, String> before;
        Map<String, String> after;
        try (HikariDataSource ds = Stores.existing(store, 4)) {
            before = fileStatistics(ds);
            try (Ledger ignored = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ofSeconds(1)).build()) {
                for (int round = 1; round <= rounds; round++) {
                    ThreadCpu threads = ThreadCpu.start();
                    Thread.sleep(period.toMillis()); // the ledger idles: only its own threads run meanwhile
                    double seconds = threads == null ? Double.NaN
                            : threads.perUnit(1).getOrDefault(THREAD, 0.0) / 1e6;
                    cpu.add(seconds);
                    eachPeriod.accept(round, seconds);
                }
            }
            after = fileStatistics(ds);
        }
        return new Result(before, after, cpu);
    }

    /** H2's statistics of the file: the chunks' fill and the file's, its size, chunks and pages. */
    static Map<String, String> fileStatistics(HikariDataSource ds) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME IN ('info.CHUNKS_FILL_RATE', 'info.FILL_RATE', 'info.FILE_SIZE', "
                     + "'info.CHUNK_COUNT', 'info.PAGE_COUNT', 'info.PAGE_COUNT_LIVE') ORDER BY SETTING_NAME")) {
            while (rs.next()) {
                out.put(rs.getString(1).substring("info.".length()), rs.getString(2));
            }
        }
        return out;
    }
}
