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
import org.axonframework.eventhandling.PropagatingErrorHandler;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Committed events per second through the whole write path (command → aggregate → event committed), with C
 * concurrent clients on loopback, each a closed loop (it sends its next command when the last one was committed, so
 * the load is bounded by the clients), for the ledger and, in the same run on a fresh store of the same kind, for
 * plain Axon: the same aggregates, command bus, serializer, tables and transactions, without the chain (no ledger
 * entry, Merkle nodes, head or projections; no signature interceptor); and for plain Axon with the ledger's read
 * models: the same, with the ledger's own projections (register, weekly facts, trail, ...) fed each event by a
 * subscribing event processor in the command's transaction, as an Axon application that keeps the same read models
 * consistent with its events would, and its due dates kept as the ledger keeps them (rows of db-scheduler's table,
 * written in the command's transaction, where bare plain Axon keeps them in memory): the ratio to it is what the
 * ledger costs against a plain Axon application doing the same job (the ledger's group commit and one-message writes
 * included, which plain Axon does not have).
 *
 * <pre>java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.CommandLoad STORE WORKDIR SECONDS CLIENTS...</pre>
 * STORE is {@code h2} or a {@code jdbc:postgresql:} URL (see {@link Stores}). Short rounds of each side warm the JIT
 * first, until a cycle of them spends under 5 % of its time compiling (at most {@code -Dbench.warmCycles}, default 6,
 * cycles); then, for each client count, {@code -Dbench.rounds} (default 2) rounds of ledger, plain Axon and plain Axon
 * with the read models, each on a fresh store and after a warm-up of a third of its length on that store. On H2
 * each run also prints the file's size per stored event, and deletes the file after the run ({@code -Dbench.keep=true}
 * keeps it); {@code -Dbench.housekeeping=PT0S} turns the ledger's H2 housekeeping off (any ISO-8601 duration sets its
 * interval); {@code -Dbench.groupCommit=N} sets the ledger's group commit (1 turns it off), and each ledger run prints
 * how many commands it committed in groups; {@code -Dbench.dropEntryIndexes=true} drops two of the ledger's indexes
 * first, an experiment (see {@code dropEntryIndexes}); {@code -Dbench.forceCommits=false} has the ledger leave its H2
 * file unforced after each commit (as before 2026-12-05), {@code -Dbench.forceBaseline=true} has both plain Axon sides
 * force it as the ledger does; {@code -Dbench.byKind=true} prints each run's mean latency by
 * kind of command. Every run prints what this JVM spent per event
 * ({@link JvmCost}). With two rounds or more, each client count ends with the median ratio to each baseline and how
 * many rounds were within 15 % (plain Axon's own rate varies from round to round).
 */
public final class CommandLoad {

    private CommandLoad() {
    }

    public static void main(String[] args) throws Exception {
        String store = args[0];
        Path work = Files.createDirectories(Path.of(args[1]));
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        warmUp(store, work, duration.dividedBy(3));
        int rounds = Integer.getInteger("bench.rounds", 2);
        for (int k = 3; k < args.length; k++) {
            int clients = Integer.parseInt(args[k]);
            double[] ratios = new double[rounds];
            double[] readModelRatios = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                Result chained = run(store, work, Side.LEDGER, clients, duration);
                System.out.println(chained.line());
                Result plain = run(store, work, Side.PLAIN, clients, duration);
                System.out.println(plain.line());
                Result readModels = run(store, work, Side.PLAIN_READ_MODELS, clients, duration);
                System.out.println(readModels.line());
                ratios[round - 1] = chained.perSecond() / plain.perSecond();
                readModelRatios[round - 1] = chained.perSecond() / readModels.perSecond();
                System.out.printf("ratio chained / plain Axon, %d clients on %s, round %d: %.3f (overhead %.1f %%)%n",
                        clients, Stores.name(store), round, ratios[round - 1], 100 * (1 - ratios[round - 1]));
                System.out.printf("ratio chained / plain Axon with the read models, %d clients on %s, round %d: %.3f "
                                + "(overhead %.1f %%)%n", clients, Stores.name(store), round,
                        readModelRatios[round - 1], 100 * (1 - readModelRatios[round - 1]));
            }
            if (rounds > 1) {
                // plain Axon's own rate varies by a quarter from round to round on a 2-core machine: judge the median
                printMedian("plain Axon", ratios, clients, store);
                printMedian("plain Axon with the read models", readModelRatios, clients, store);
            }
        }
    }

    /**
     * Short rounds of each side, 4 clients, until the JIT has compiled what they run: until a cycle of the three sides
     * spends under 5 % of its wall time compiling (the ledger runs more code than plain Axon, and its first rounds used
     * to be measured while the compiler still took a core's share of the CPU), at most {@code -Dbench.warmCycles}
     * (default 6) cycles. Prints each cycle's compile time.
     */
    private static void warmUp(String store, Path work, Duration round) throws Exception {
        warmUp(store, work, round, 4, Integer.getInteger("bench.warmCycles", 6), Side.values());
    }

    /**
     * Cycles of a run of each of {@code sides} with {@code clients}, each run {@code round} long on a fresh store,
     * until a cycle spends under 5 % of its wall time compiling, at most {@code most} cycles; prints each cycle's
     * compile time.
     */
    static void warmUp(String store, Path work, Duration round, int clients, int most, Side... sides)
            throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int cycle = 1; cycle <= most; cycle++) {
            long compiled = jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
            long start = System.nanoTime();
            for (Side side : sides) {
                run(store, work, side, clients, round);
            }
            long wallMillis = (System.nanoTime() - start) / 1_000_000;
            if (!jit.isCompilationTimeMonitoringSupported()) {
                return;   // one cycle, as before, where the JVM does not say
            }
            long compileMillis = jit.getTotalCompilationTime() - compiled;
            System.out.printf("warm-up cycle %d: %d ms compiling in %d ms%n", cycle, compileMillis, wallMillis);
            if (compileMillis < wallMillis / 20) {
                return;
            }
        }
    }

    private static void printMedian(String baseline, double[] ratios, int clients, String store) {
        double median = median(ratios);
        System.out.printf("median ratio to %s over %d rounds, %d clients on %s: %.3f (overhead %.1f %%); rounds within "
                        + "15 %%: %d of %d%n", baseline, ratios.length, clients, Stores.name(store), median,
                100 * (1 - median), java.util.Arrays.stream(ratios).filter(r -> r >= 0.85).count(), ratios.length);
    }

    /** The name of Axon's deadline task in db-scheduler's table (both sides use Axon's binary task). */
    private static final String DEADLINE_TASK =
            org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager.binaryTask(() -> null).getName();

    /** What runs the commands. */
    public enum Side {
        /** The ledger: each event chained, with its projections, in the command's transaction. */
        LEDGER("ledger (chained)"),
        /** Plain Axon on the same tables: events only. */
        PLAIN("plain Axon"),
        /**
         * Plain Axon on the same tables, with the ledger's projections fed each event in the same transaction and its
         * deadlines in the store, as the ledger's.
         */
        PLAIN_READ_MODELS("plain Axon with the read models");

        private final String label;

        Side(String label) {
            this.label = label;
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
    public record Result(String store, String side, int clients, long events, double seconds, double p50Millis,
                         double p99Millis) {
        public double perSecond() {
            return events / seconds;
        }

        String line() {
            return String.format("%s, %s, %d clients: %d events in %.1f s = %.0f events/s; command latency p50 %.2f ms,"
                            + " p99 %.2f ms", side, Stores.name(store), clients,
                    events, seconds, perSecond(), p50Millis, p99Millis);
        }
    }

    /** Measures the ledger ({@code chained}) or plain Axon on a fresh store. */
    public static Result run(String store, Path work, boolean chained, int clients, Duration duration) throws Exception {
        return run(store, work, chained ? Side.LEDGER : Side.PLAIN, clients, duration);
    }

    /** Measures one configuration on a fresh store. */
    public static Result run(String store, Path work, Side side, int clients, Duration duration) throws Exception {
        boolean chained = side == Side.LEDGER;
        HikariDataSource fresh = Stores.fresh(store, work, Math.max(10, clients));
        Path file = Stores.h2File(fresh);
        boolean measured = false;
        try (HikariDataSource ds = fresh) {
            Ledger.Builder builder = Ledger.builder().dataSource(ds).requireSignatures(false);
            Integer groupCommit = Integer.getInteger("bench.groupCommit");
            if (groupCommit != null) {
                builder.groupCommit(groupCommit);
            }
            String gathering = System.getProperty("bench.groupGathering");
            if (gathering != null) {
                builder.groupCommitGathering(Duration.parse(gathering));
            }
            String housekeeping = System.getProperty("bench.housekeeping");
            if (housekeeping != null) {
                builder.storeHousekeeping(Duration.parse(housekeeping));
            }
            String force = System.getProperty("bench.forceCommits");
            if (force != null) {
                builder.forceCommits(Boolean.parseBoolean(force));
            }
            Ledger ledger = builder.build();
            if (chained && Boolean.getBoolean("bench.dropEntryIndexes")) {
                try {
                    dropEntryIndexes(ds);
                } catch (java.sql.SQLException | RuntimeException e) {
                    ledger.close();
                    throw e;
                }
            }
            Park park = Park.register(ledger, false);
            Consumer<Object> send;
            Runnable close;
            if (chained) {
                send = c -> park.execute(ledger, c);
                close = ledger::close;
            } else {
                ledger.close();
                Configuration axon = plainAxon(ds, side == Side.PLAIN_READ_MODELS);
                send = c -> axon.commandGateway().sendAndWait(c);
                close = axon::shutdown;
            }
            try {
                load(send, clients, duration.dividedBy(3), "warm");
                long before = events(ds);
                io.hazardledger.GroupCommits groupsBefore = ledger.groupCommits();
                JvmCost cost = JvmCost.now();
                Result r = load(send, clients, duration, "run");
                System.out.println("  " + cost.perEvent(r.events()));
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
                if (file != null) {
                    long bytes = Files.size(file);
                    System.out.printf("  H2 file after the run: %d MB for %d events, %.1f KB per event%n", bytes >> 20,
                            events(ds), bytes / 1024.0 / events(ds));
                }
                if (side != Side.PLAIN) {
                    // both sides with read models must have kept them: every hazard the run reported is in the register
                    long hazards = count(ds, "SELECT COUNT(DISTINCT aggregate_identifier) FROM ledger_domain_event "
                            + "WHERE type = 'Hazard'");
                    long registered = count(ds, "SELECT COUNT(*) FROM hazard_view");
                    // and kept the due date of each plan (and extension) as a row of the scheduler's table, written
                    // in the command's transaction
                    long dueDates = count(ds, "SELECT COUNT(*) FROM ledger_domain_event "
                            + "WHERE payload_type IN ('RectificationPlanned', 'DeadlineExtended')");
                    long scheduled = count(ds, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = '"
                            + DEADLINE_TASK + "'");
                    if (dueDates == 0 || scheduled != dueDates) {
                        throw new IllegalStateException(side.label + ": " + dueDates + " due dates set but " + scheduled
                                + " deadlines in the scheduler's table");
                    }
                    if (hazards == 0 || registered != hazards) {
                        throw new IllegalStateException(side.label + ": " + hazards + " hazards reported but "
                                + registered + " in the register");
                    }
                }
                measured = true;
                return new Result(store, side.label, clients, r.events(), r.seconds(), r.p50Millis(), r.p99Millis());
            } finally {
                close.run();
            }
        } finally {
            // each H2 run writes gigabytes: a few dozen runs would fill the disk (a failed run's store is kept)
            if (measured && file != null && !Boolean.getBoolean("bench.keep")) {
                Stores.deleteH2(file);
            }
        }
    }

    /**
     * An experiment, not a configuration the ledger supports ({@code -Dbench.dropEntryIndexes=true}, the ledger's side
     * only): drops the two indexes of {@code ledger_entry} whose keys are random (event id, the unique constraint;
     * aggregate id), so that a run shows what writing them costs. Without them an event could be chained twice
     * undetected at write time, and a statement's previous entry, a hazard's history and a person's trail are read by
     * scanning the entries.
     */
    private static void dropEntryIndexes(HikariDataSource ds) throws java.sql.SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP INDEX ledger_entry_aggregate");
            String unique;
            try (ResultSet rs = s.executeQuery("SELECT constraint_name FROM information_schema.table_constraints "
                    + "WHERE table_schema = CURRENT_SCHEMA AND UPPER(table_name) = 'LEDGER_ENTRY' "
                    + "AND constraint_type = 'UNIQUE'")) {
                if (!rs.next()) {
                    throw new IllegalStateException("ledger_entry has no unique constraint to drop");
                }
                unique = rs.getString(1);
            }
            s.execute("ALTER TABLE ledger_entry DROP CONSTRAINT " + unique);
            System.out.println("  experiment: ledger_entry_aggregate and " + unique + " (event_id) dropped");
        }
    }

    /**
     * The ledger's aggregates on Axon's own JDBC storage over the same tables, without the chaining engine; with
     * {@code readModels}, the ledger's projections too, fed by a subscribing event processor in each command's
     * transaction (an index counted here stands for the ledger's, a fixed text for the entry's hash).
     */
    static Configuration plainAxon(HikariDataSource ds, boolean readModels) throws java.sql.SQLException {
        // as the ledger forces an H2 file after each commit (asked for with -Dbench.forceBaseline=true)
        ConnectionProvider connections = TransactionalConnections.over(ds, Boolean.getBoolean("bench.forceBaseline")
                && Stores.h2File(ds) != null ? new io.hazardledger.store.internal.ForcedCommits(null) : null);
        LedgerSerializer events = LedgerSerializer.forEvents();
        JacksonSerializer general = JacksonSerializer.builder().objectMapper(LedgerSerializer.objectMapper()).build();
        org.axonframework.config.Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
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
                .registerComponent(io.hazardledger.hazard.DueDateHorizon.class,
                        c -> io.hazardledger.hazard.DueDateHorizon.defaults())
                .registerComponent(io.hazardledger.signing.internal.OfficeSeal.class,
                        c -> new io.hazardledger.signing.internal.OfficeSeal(null, null, id -> null, Clock.systemUTC(),
                                null))
                .configureDeadlineManager(c -> readModels ? durableDeadlines(ds, connections, general, c)
                        // Axon's default deadline manager keeps running the deadlines it scheduled (due dates weeks
                        // ahead) after a shutdown, on threads that keep the JVM alive: daemon threads here
                        : org.axonframework.deadline.SimpleDeadlineManager.builder()
                        .scopeAwareProvider(new org.axonframework.config.ConfigurationScopeAwareProvider(c))
                        .scheduledExecutorService(java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                            Thread t = new Thread(r, "plain-axon-deadlines");
                            t.setDaemon(true);
                            return t;
                        }))
                        .build())
                .configureAggregate(Hazard.class);
        if (readModels) {
            ReadModels handler = new ReadModels(ds, connections);
            // a projection's failure fails the command, as in the ledger (Axon's default would log it and go on)
            configurer.eventProcessing(ep -> ep.usingSubscribingEventProcessors()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerEventHandler(c -> handler));
        }
        Configuration axon = configurer.buildConfiguration();
        axon.start();
        return axon;
    }

    /**
     * The deadlines a hazard sets (its due date) kept as the ledger keeps them: rows of db-scheduler's table, written
     * in the command's transaction by Axon's {@code DbSchedulerDeadlineManager}, so that they survive a restart (what
     * an application doing the ledger's job needs; Axon's default keeps them in memory). The scheduler does not poll
     * for due deadlines, as the ledger's does not here (none falls due in a run: due dates are weeks ahead).
     */
    static org.axonframework.deadline.DeadlineManager durableDeadlines(
            HikariDataSource ds, ConnectionProvider connections, org.axonframework.serialization.Serializer serializer,
            Configuration c) {
        var manager = new java.util.concurrent.atomic.AtomicReference<
                org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager>();
        var scheduler = com.github.kagkarlsson.scheduler.Scheduler.create(
                        new io.hazardledger.store.internal.UnitOfWorkDataSource(ds, connections),
                        org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager.binaryTask(manager::get))
                .threads(2)
                .commitWhenAutocommitDisabled(false)   // a deadline set by a command commits with the command
                .jdbcCustomization(new io.hazardledger.store.internal.SchedulerTimes())   // as the ledger's
                .build();   // never started: it only writes the rows (see above)
        manager.set(org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new org.axonframework.config.ConfigurationScopeAwareProvider(c))
                .serializer(serializer)
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                .startScheduler(false).stopScheduler(false)
                .build());
        return manager.get();
    }

    /**
     * The ledger's projections, in the ledger's order, as an Axon event handler: what an application without the chain
     * would run to keep the same read models in the same transaction as its events.
     */
    static final class ReadModels {

        /** Stands for an entry's hash (64 hexadecimal digits, as the ledger writes): no hash is computed here. */
        private static final String NO_HASH = "0".repeat(64);

        private final ConnectionProvider connections;
        private final List<io.hazardledger.projection.Projection> projections;
        private final AtomicLong next;

        ReadModels(HikariDataSource ds, ConnectionProvider connections) throws java.sql.SQLException {
            this.connections = connections;
            var whistleblowers = new io.hazardledger.whistleblower.internal.WhistleblowerView(connections);
            var versions = new io.hazardledger.register.internal.HazardVersions(ds, (c, from, to, consumer) -> 0,
                    Clock.systemUTC().getZone());
            this.projections = List.of(new DirectoryView(connections),
                    new io.hazardledger.register.internal.HazardRegisterView(connections, Clock.systemUTC(), versions,
                            whistleblowers),
                    new io.hazardledger.signing.internal.SignatureTrailView(connections),
                    new InspectionView(connections),
                    new io.hazardledger.supervision.internal.CadenceView(connections, Clock.systemUTC()),
                    whistleblowers,
                    new io.hazardledger.supervision.internal.GradeView(connections),
                    new io.hazardledger.supervision.internal.WeeklyFacts(ds),
                    new io.hazardledger.store.internal.RecordedTimeBlocks(
                            io.hazardledger.store.internal.RecordedTimes.BLOCK));
            // after the entries the park's registration wrote through the ledger
            this.next = new AtomicLong(count(ds, "SELECT size FROM ledger_head WHERE id = 1"));
        }

        /** The projections' names, in the order they are fed (the ledger's replay reports its own in its order). */
        List<String> names() {
            return projections.stream().map(io.hazardledger.projection.Projection::name).toList();
        }

        @org.axonframework.eventhandling.EventHandler
        public void on(Object payload, @org.axonframework.eventhandling.Timestamp java.time.Instant at,
                       @org.axonframework.messaging.annotation.SourceId String aggregateId)
                throws java.sql.SQLException {
            io.hazardledger.projection.RecordedEvent recorded = new io.hazardledger.projection.RecordedEvent(
                    next.getAndIncrement(), NO_HASH, aggregateId, at, payload, null);
            Connection c = connections.getConnection();
            try {
                for (io.hazardledger.projection.Projection p : projections) {
                    p.apply(c, recorded);
                }
            } finally {
                c.close();   // the unit of work's connection: closing it here leaves it to the unit of work
            }
        }
    }

    private static long events(HikariDataSource ds) throws java.sql.SQLException {
        return count(ds, "SELECT COUNT(*) FROM ledger_domain_event");
    }

    private static long count(HikariDataSource ds, String sql) throws java.sql.SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
        boolean byKind = Boolean.getBoolean("bench.byKind");
        List<Map<String, long[]>> kinds = new ArrayList<>();
        Throwable[] failures = new Throwable[clients];
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int t = 0; t < clients; t++) {
            int client = t;
            Map<String, long[]> myKinds = new TreeMap<>();
            kinds.add(myKinds);
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
                            if (byKind) {
                                long[] kind = myKinds.computeIfAbsent(command.getClass().getSimpleName(),
                                        k -> new long[2]);
                                kind[0]++;
                                kind[1] += t1 - t0;
                            }
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
        if (byKind) {
            Map<String, long[]> merged = new TreeMap<>();
            for (Map<String, long[]> mine : kinds) {
                mine.forEach((k, v) -> {
                    long[] m = merged.computeIfAbsent(k, x -> new long[2]);
                    m[0] += v[0];
                    m[1] += v[1];
                });
            }
            StringBuilder line = new StringBuilder("  mean latency by kind of request (" + label + "):");
            merged.forEach((k, v) -> line.append(String.format(" %s %.3f ms (%d);", k, v[1] / 1e6 / v[0], v[0])));
            System.out.println(line);
        }
        return new Result("", Side.LEDGER.label, clients, total, seconds, total == 0 ? 0 : all[total / 2] / 1e6,
                total == 0 ? 0 : all[(int) (total * 0.99)] / 1e6);
    }
}
