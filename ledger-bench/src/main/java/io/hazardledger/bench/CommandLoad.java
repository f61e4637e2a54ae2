package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.directory.Directory;
import io.hazardledger.directory.internal.DirectoryView;
import io.hazardledger.hazard.Hazard;
import io.hazardledger.inspection.Inspections;
import io.hazardledger.inspection.internal.InspectionView;
import io.hazardledger.store.internal.EventTables;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.TransactionalConnections;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.json.JacksonSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Committed events per second through the whole write path (command → aggregate → event committed), with C
 * concurrent clients on loopback, each a closed loop (it sends its next command when the last one was committed, so
 * the load is bounded by the clients), for the ledger and, in the same run on a fresh store of the same kind, for
 * plain Axon: the same aggregates, command bus, serializer, tables and transactions, without the chain (no ledger
 * entry, Merkle nodes, head or projections; no signature interceptor).
 *
 * <pre>java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.CommandLoad STORE WORKDIR SECONDS CLIENTS...</pre>
 * STORE is {@code h2} or a {@code jdbc:postgresql:} URL (see {@link Stores}). One short round of each side warms the
 * JIT first; then, for each client count, {@code -Dbench.rounds} (default 2) rounds of ledger then plain Axon, each on
 * a fresh store and after a warm-up of a third of its length on that store. On H2 each run also prints the file's
 * size per stored event; {@code -Dbench.housekeeping=PT0S} turns the ledger's H2 housekeeping off (any ISO-8601
 * duration sets its interval); {@code -Dbench.groupCommit=N} sets the ledger's group commit (1 turns it off), and each
 * ledger run prints how many commands it committed in groups. With two rounds or more, each client count ends with the
 * median ratio and how many rounds were within 15 % (plain Axon's own rate varies from round to round).
 */
public final class CommandLoad {

    private CommandLoad() {
    }

    public static void main(String[] args) throws Exception {
        String store = args[0];
        Path work = Files.createDirectories(Path.of(args[1]));
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        // one short round of each first, so that neither side runs on code the JIT has not compiled yet
        run(store, work, true, 4, duration.dividedBy(3));
        run(store, work, false, 4, duration.dividedBy(3));
        int rounds = Integer.getInteger("bench.rounds", 2);
        for (int k = 3; k < args.length; k++) {
            int clients = Integer.parseInt(args[k]);
            double[] ratios = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                Result chained = run(store, work, true, clients, duration);
                System.out.println(chained.line());
                Result plain = run(store, work, false, clients, duration);
                System.out.println(plain.line());
                ratios[round - 1] = chained.perSecond() / plain.perSecond();
                System.out.printf("ratio chained / plain Axon, %d clients on %s, round %d: %.3f (overhead %.1f %%)%n",
                        clients, Stores.name(store), round, ratios[round - 1], 100 * (1 - ratios[round - 1]));
            }
            if (rounds > 1) {
                // plain Axon's own rate varies by a quarter from round to round on a 2-core machine: judge the median
                double median = median(ratios);
                System.out.printf("median ratio over %d rounds, %d clients on %s: %.3f (overhead %.1f %%); rounds "
                                + "within 15 %%: %d of %d%n", rounds, clients, Stores.name(store), median,
                        100 * (1 - median), java.util.Arrays.stream(ratios).filter(r -> r >= 0.85).count(), rounds);
            }
        }
    }

    /** The median of the values (the mean of the two middle ones for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One measured run. */
    public record Result(String store, boolean chained, int clients, long events, double seconds, double p50Millis,
                         double p99Millis) {
        public double perSecond() {
            return events / seconds;
        }

        String line() {
            return String.format("%s, %s, %d clients: %d events in %.1f s = %.0f events/s; command latency p50 %.2f ms,"
                            + " p99 %.2f ms", chained ? "ledger (chained)" : "plain Axon", Stores.name(store), clients,
                    events, seconds, perSecond(), p50Millis, p99Millis);
        }
    }

    /** Measures one configuration on a fresh store. */
    public static Result run(String store, Path work, boolean chained, int clients, Duration duration) throws Exception {
        try (HikariDataSource ds = Stores.fresh(store, work, Math.max(10, clients))) {
            Ledger.Builder builder = Ledger.builder().dataSource(ds).requireSignatures(false);
            Integer groupCommit = Integer.getInteger("bench.groupCommit");
            if (groupCommit != null) {
                builder.groupCommit(groupCommit);
            }
            String housekeeping = System.getProperty("bench.housekeeping");
            if (housekeeping != null) {
                builder.storeHousekeeping(Duration.parse(housekeeping));
            }
            Ledger ledger = builder.build();
            Park park = Park.register(ledger, false);
            Consumer<Object> send;
            Runnable close;
            if (chained) {
                send = c -> park.execute(ledger, c);
                close = ledger::close;
            } else {
                ledger.close();
                Configuration axon = plainAxon(ds);
                send = c -> axon.commandGateway().sendAndWait(c);
                close = axon::shutdown;
            }
            try {
                load(send, clients, duration.dividedBy(3), "warm");
                long before = events(ds);
                io.hazardledger.GroupCommits groupsBefore = ledger.groupCommits();
                Result r = load(send, clients, duration, "run");
                long stored = events(ds) - before;
                if (chained) {
                    io.hazardledger.GroupCommits g = ledger.groupCommits();
                    long groups = g.groups() - groupsBefore.groups();
                    long grouped = g.commands() - groupsBefore.commands();
                    System.out.printf("  group commit: %d groups of %d commands (mean %.1f), %d commands alone, %d "
                                    + "groups run again%n", groups, grouped, groups == 0 ? 0.0 : (double) grouped / groups,
                            r.events() - grouped, g.rerun() - groupsBefore.rerun());
                }
                if (stored != r.events()) {
                    throw new IllegalStateException(r.events() + " commands committed but " + stored + " events stored");
                }
                if ("h2".equals(store)) {
                    Path file = Path.of(ds.getJdbcUrl().substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db");
                    long bytes = Files.size(file);
                    System.out.printf("  H2 file after the run: %d MB for %d events, %.1f KB per event%n", bytes >> 20,
                            events(ds), bytes / 1024.0 / events(ds));
                }
                return new Result(store, chained, clients, r.events(), r.seconds(), r.p50Millis(), r.p99Millis());
            } finally {
                close.run();
            }
        }
    }

    /** The ledger's aggregates on Axon's own JDBC storage over the same tables, without the chaining engine. */
    static Configuration plainAxon(HikariDataSource ds) {
        ConnectionProvider connections = TransactionalConnections.over(ds);
        LedgerSerializer events = LedgerSerializer.forEvents();
        JacksonSerializer general = JacksonSerializer.builder().objectMapper(LedgerSerializer.objectMapper()).build();
        Configuration axon = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> general)
                .configureEventSerializer(c -> events)
                .configureMessageSerializer(c -> general)
                .configureEmbeddedEventStore(c -> EventTables.engine(connections, events, general,
                        new JdbcSQLErrorCodesResolver()))
                .registerComponent(Directory.class, c -> new DirectoryView(connections))
                .registerComponent(Clock.class, c -> Clock.systemUTC())
                .registerComponent(Inspections.class, c -> new InspectionView(connections))
                // what the Hazard's deadline handlers take: no ladder and no office here (the load plans nothing)
                .registerComponent(io.hazardledger.hazard.EscalationLadder.class,
                        c -> io.hazardledger.hazard.EscalationLadder.none())
                .registerComponent(io.hazardledger.signing.internal.OfficeSeal.class,
                        c -> new io.hazardledger.signing.internal.OfficeSeal(null, null, id -> null, Clock.systemUTC(),
                                null))
                // Axon's default deadline manager keeps running the deadlines it scheduled (due dates weeks ahead)
                // after a shutdown, on threads that keep the JVM alive: daemon threads here
                .configureDeadlineManager(c -> org.axonframework.deadline.SimpleDeadlineManager.builder()
                        .scopeAwareProvider(new org.axonframework.config.ConfigurationScopeAwareProvider(c))
                        .scheduledExecutorService(java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                            Thread t = new Thread(r, "plain-axon-deadlines");
                            t.setDaemon(true);
                            return t;
                        }))
                        .build())
                .configureAggregate(Hazard.class)
                .buildConfiguration();
        axon.start();
        return axon;
    }

    private static long events(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ledger_domain_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final AtomicLong RUNS = new AtomicLong();

    /** C closed-loop clients for the duration; each command records one event. */
    static Result load(Consumer<Object> send, int clients, Duration duration, String label) throws Exception {
        return load(send, clients, duration, Long.MAX_VALUE, label, id -> { });
    }

    /**
     * C closed-loop clients until the duration is over or about {@code events} commands were sent (a client starts
     * no new hazard after that; the one it is on is finished); {@code created} hears every hazard id.
     */
    static Result load(Consumer<Object> send, int clients, Duration duration, long events, String label,
                       Consumer<String> created) throws Exception {
        return loadRequests(send, (hazardId, n) -> {
            created.accept(hazardId);
            return Park.life(hazardId, n);
        }, clients, duration, events, label);
    }

    /** As {@link #load}, for any form of a hazard's life (commands, HTTP requests). */
    static <T> Result loadRequests(Consumer<T> send, java.util.function.BiFunction<String, Long, List<T>> lives,
                                   int clients, Duration duration, String label) throws Exception {
        return loadRequests(send, lives, clients, duration, Long.MAX_VALUE, label);
    }

    /** As {@link #loadRequests}, until about {@code events} commands were sent. */
    static <T> Result loadRequests(Consumer<T> send, java.util.function.BiFunction<String, Long, List<T>> lives,
                                   int clients, Duration duration, long events, String label)
            throws Exception {
        AtomicLong sent = new AtomicLong();
        long run = RUNS.incrementAndGet();
        CountDownLatch start = new CountDownLatch(1);
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        Throwable[] failures = new Throwable[clients];
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int t = 0; t < clients; t++) {
            int client = t;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                try {
                    start.await();
                    long deadline = window[1];
                    for (long h = 0; System.nanoTime() < deadline && sent.get() < events; h++) {
                        String hazardId = "hz-" + label + run + "-" + client + "-" + h;
                        List<T> life = lives.apply(hazardId, h * clients + client);
                        sent.addAndGet(life.size());
                        for (T command : life) {
                            long t0 = System.nanoTime();
                            send.accept(command);
                            long t1 = System.nanoTime();
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = t1 - t0;
                        }
                    }
                } catch (Throwable e) {
                    failures[client] = e;
                }
                latencies[client] = mine;
                counts[client] = n;
            }, "client-" + t);
            thread.start();
            threads.add(thread);
        }
        window[0] = System.nanoTime();
        window[1] = duration.toNanos() > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : window[0] + duration.toNanos();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        for (Throwable f : failures) {
            if (f != null) {
                throw new IllegalStateException("a client failed: " + f, f);
            }
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < clients; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Result("", true, clients, total, seconds, total == 0 ? 0 : all[total / 2] / 1e6,
                total == 0 ? 0 : all[(int) (total * 0.99)] / 1e6);
    }
}
