package io.hazardledger;

import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.Directory;
import io.hazardledger.directory.Enterprise;
import io.hazardledger.directory.Person;
import io.hazardledger.directory.internal.DirectoryView;
import io.hazardledger.hazard.Hazard;
import io.hazardledger.inspection.Inspection;
import io.hazardledger.inspection.Inspections;
import io.hazardledger.inspection.internal.InspectionView;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.projection.Projection;
import io.hazardledger.register.HazardRegister;
import io.hazardledger.register.internal.HazardRegisterView;
import io.hazardledger.store.internal.ChainingEventStorageEngine;
import io.hazardledger.store.internal.EventTables;
import io.hazardledger.store.internal.H2Housekeeping;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;
import io.hazardledger.store.internal.JdbcMerkleLog;
import io.hazardledger.store.internal.JdbcCheckpoints;
import io.hazardledger.log.Checkpoints;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.log.MerkleLog;
import io.hazardledger.store.internal.TransactionalConnections;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.signing.AccountabilityTrail;
import io.hazardledger.signing.internal.ContentDigest;
import io.hazardledger.signing.internal.SignatureChecks;
import io.hazardledger.signing.internal.SignatureMetadata;
import io.hazardledger.signing.internal.SignatureTrailView;
import io.hazardledger.signing.internal.SignedActions;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ledger, embedded: Axon Framework event sourcing over a JDBC {@link DataSource}, with every event
 * chained into the ledger in the same transaction. No Spring, no Axon Server, no update checker.
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
 *     Receipt r = ledger.execute(new RegisterEnterprise("ent-1", "Acme Chemicals", "hazardous chemicals", true));
 *     ledger.verify();
 * }
 * }</pre>
 */
public final class Ledger implements AutoCloseable {

    /** The park's default time zone, against which due dates and "overdue" are judged. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final Configuration axon;
    private final LedgerStore store;
    private final HazardRegisterView register;
    /** The register's history, folded from the committed entries off the write path (see HazardVersions). */
    private final io.hazardledger.register.internal.HazardVersions versions;
    private final io.hazardledger.flags.internal.CachedFlags flags;
    private final io.hazardledger.store.internal.RecordedTimes recordedTimes;
    private final DirectoryView directory;
    private final ChainingEventStorageEngine storageEngine;
    private final io.hazardledger.store.internal.GroupCommit groupCommit;
    private final SignatureTrailView trail;
    private final InspectionView inspections;
    private final JdbcMerkleLog log;
    private final JdbcCheckpoints checkpoints;
    private final java.util.concurrent.ScheduledExecutorService checkpointer;
    /** Reclaims the dead space of an embedded H2 file; null for any other store or when turned off. */
    private final java.util.concurrent.ScheduledExecutorService housekeeper;
    private final H2Housekeeping h2Housekeeping;
    /** Forces an embedded H2 file after each commit, or null (another store, or turned off). */
    private final io.hazardledger.store.internal.ForcedCommits forcedCommits;
    /** The store, as the ledger uses it ({@link #dataSource()}). */
    private final DataSource dataSource;
    /** Set by {@link #close()}: a write after it is refused as such, not as a command without a handler. */
    private volatile boolean closed;
    private final boolean ownsScheduler;
    /** The checkpoint rounds on the scheduler: cancelled at close, also on a scheduler the application supplied. */
    private final java.util.concurrent.ScheduledFuture<?> checkpointRounds;
    /** Held by a checkpoint round while it runs: {@link #close()} takes it to wait for one, on any scheduler. */
    private final java.util.concurrent.locks.ReentrantLock checkpointRound =
            new java.util.concurrent.locks.ReentrantLock();
    /** Set once {@link #close()} has waited for the round running then: a round that begins later does nothing. */
    private volatile boolean checkpointRoundsEnded;
    private final Clock clock;
    private final io.hazardledger.supervision.internal.CadenceView cadences;
    private final io.hazardledger.supervision.internal.WeeklyReporting weeklyReports;
    private final com.github.kagkarlsson.scheduler.Scheduler deadlineScheduler;
    private final String officeId;
    private final io.hazardledger.integrity.sig.StatementSigner officeSigner;
    private final boolean runsDeadlines;
    /** The hazards' pending deadlines, compared with the scheduler's rows ({@link #compareDeadlines()}). */
    private final io.hazardledger.hazard.internal.PendingDeadlines pendingDeadlines;
    private final io.hazardledger.whistleblower.internal.WhistleblowerView whistleblowers;
    private final io.hazardledger.whistleblower.internal.SealedKeys sealedKeys;
    private final io.hazardledger.whistleblower.SealingKey sealingKey;
    /** The sealing keys this ledger opens identities with, by key id: the current one and the earlier ones. */
    private final Map<String, io.hazardledger.whistleblower.SealingKey> openingKeys;
    /** The connection that keeps an in-memory H2 database alive while this ledger is open; null for any other. */
    private final java.sql.Connection inMemoryKeepAlive;
    private final boolean reviewsGrades;
    private final io.hazardledger.signing.internal.OfficeSeal officeSeal;
    private final io.hazardledger.supervision.internal.GradeView gradeView;
    private final io.hazardledger.supervision.internal.GradeBook grades;
    /** Where the last scheduled grade review in this process looked (null before the first): it looks again when the ledger grew or the day changed. */
    private final java.util.concurrent.atomic.AtomicReference<Reviewed> lastReview = new java.util.concurrent.atomic.AtomicReference<>();
    /** Set while a rebuild that a migration asked for could not run (the ledger did not verify); a replay clears it. */
    private volatile LedgerIntegrityException rebuildRefused;
    private static final org.slf4j.Logger WRITES = org.slf4j.LoggerFactory.getLogger("io.hazardledger.writes");
    private final WriteObserver writeObserver;

    /**
     * The ledger's schema migrations over {@code dataSource}, as a ledger built with {@code migrate(true)} (the default)
     * applies them: the SQL scripts under {@code db/ledger} and the Java ones (version 19 sets PostgreSQL's autovacuum
     * on the register's tables; version 20 rewrites the deadline scheduler's times on H2 as instants), recorded in
     * {@code ledger_schema_history}. An application that migrates the schema itself and builds the ledger with
     * {@code migrate(false)} applies these, with any settings of its own added:
     * {@code Ledger.schemaMigrations(ds).load().migrate()}. Leaving out a version would make a later one fail Flyway's
     * validation.
     */
    public static org.flywaydb.core.api.configuration.FluentConfiguration schemaMigrations(
            javax.sql.DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/ledger")
                .javaMigrations(new io.hazardledger.store.internal.RegisterAutovacuum(),
                        new io.hazardledger.store.internal.SchedulerTimesMigration())
                .table("ledger_schema_history");
    }

    /**
     * Refuses, with a {@link StoreSchemaException}, a store that a newer version of the ledger wrote and, unless
     * {@code migrates}, one whose schema is older than this version's (or that holds none): what
     * {@link Builder#build()} checks first. For an application that must know before it prepares anything else (key
     * files, say). A store it cannot read at all (unreachable, its login refused) is a {@link StorageFailureException}.
     */
    public static void refuseAStoreItCannotRead(javax.sql.DataSource dataSource, boolean migrates) {
        io.hazardledger.store.internal.SchemaVersions.refuseAStoreItCannotRead(dataSource, migrates);
    }

    private Ledger(Builder b, java.sql.Connection inMemoryKeepAlive) {
        this.inMemoryKeepAlive = inMemoryKeepAlive;
        // No outbound calls and no advertising: the update checker is a ConfigurerModule that is never loaded
        // (defaultConfiguration(false)); the console banner is silenced unless the embedding app decides otherwise.
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        // a store this version would misread is refused before anything reads or migrates it
        refuseAStoreItCannotRead(b.dataSource, b.migrate);
        if (b.migrate) {
            schemaMigrations(b.dataSource).load().migrate();
        }
        // an embedded H2 file forced to the disk after each commit, before the ledger answers (on PostgreSQL the
        // database does it: synchronous_commit)
        boolean h2File = onClassPath("org.h2.jdbc.JdbcConnection") && H2Housekeeping.applies(b.dataSource);
        // and each rollback of the ledger's connections to it made while no other thread stores: H2 could otherwise
        // undo a row twice, the second time over another transaction's commit (H2Rollbacks)
        DataSource dataSource = h2File ? io.hazardledger.store.internal.H2Rollbacks.guard(b.dataSource)
                : b.dataSource;
        this.h2Housekeeping = b.storeHousekeeping.isZero() || !h2File ? null
                : new H2Housekeeping(dataSource, b.storeHousekeeping.multipliedBy(2));
        this.forcedCommits = !b.forceCommits || !h2File ? null
                : new io.hazardledger.store.internal.ForcedCommits(h2Housekeeping);
        this.dataSource = dataSource;
        ConnectionProvider connections = TransactionalConnections.over(dataSource, forcedCommits);
        LedgerSerializer eventSerializer = LedgerSerializer.forEvents();
        JacksonSerializer generalSerializer = JacksonSerializer.builder().objectMapper(LedgerSerializer.objectMapper()).build();
        this.directory = new DirectoryView(connections);
        this.versions = new io.hazardledger.register.internal.HazardVersions(dataSource,
                this::readEntries, b.clock.getZone());
        this.whistleblowers = new io.hazardledger.whistleblower.internal.WhistleblowerView(connections);
        this.register = new HazardRegisterView(connections, b.clock, versions, whistleblowers);
        this.trail = new SignatureTrailView(connections);
        this.inspections = new InspectionView(connections);
        this.clock = b.clock;
        this.writeObserver = b.writeObserver;
        this.cadences = new io.hazardledger.supervision.internal.CadenceView(connections, b.clock);
        this.sealedKeys = new io.hazardledger.whistleblower.internal.SealedKeys(connections);
        this.sealingKey = b.sealingKey;
        var opening = new java.util.LinkedHashMap<String, io.hazardledger.whistleblower.SealingKey>();
        if (b.sealingKey != null) {
            opening.put(b.sealingKey.keyId(), b.sealingKey);
        }
        b.earlierSealingKeys.forEach(k -> opening.putIfAbsent(k.keyId(), k));
        this.openingKeys = java.util.Collections.unmodifiableMap(opening);
        this.gradeView = new io.hazardledger.supervision.internal.GradeView(connections);
        var weeklyFacts = new io.hazardledger.supervision.internal.WeeklyFacts(dataSource);
        List<Projection> projections = List.of(directory, register, trail, inspections, cadences, whistleblowers,
                gradeView, weeklyFacts, new io.hazardledger.store.internal.RecordedTimeBlocks(b.recordedTimeBlock));
        JdbcEventStorageEngine jdbc = EventTables.engine(connections, eventSerializer, generalSerializer,
                new SQLStateResolver());
        this.storageEngine = new ChainingEventStorageEngine(jdbc, connections, projections, eventSerializer);
        this.store = new LedgerStore(dataSource, eventSerializer, projections, b.checkpointSigner == null ? null
                : new io.hazardledger.store.internal.VerifiedMarks(b.checkpointSigners, b.origin));
        this.rebuildRefused = store.rebuildIfMigrationsAsk().orElse(null);
        this.log = new JdbcMerkleLog(dataSource);
        this.recordedTimes = new io.hazardledger.store.internal.RecordedTimes(dataSource, b.recordedTimeBlock);
        this.flags = new io.hazardledger.flags.internal.CachedFlags(b.flagParameters != null ? b.flagParameters
                : io.hazardledger.flags.FlagParameters.defaults(b.clock.getZone()), store::read, this::sizeAsOf);
        this.grades = new io.hazardledger.supervision.internal.GradeBook(gradeView,
                new io.hazardledger.supervision.internal.GradeInputs(directory, register, flags, cadences, b.grading,
                        b.clock.getZone()), directory, log::size, b.clock);
        this.checkpoints = b.checkpointSigner == null ? null
                : new JdbcCheckpoints(dataSource, b.checkpointSigners, b.origin, b.clock, b.witnesses,
                        forcedCommits);
        if (checkpoints != null && b.tsa != null) {
            checkpoints.timestampWith(b.tsa, b.tsaCertificate);
        }
        // from the weekly_fact projection, unless a rebuild it needs could not run (then from the entries themselves)
        this.weeklyReports = new io.hazardledger.supervision.internal.WeeklyReporting(b.clock, log::size,
                recordedTimes::sizeAsOf, checkpoints, weeklyFacts::read, () -> rebuildRefused == null,
                (n, consumer) -> store.read(0, n, consumer),
                new io.hazardledger.supervision.internal.KeptWeeklyReports(dataSource, b.checkpointSigners,
                        b.origin, forcedCommits));
        if (checkpoints != null && !b.checkpointInterval.isZero()) {
            this.ownsScheduler = b.scheduler == null;
            this.checkpointer = b.scheduler != null ? b.scheduler
                    : java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "ledger-checkpointer");
                        t.setDaemon(true);
                        return t;
                    });
            long millis = b.checkpointInterval.toMillis();
            this.checkpointRounds = checkpointer.scheduleWithFixedDelay(this::checkpointRound, millis, millis,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            this.checkpointer = null;
            this.ownsScheduler = false;
            this.checkpointRounds = null;
        }
        this.housekeeper = h2Housekeeping == null ? null : forcedCommits != null
                ? background("ledger-h2-housekeeping", h2Housekeeping::run, b.storeHousekeeping, "H2 housekeeping")
                : background("ledger-h2-housekeeping", syncsAndRuns(h2Housekeeping),
                        max(b.storeHousekeeping.dividedBy(H2Housekeeping.SYNCS_PER_RUN), Duration.ofMillis(1)),
                        "H2 housekeeping");
        // Deadlines (due dates, escalation steps) are rows of the ledger's own database, run by db-scheduler on the
        // ledger's clock: they survive a restart, and one node runs each however many poll.
        var deadlineManager = new java.util.concurrent.atomic.AtomicReference<
                org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager>();
        var scheduled = com.github.kagkarlsson.scheduler.Scheduler.create(
                        new io.hazardledger.store.internal.UnitOfWorkDataSource(dataSource, connections),
                        org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager.binaryTask(deadlineManager::get));
        if (b.gradeReview != null) {
            // one row in the scheduler's table: whichever process picks it reviews, one at a time
            scheduled.startTasks(com.github.kagkarlsson.scheduler.task.helper.Tasks.recurring(GRADE_REVIEW,
                            com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.of(b.gradeReview))
                    .execute((instance, context) -> reviewGradesIfChanged()));
        }
        if (b.weeklyReports) {
            // the weekly reports, when asked for, are a recurring task of the same scheduler: one node makes each
            scheduled.startTasks(io.hazardledger.supervision.internal.WeeklyReportSchedule.task(b.clock.getZone(),
                    weeklyReports));
        }
        this.deadlineScheduler = scheduled
                .clock(b.clock::instant)
                .threads(2)
                .commitWhenAutocommitDisabled(false)   // a deadline set by a write commits with the write
                // instants, on any store; the recurring tasks this process leaves to others left out of its polls
                .jdbcCustomization(new io.hazardledger.store.internal.SchedulerTimes(tasksOfOthers(b)))
                // never deletes a task it has no implementation for: every task in the table is the ledger's own
                .deleteUnresolvedAfter(Duration.ofDays(36_500))
                .shutdownMaxWait(Duration.ofMinutes(1))
                .pollingInterval(b.deadlinePolling == null ? Duration.ofSeconds(5) : b.deadlinePolling)
                .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getName()))
                .build();
        this.runsDeadlines = b.deadlinePolling != null;
        this.reviewsGrades = b.gradeReview != null;
        this.officeId = b.officeId;
        this.officeSigner = b.officeSigner;
        this.officeSeal = new io.hazardledger.signing.internal.OfficeSeal(b.officeId, b.officeSigner,
                this::latestEntryHash, b.clock, directory);
        org.axonframework.config.Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> generalSerializer)
                .configureEventSerializer(c -> eventSerializer)
                .configureMessageSerializer(c -> generalSerializer)
                .configureEmbeddedEventStore(c -> storageEngine)
                .registerComponent(Directory.class, c -> directory)
                .registerComponent(Clock.class, c -> b.clock)
                .registerComponent(Inspections.class, c -> inspections)
                .registerComponent(HazardRegister.class, c -> register)
                .registerComponent(io.hazardledger.whistleblower.internal.SealedKeys.class, c -> sealedKeys)
                .registerComponent(io.hazardledger.flags.IntegrityFlags.class, c -> flags)
                .registerComponent(io.hazardledger.log.MerkleLog.class, c -> log)
                .registerComponent(io.hazardledger.hazard.EscalationLadder.class, c -> b.escalation)
                .registerComponent(io.hazardledger.hazard.DueDateHorizon.class, c -> b.dueDateHorizon)
                .registerComponent(io.hazardledger.signing.internal.OfficeSeal.class, c -> officeSeal)
                .registerComponent(io.hazardledger.supervision.Grades.class, c -> grades)
                .registerComponent(org.axonframework.deadline.DeadlineManager.class, c -> {
                    var manager = org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager.builder()
                            .scheduler(deadlineScheduler)
                            .scopeAwareProvider(new org.axonframework.config.ConfigurationScopeAwareProvider(c))
                            .serializer(generalSerializer)
                            .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                            .startScheduler(false).stopScheduler(false)
                            .build();
                    // a deadline's writes are writes like a command's: one log line each, and the observer told
                    manager.registerHandlerInterceptor((unitOfWork, chain) -> {
                        long start = System.nanoTime();
                        Object result = chain.proceed();
                        String name = "deadline " + unitOfWork.getMessage().getDeadlineName();
                        unitOfWork.afterCommit(u -> {
                            List<ChainingEventStorageEngine.Written> written = u.root().getOrComputeResource(
                                    ChainingEventStorageEngine.RECEIPTS, k -> new ArrayList<>());
                            if (!written.isEmpty()) {
                                Receipt receipt = new Receipt(written.stream()
                                        .map(w -> new Receipt.Entry(w.index(), w.entryHash(), w.eventType())).toList());
                                Duration took = Duration.ofNanos(System.nanoTime() - start);
                                Object what = unitOfWork.getMessage().getPayload();
                                logWrite(name, receipt, took);
                                observe(o -> o.committed(what, receipt, took));
                            }
                        });
                        return result;
                    });
                    deadlineManager.set(manager);
                    return manager;
                })
                .configureCorrelationDataProviders(c -> List.of(ORIGIN,
                        new SimpleCorrelationDataProvider(SignatureMetadata.KEY, CALLER)))
                .configureAggregate(Hazard.class)
                .configureAggregate(Enterprise.class)
                .configureAggregate(Person.class)
                .configureAggregate(Inspection.class)
                .configureAggregate(io.hazardledger.flags.FlagAcknowledgement.class)
                .configureAggregate(io.hazardledger.whistleblower.WhistleblowerReport.class);
        Configuration built;
        try {
            built = customizeAndBuild(b, configurer, connections);
            built.eventStore().registerDispatchInterceptor(Ledger::unsignedNotices);
            built.start();
        } catch (RuntimeException | Error e) {   // the checkpoint rounds and the housekeeping run already: stop them
            stopBackground();
            throw e;
        }
        this.axon = built;
        // group commit only where commands are handled on the sending thread by Axon's own local bus (not over a
        // remote bus such as Axon Server's, nor an asynchronous one), and where the events a command's handling
        // records carry its trace (the receipts are told apart by it); two groups at a time, one handling its commands
        // while the other writes and commits (measured: more leaders make smaller groups, and slower)
        boolean groupable = axon.commandBus().getClass() == org.axonframework.commandhandling.SimpleCommandBus.class
                && axon.correlationDataProviders().contains(ORIGIN);
        Gathering gathering = b.groupGather != null ? b.groupGather : defaultGathering(dataSource);
        this.groupCommit = new io.hazardledger.store.internal.GroupCommit(axon.commandGateway(), axon.commandBus(),
                connections, Ledger::aggregateKeys, groupable ? b.groupCommit : 1, GROUP_LEADERS, gathering.time(),
                gathering.fromGroupsOf());
        axon.getComponent(org.axonframework.deadline.DeadlineManager.class);   // before a deadline can fire
        this.pendingDeadlines = new io.hazardledger.hazard.internal.PendingDeadlines(dataSource, generalSerializer,
                hazardId -> axon.eventStore().readEvents(hazardId).asStream().toList(), b.escalation, b.clock);
        try {
            startUp(b);
        } catch (RuntimeException | Error e) {   // a ledger that failed to build leaves nothing running
            try {
                close();
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The application's customizer applied, the signature checks put on the bus, Axon's configuration built. */
    private Configuration customizeAndBuild(Builder b, org.axonframework.config.Configurer configurer,
                                            ConnectionProvider connections) {
        if (b.axonCustomizer != null) {
            b.axonCustomizer.accept(configurer);
            // whatever the customizer configured, events are stored by the chain: an event and its ledger entry
            // commit in one database transaction, or neither does
            configurer.configureEmbeddedEventStore(c -> storageEngine);
        }
        // The checks are on the bus before any command handler subscribes (phase 0): with a remote bus (Axon Server)
        // a command can arrive as soon as the handlers are subscribed.
        SignatureChecks signatureChecks = new SignatureChecks(connections, directory, b.clock, b.requireSignatures,
                b.demoSigning, b.maxStatementAge);
        int beforeConnectors = org.axonframework.lifecycle.Phase.OUTBOUND_EVENT_CONNECTORS - 10;
        configurer.onInitialize(config -> config.onStart(beforeConnectors,
                () -> {
                    config.commandBus().registerHandlerInterceptor(signatureChecks);
                    config.commandBus().registerHandlerInterceptor(receipts());
                }));
        return configurer.buildConfiguration();
    }

    /** What a ledger does once Axon has started, before it is handed out: its start's repairs and checks. */
    private void startUp(Builder b) {
        if (b.migrate) {
            backfillDeadlines(dataSource);
        }
        if (officeSigner != null && b.migrate) {
            // before the first escalation step can be due: the office's key listed under the office
            String status;
            try {
                status = registerOfficeKey();
            } catch (RuleViolationException | ConcurrentWriteException e) {
                status = registerOfficeKey();   // another node registered it at the same moment: look again
            }
            // a key the office cannot sign with (another is registered to it: a key file lost or replaced) holds the
            // escalation steps and grade changes: a warning, not an information an operator scrolls past
            org.slf4j.Logger officeLog = org.slf4j.LoggerFactory.getLogger(Ledger.class);
            if (status.contains("who holds another key")) {   // not the first start's "not in the directory yet"
                officeLog.warn(status);
            } else {
                officeLog.info(status);
            }
        }
        if (runsDeadlines) {
            deadlineScheduler.start();
        }
        if (b.migrate) {
            warnOfOtherSealingKeys(dataSource);
            if (rebuildRefused == null) {   // else the projection it reads cannot be trusted: not compared
                sealedKeysCompared().forEach(f -> org.slf4j.LoggerFactory.getLogger(Ledger.class).error(
                        "whistleblower identities: {}", f));
            }
        }
        if (b.weeklyReports) {
            org.slf4j.LoggerFactory.getLogger(Ledger.class).info("weekly reports: made at 00:01 each Friday ({}) and "
                    + "kept in weekly_report", b.clock.getZone());
        }
    }

    /**
     * Says so at start when sealed identities wait for a sealing key this ledger does not hold (a key file lost and
     * generated anew, or another node's key): they cannot be revealed here until that key is configured.
     */
    private void warnOfOtherSealingKeys(DataSource dataSource) {
        List<String> others = io.hazardledger.store.internal.Sql.query(TransactionalConnections.over(dataSource),
                "SELECT key_id, COUNT(*) FROM whistleblower_key GROUP BY key_id ORDER BY key_id",
                rs -> rs.getString(1) + " (" + rs.getLong(2) + ")").stream()
                .filter(k -> !openingKeys.containsKey(k.substring(0, k.indexOf(' ')))).toList();
        if (!others.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Ledger.class).error("sealed whistleblower identities wait for sealing "
                    + "keys this ledger does not hold: {} (key id and identities); {}: configure the key files they "
                    + "were sealed for (ledger.office.sealing-key-file, or ledger.office.earlier-sealing-key-files) to "
                    + "reveal them", others, openingKeys.isEmpty() ? "no sealing key is configured"
                    : "it holds " + String.join(", ", openingKeys.keySet()));
        }
    }

    /**
     * The weekly report of the week ending on the Thursday {@code week} (Friday to Thursday in the park's time zone):
     * from the entries recorded by the week's end (for the current week, all of them so far), against the smallest
     * signed checkpoint that covers them (made now if none does yet), so that the same week gives the same report.
     * Counted from the {@code weekly_fact} projection below that size; an ended week that the schedule kept a report
     * of ({@link Builder#scheduleWeeklyReports()}) is answered with the kept one.
     *
     * @throws InvalidInputException when {@code week} is not a Thursday or the week has not begun
     */
    public io.hazardledger.supervision.WeeklyReport weeklyReport(java.time.LocalDate week) {
        return weeklyReports.report(week);
    }

    /**
     * The report of the week ending on the Thursday {@code week} as the schedule made and kept it (see
     * {@link Builder#scheduleWeeklyReports()}), if it did; {@link #weeklyReport} answers with it for that week.
     *
     * @throws InvalidInputException when {@code week} is not a Thursday
     */
    public java.util.Optional<io.hazardledger.supervision.WeeklyReport> keptWeeklyReport(java.time.LocalDate week) {
        return weeklyReports.kept(week);
    }

    /**
     * The signed note of the kept report of the week ending on {@code week} (docs/FORMAT.md 17: five lines, the origin,
     * {@code weekly-report} and the week, its sizes and the SHA-256 of the report's JSON document, with a signature
     * line of each of the log's checkpoint keys); empty when no report of that week is kept and signed.
     */
    public java.util.Optional<String> keptWeeklyReportNote(java.time.LocalDate week) {
        return weeklyReports.keptNote(week);
    }

    /**
     * Whether a report of the week ending on {@code week} is kept but not served: its row does not hash to its
     * SHA-256, or its note is not signed by the log's keys (changed outside the ledger, or signed by a key no longer
     * configured); {@link #weeklyReport} then computes that week again, and {@link #verify()} lists it.
     */
    public boolean weeklyReportKeptButNotServed(java.time.LocalDate week) {
        return weeklyReports.keptButNotServed(week);
    }

    /** The weekly reports' sources, for the tests that hold the projection to the fold. */
    io.hazardledger.supervision.internal.WeeklyReporting weeklyReporting() {
        return weeklyReports;
    }

    /** The whistleblower reports (never with their identities) and the trail of accesses to their identities. */
    public io.hazardledger.whistleblower.WhistleblowerReports whistleblowerReports() {
        return whistleblowers;
    }

    /**
     * Compares the wrapped data keys (table {@code whistleblower_key}, beside the ledger and not hashed into it: FORMAT
     * section 18.1) with what the entries make of each report, through the projection a replay checks: a sealed
     * identity whose key is gone was destroyed outside the ledger, with no signed shredding (it can never be revealed
     * again), and a key kept for a report the entries shredded, or for no report, still opens what should be closed.
     * Each is one line; none: the keys are as the entries say. A server says so in its log when it starts (unless a
     * rebuild its migrations asked for was refused: then the projection is not to be trusted, and nothing is said).
     */
    public List<String> sealedKeysCompared() {
        var connections = TransactionalConnections.over(dataSource);
        List<String> found = new ArrayList<>(io.hazardledger.store.internal.Sql.query(connections,
                "SELECT r.report_id FROM whistleblower_report r LEFT JOIN whistleblower_key k "
                        + "ON k.report_id = r.report_id WHERE r.identity_state = 'SEALED' AND k.report_id IS NULL "
                        + "ORDER BY r.filed_index", rs -> rs.getString(1) + ": its sealed identity's wrapped key is "
                        + "missing, and no entry shredded it: deleted outside the ledger, it can no longer be "
                        + "revealed"));
        found.addAll(io.hazardledger.store.internal.Sql.query(connections,
                "SELECT k.report_id, r.identity_state FROM whistleblower_key k LEFT JOIN whistleblower_report r "
                        + "ON r.report_id = k.report_id WHERE r.report_id IS NULL OR r.identity_state <> 'SEALED' "
                        + "ORDER BY k.report_id", rs -> rs.getString(1) + ": a wrapped key is kept for "
                        + (rs.getString(2) == null ? "a report the ledger does not hold"
                        : "SHREDDED".equals(rs.getString(2)) ? "a report whose identity the ledger shredded"
                        : "a report filed without an identity") + ", which the entries do not make"));
        return found;
    }

    /**
     * Files a whistleblower report (no account, no signature): a fresh report id, the identity (if given) sealed
     * before anything is stored (docs/FORMAT.md section 18), one unsigned entry, and the wrapped data key kept beside
     * the ledger in the same transaction.
     *
     * @throws RuleViolationException    an identity is given and this ledger has no sealing key ({@link
     *                                   Builder#sealingKey})
     * @throws UnknownReferenceException the enterprise does not exist
     */
    public io.hazardledger.whistleblower.FiledReport fileWhistleblowerReport(io.hazardledger.whistleblower.FileReport report) {
        Objects.requireNonNull(report, "report");
        io.hazardledger.internal.Checks.refuseInNewText(report);   // the identity too, before it is sealed
        byte[] id = new byte[12];
        REPORT_IDS.nextBytes(id);
        String reportId = "wb-" + java.util.HexFormat.of().formatHex(id);
        io.hazardledger.whistleblower.internal.IdentitySeal.Sealed sealed = null;
        if (report.identity() != null) {
            if (sealingKey == null) {
                throw new RuleViolationException("sealing-unavailable", "this ledger has no sealing key, so an "
                        + "identity cannot be kept secret: file the report without one");
            }
            sealed = io.hazardledger.whistleblower.internal.IdentitySeal.seal(reportId, report.identity(), sealingKey);
        }
        Receipt receipt = execute(new io.hazardledger.whistleblower.internal.FileSealedReport(reportId,
                report.enterpriseId(), report.location(), report.description(),
                sealed == null ? null : sealed.identity(), sealed == null ? null : sealed.wrappedKey()));
        return new io.hazardledger.whistleblower.FiledReport(reportId, receipt,
                sealed == null ? null : sealed.identity().commitment(), sealed == null ? null : sealed.salt());
    }

    private static final java.security.SecureRandom REPORT_IDS = new java.security.SecureRandom();

    /**
     * Reveals a report's sealed identity to a park-office person who signed the act: the access entry is written
     * first, and the identity is opened only once it is committed.
     *
     * @throws UnknownReferenceException the report does not exist
     * @throws RuleViolationException    the report has no identity, it was shredded, the revealer is not of the park
     *                                   office, or this ledger does not hold the key it was sealed for
     * @throws SignatureRefusedException the signature does not hold
     */
    public io.hazardledger.whistleblower.RevealedIdentity revealIdentity(
            io.hazardledger.whistleblower.RevealIdentity command, SignedStatement signature) {
        return revealIdentity(command, signature, null);
    }

    /**
     * As {@link #revealIdentity(io.hazardledger.whistleblower.RevealIdentity, SignedStatement)}, on behalf of
     * {@code caller}, recorded with the access entry as
     * {@link #execute(Object, SignedStatement, String)} records it.
     */
    public io.hazardledger.whistleblower.RevealedIdentity revealIdentity(
            io.hazardledger.whistleblower.RevealIdentity command, SignedStatement signature, String caller) {
        Objects.requireNonNull(command, "command");
        var report = whistleblowers.get(command.reportId()).orElseThrow(() ->
                UnknownReferenceException.target("reportId", command.reportId(), "report"));
        io.hazardledger.whistleblower.SealedIdentity sealed = null;
        if (report.identity() == io.hazardledger.whistleblower.ReportSummary.IdentityState.SEALED) {
            sealed = filedIdentity(report.filedIndex());
            if (!openingKeys.containsKey(sealed.keyId())) {
                throw new RuleViolationException("sealing-key-unavailable", "the identity of " + command.reportId()
                        + " was sealed for the key " + sealed.keyId() + ", which this ledger does not hold");
            }
            if (sealedKeys.read(command.reportId()).isEmpty()) {   // its key is gone: nothing written
                if (whistleblowers.get(command.reportId()).map(r -> r.identity()
                        == io.hazardledger.whistleblower.ReportSummary.IdentityState.SHREDDED).orElse(false)) {
                    throw new RuleViolationException("identity-shredded", "the identity of " + command.reportId()
                            + " was shredded: nobody can open it");   // a shredding committed a moment ago
                }
                throw new RuleViolationException("sealed-key-missing", "the wrapped key of " + command.reportId()
                        + " is not in the store, and no entry shredded it (the table whistleblower_key was changed "
                        + "outside the ledger): restore its row from a backup to open the identity");
            }
        }
        Receipt access = execute(command, signature, caller);   // the aggregate refuses a report without an identity
        byte[] wrapped = sealedKeys.read(command.reportId()).orElseThrow(() -> new RuleViolationException(
                "identity-shredded", "the identity of " + command.reportId() + " was shredded: nobody can open it"));
        return new io.hazardledger.whistleblower.RevealedIdentity(command.reportId(),
                io.hazardledger.whistleblower.internal.IdentitySeal.open(command.reportId(), sealed, wrapped,
                        openingKeys.get(sealed.keyId())), access);
    }

    private io.hazardledger.whistleblower.SealedIdentity filedIdentity(long index) {
        var found = new java.util.concurrent.atomic.AtomicReference<io.hazardledger.whistleblower.SealedIdentity>();
        store.read(index, index + 1, e -> found.set(
                ((io.hazardledger.whistleblower.WhistleblowerReportFiled) e.payload()).sealedIdentity()));
        return found.get();
    }

    /**
     * The office's sealing key's public half, as the whistleblowers' sealed identities name it ({@code keyId}, the
     * first 32 hex digits of the SHA-256 of {@code publicKey}, the DER SubjectPublicKeyInfo in base64); empty when this
     * ledger holds no sealing key.
     */
    public java.util.Optional<io.hazardledger.whistleblower.SealingPublicKey> sealingPublicKey() {
        return java.util.Optional.ofNullable(sealingKey).map(Ledger::publicHalf);
    }

    /**
     * The public halves of every sealing key this ledger opens identities with: the current one first, then the
     * earlier ones ({@link Builder#earlierSealingKeys}), so that the key an older sealed identity names is shown too.
     */
    public List<io.hazardledger.whistleblower.SealingPublicKey> sealingPublicKeys() {
        return openingKeys.values().stream().map(Ledger::publicHalf).toList();
    }

    private static io.hazardledger.whistleblower.SealingPublicKey publicHalf(
            io.hazardledger.whistleblower.SealingKey k) {
        return new io.hazardledger.whistleblower.SealingPublicKey(k.keyId(), "X25519", k.spkiBase64());
    }

    /** The supervision cadences: which enterprise is behind on its leader-led inspections and evacuation drills. */
    public io.hazardledger.supervision.Cadences cadences() {
        return cadences;
    }

    /** The supervision grades (A–D): as recorded, and as the rules score an enterprise now. */
    public io.hazardledger.supervision.Grades grades() {
        return grades;
    }

    /** The name of the scheduled grade review in db-scheduler's table ({@link Builder#reviewGrades}). */
    static final String GRADE_REVIEW = "supervision-grade-review";

    /** The recurring tasks of the ledger that this process does not run, and leaves to another that does. */
    private static java.util.Set<String> tasksOfOthers(Builder b) {
        var others = new java.util.HashSet<String>();
        if (b.gradeReview == null) {
            others.add(GRADE_REVIEW);
        }
        if (!b.weeklyReports) {
            others.add(io.hazardledger.supervision.internal.WeeklyReportSchedule.TASK);
        }
        return others;
    }

    /** Where a scheduled review looked: the ledger's size before it, and the day. */
    private record Reviewed(long size, java.time.LocalDate day) {
    }

    /**
     * Reviews every enterprise's grade now: scores each as the ledger stands (its current size, today in the park)
     * and, for each whose grade differs from the one last recorded (or that has none), has the enterprise record the
     * change: a {@code SupervisionGradeChanged} entry stating its inputs, signed by the park office's key. Returns the
     * entries written, none when no grade changed. Safe to run twice or in several processes at once: an enterprise
     * records a grade only when it differs from its last one, and of two writes at once one conflicts and looks
     * again. The server runs it on a schedule ({@link Builder#reviewGrades}); a library user calls it when it wants.
     *
     * @throws IllegalStateException      when a grade changed but the office cannot sign (no office key, or the key is
     *                                    not registered to the office): nothing is recorded
     * @throws IntegrityRefusalException when a rebuild of the projections that a schema migration asked for could not
     *                                    run (the ledger does not verify): the inputs would be read from projections
     *                                    made by an earlier rule, and nothing is recorded until a replay succeeds
     */
    public List<Receipt> reviewGrades() {
        if (rebuildRefused != null) {
            throw new IntegrityRefusalException(rebuildRefused);
        }
        Map<String, io.hazardledger.supervision.SupervisionGrade> recorded = gradeView.currentGrades();
        List<String> changed = grades.assessAll().stream()
                .filter(a -> a.grade() != recorded.get(a.enterpriseId()))
                .map(io.hazardledger.supervision.GradeAssessment::enterpriseId).toList();
        if (changed.isEmpty()) {
            return List.of();
        }
        officeSeal.unavailable().ifPresent(why -> {
            throw new IllegalStateException("the grades of " + changed.size() + " enterprises changed, but the park "
                    + "office cannot sign them: " + why);
        });
        List<Receipt> written = new ArrayList<>();
        for (String enterpriseId : changed) {
            var review = new io.hazardledger.supervision.internal.ReviewGrade(enterpriseId);
            java.util.Optional<Receipt> receipt;
            try {
                receipt = write(review, null);
            } catch (ConcurrentWriteException e) {
                receipt = write(review, null);   // another write to the enterprise came first: it scores itself again
            }
            receipt.ifPresent(written::add);
        }
        return written;
    }

    /** The scheduled review: only when the ledger grew or the day changed since this process last looked. */
    private void reviewGradesIfChanged() {
        Reviewed now = new Reviewed(log.size(), java.time.LocalDate.now(clock));
        if (now.equals(lastReview.get())) {
            return;
        }
        try {
            List<Receipt> written = reviewGrades();
            lastReview.set(now);
            if (!written.isEmpty()) {
                org.slf4j.LoggerFactory.getLogger(Ledger.class).info("recorded {} grade change{}", written.size(),
                        written.size() == 1 ? "" : "s");
            }
        } catch (IllegalStateException | IntegrityRefusalException e) {
            // the office cannot sign, or the projections wait for a replay: looked at again once the ledger grows (the
            // office's key registered) or a day begins
            lastReview.set(now);
            org.slf4j.LoggerFactory.getLogger(Ledger.class).warn("the grade review waits: {}", e.getMessage());
        } catch (RuntimeException e) {
            // looked at again at the next round; a failure here is not the scheduler's to retry
            org.slf4j.LoggerFactory.getLogger(Ledger.class).warn("the grade review failed; the next round tries again: {}",
                    e.toString());
        }
    }

    /**
     * Lists the office's key (see {@link Builder#office}) under the office's person when it is not yet: the first
     * start with a new key (a ledger that migrates its store does this when it is built), or once the office's person
     * has been registered. Returns what it found or did; the escalation steps wait while the key is not listed.
     *
     * @throws IllegalStateException when the key is listed under another person
     */
    public String registerOfficeKey() {
        if (officeSigner == null) {
            return "no office key is configured: escalation steps wait";
        }
        var key = officeSigner.verificationKey();
        var listed = directory.key(key.keyId());
        if (listed.isPresent()) {
            if (!listed.get().personId().equals(officeId)) {
                throw new IllegalStateException("the office key " + key.keyId() + " is registered to "
                        + listed.get().personId() + ", not to the office " + officeId);
            }
            return "the office key " + key.keyId() + " of " + officeId + " is registered";
        }
        if (directory.person(officeId).isEmpty()) {
            return "the office " + officeId + " is not in the directory yet: its key is registered to it once it is "
                    + "registered (role PARK_OFFICE); escalation steps and grade changes wait until then";
        }
        Receipt receipt;
        try {
            // valid from the whole second, as a key registered without a validFrom is (FORMAT 12.8)
            receipt = execute(new io.hazardledger.directory.RegisterKey(officeId, key.spkiBase64(),
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), officeId));
        } catch (SignatureRefusedException e) {
            // the office holds another key (its key file replaced): a key beyond a first is registered signed, and the
            // server holds nothing to sign it with; the steps wait, as for a key not yet registered
            return "the office key " + key.keyId() + " is not registered to " + officeId + ", who holds another key: "
                    + "restore the office key file that holds it, or have a registrar register this key for "
                    + officeId + " (POST /api/v1/people/" + officeId + "/keys, signed); escalation steps and grade "
                    + "changes wait until it is registered (" + e.getMessage() + ")";
        }
        return "registered the office key " + key.keyId() + " of " + officeId + " at index "
                + receipt.entries().get(0).index();
    }

    /**
     * Once, after migration V12: the pending deadline of every open hazard planned before deadlines were kept (a
     * hazard planned since has its own: {@link #restoreDeadlines()}).
     */
    private void backfillDeadlines(DataSource dataSource) {
        // no connection held while the register is read and the deadlines set: each takes its own
        try (java.sql.Connection c = dataSource.getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM deadline_backfill")) {
            if (!rs.next() || rs.getLong(1) == 0) {
                return;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not set the deadlines of the hazards planned earlier: "
                    + e.getMessage(), e);
        }
        try {
            var deadlines = axon.getComponent(org.axonframework.deadline.DeadlineManager.class);
            int set = pendingDeadlines.check(p -> p.setAgain(deadlines)).unserved().size();
            try (java.sql.Connection c = dataSource.getConnection(); var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM deadline_backfill");
            }
            if (set > 0) {
                org.slf4j.LoggerFactory.getLogger(Ledger.class).info("set the deadlines of {} open hazards "
                        + "planned before deadlines were kept", set);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not set the deadlines of the hazards planned earlier: " + e.getMessage(), e);
        }
    }

    /** The latest entry hash of an aggregate, the zero hash before its first (what a statement binds). */
    private String latestEntryHash(String aggregateId) {
        List<io.hazardledger.register.HistoryEntry> history = register.history(aggregateId);
        return history.isEmpty() ? Hashes.ZERO_HASH : history.get(history.size() - 1).entryHash();
    }

    /**
     * Holds the deadlines back (none starts until {@link #resumeDeadlines()}): for loading a story whose clock was set
     * back (the demo), so that no deadline fires in the middle of it.
     */
    public void pauseDeadlines() {
        deadlineScheduler.pause();
    }

    /**
     * Lets the deadlines run again after {@link #pauseDeadlines()}, those that fell due meanwhile first, and the grade
     * review (if this process runs it) at once: what was written meanwhile may have changed grades.
     */
    public void resumeDeadlines() {
        deadlineScheduler.resume();
        if (reviewsGrades) {
            try {
                deadlineScheduler.reschedule(com.github.kagkarlsson.scheduler.task.TaskInstanceId.of(GRADE_REVIEW,
                        com.github.kagkarlsson.scheduler.task.helper.RecurringTask.INSTANCE), clock.instant());
            } catch (RuntimeException e) {
                // running now, on this node or another: it looks at the ledger as it is
            }
        }
        runDueDeadlines();
    }

    /** Whether this ledger runs the deadlines that fall due ({@link Builder#runDeadlines}) or leaves them to others. */
    public boolean runsDeadlines() {
        return runsDeadlines;
    }

    /**
     * Runs the deadlines that are due now (by the ledger's clock) without waiting for the next poll: for a clock
     * that was moved (tests, the demo) and for whoever wants an answer at once. Returns at once; the deadlines run
     * on the scheduler's threads.
     */
    public void runDueDeadlines() {
        if (runsDeadlines) {
            deadlineScheduler.triggerCheckForDueExecutions();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Where commits are not forced: the first tick and every {@link H2Housekeeping#SYNCS_PER_RUN}th after it run the
     * housekeeping; each tick between forces the file and moves the version held (as a run does too). The first tick
     * runs, so that the syncs begin a tick after the start (they wait for a run to open the housekeeping's connection).
     */
    private static Runnable syncsAndRuns(H2Housekeeping housekeeping) {
        java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
        return () -> {
            if (ticks.getAndIncrement() % H2Housekeeping.SYNCS_PER_RUN == 0) {
                housekeeping.run();
            } else {
                housekeeping.syncBetweenRuns();
            }
        };
    }

    /** Runs {@code task} every {@code interval} on a daemon thread; a failed round is logged and the next one tries again. */
    private static java.util.concurrent.ScheduledExecutorService background(String thread, Runnable task,
                                                                            Duration interval, String what) {
        var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) { // an escaping throwable would cancel every later round
                org.slf4j.LoggerFactory.getLogger(Ledger.class).warn("{} failed; the next round tries again: {}", what,
                        e.toString());
            }
        }, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        return executor;
    }

    /** Committed entries with their events, for what folds them off the write path. */
    private long readEntries(java.sql.Connection c, long from, long to,
                             java.util.function.Consumer<io.hazardledger.projection.RecordedEvent> consumer)
            throws java.sql.SQLException {
        return store.read(c, from, to, consumer);
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, Ledger.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Executes a command record and returns the ledger entries it wrote, once they are committed.
     *
     * @throws InvalidInputException      a field is missing or malformed
     * @throws UnknownReferenceException  a referenced person, enterprise or hazard does not exist
     * @throws RuleViolationException     a business rule refused the command
     * @throws SignatureRefusedException  the ledger requires signatures ({@link Builder#requireSignatures}) and the
     *                                    act carries none ({@code signature-required})
     * @throws ConcurrentWriteException   another write changed the same aggregate first
     */
    public Receipt execute(Object command) {
        return execute(command, null);
    }

    /**
     * Executes a command with the acting person's signed statement (see {@link #statementFor}); the statement is
     * checked before the command runs and stored with its events.
     *
     * @throws SignatureRefusedException the signature, key, signer or statement does not hold
     */
    public Receipt execute(Object command, SignedStatement signature) {
        return execute(command, signature, null);
    }

    /**
     * Executes a command, signed or not, on behalf of {@code caller}: the registered person whose credentials the
     * application checked for this write (a server's API token). The person's ID is stored in the metadata of each
     * event the command writes ({@code ledgerCaller}, docs/FORMAT.md section 1) and the trails show it
     * ({@link io.hazardledger.signing.SignedAct#caller()}): who asked for an act that nobody signed, such as a
     * registration. It is the application's word, which no signature proves. Null: no person asked (a server's
     * command line, a ledger's own acts).
     *
     * @throws UnknownReferenceException the caller is not a registered person (nothing is written)
     */
    public Receipt execute(Object command, SignedStatement signature, String caller) {
        Objects.requireNonNull(command, "command");
        if (command instanceof io.hazardledger.supervision.internal.ReviewGrade) {
            throw new InvalidInputException("command", "grades are reviewed by Ledger.reviewGrades()");
        }
        if (caller != null && directory().person(caller).isEmpty()) {
            throw new UnknownReferenceException("caller", caller, "person");
        }
        Receipt receipt = write(command, signature, caller).orElseThrow(() -> new IllegalStateException(
                command.getClass().getSimpleName() + " wrote no entry"));
        if (officeSigner != null && command instanceof io.hazardledger.directory.RegisterPerson registered
                && registered.personId().equals(officeId)) {
            officeRegistered();
        }
        return receipt;
    }

    /**
     * The office's person has just been registered through this ledger: its key is listed now, not at the next start,
     * so that escalation steps and grade changes need not wait for one. The person's registration stands whatever
     * happens here; a key that cannot be listed is said in the log, as at a start.
     */
    private void officeRegistered() {
        var log = org.slf4j.LoggerFactory.getLogger(Ledger.class);
        try {
            log.info(registerOfficeKey());
        } catch (RuntimeException e) {
            log.warn("the office {} is registered, its key is not: {}; the next start tries again", officeId,
                    e.getMessage());
        }
    }

    /** Executes a command that no person asked for; empty when it wrote nothing. */
    private java.util.Optional<Receipt> write(Object command, SignedStatement signature) {
        return write(command, signature, null);
    }

    /** Executes a command; empty when it wrote nothing (a grade review that found the grade unchanged). */
    private java.util.Optional<Receipt> write(Object command, SignedStatement signature, String caller) {
        if (closed) {
            throw new IllegalStateException("the ledger is closed: build another to write");
        }
        io.hazardledger.internal.Checks.refuseInNewText(command);
        refuseReservedId(command);
        if (CurrentUnitOfWork.isStarted()) {
            // Axon's unit of work is per thread and shared by every Axon application in the process: nested in a
            // foreign one, the ledger's write would commit (or not) with that one, after this call returned.
            throw new IllegalStateException("Ledger.execute must not be called inside another Axon unit of work; "
                    + "call it after that unit of work, or from another thread");
        }
        long start = System.nanoTime();
        Object result;
        try {
            Map<String, Object> metadata = new java.util.HashMap<>();
            if (signature != null) {
                metadata.put(SignatureMetadata.KEY, SignatureMetadata.toMetadata(signature));
            }
            if (caller != null) {
                metadata.put(CALLER, caller);
            }
            Object message = metadata.isEmpty() ? command
                    : GenericCommandMessage.asCommandMessage(command).andMetaData(metadata);
            result = groupCommit.sendAndWait(GenericCommandMessage.asCommandMessage(message));
        } catch (RuntimeException e) {
            RuntimeException problem = translate(command, e);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (problem instanceof LedgerException refused) {
                observe(o -> o.refused(command, refused, took));
            } else {
                observe(o -> o.failed(command, problem, took));
            }
            throw problem;
        }
        List<ChainingEventStorageEngine.Written> written = ((ChainingEventStorageEngine.Committed) result).entries();
        if (written.isEmpty()) {
            return java.util.Optional.empty();
        }
        Receipt receipt = new Receipt(written.stream()
                .map(w -> new Receipt.Entry(w.index(), w.entryHash(), w.eventType()))
                .toList());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        logWrite(command, receipt, took);
        observe(o -> o.committed(command, receipt, took));
        return java.util.Optional.of(receipt);
    }

    /**
     * An overdue notice written by a person's act (a late submission, a failed verification, an extension after the
     * end) is the ledger's own, signed by nobody and asked for by nobody: the act's signature and caller, which Axon
     * copies onto every event of the act as correlation data, are taken off it (section 12.2 of docs/FORMAT.md: an
     * action's statement signs its own events; section 1: the ledger's own acts name no caller).
     */
    private static java.util.function.BiFunction<Integer, org.axonframework.eventhandling.EventMessage<?>,
            org.axonframework.eventhandling.EventMessage<?>> unsignedNotices(
            List<? extends org.axonframework.eventhandling.EventMessage<?>> events) {
        return (i, event) -> event.getPayloadType() == io.hazardledger.hazard.RectificationOverdue.class
                && (event.getMetaData().containsKey(SignatureMetadata.KEY) || event.getMetaData().containsKey(CALLER))
                ? event.withMetaData(event.getMetaData().withoutKeys(java.util.Set.of(SignatureMetadata.KEY, CALLER)))
                : event;
    }

    /**
     * One log line per committed write on the logger {@code io.hazardledger.writes}, with the ledger index as a
     * key-value pair ({@code ledger.index}; with {@code ledger.entries}, {@code ledger.entry_hash},
     * {@code ledger.command}, {@code ledger.took_ms}) for structured log formats. Who acted or signed, and the
     * command's content, stay out of the log (logs reach more people than the ledger does): they are in the ledger.
     */
    private static void logWrite(Object command, Receipt receipt, Duration took) {
        if (!WRITES.isInfoEnabled()) {
            return;
        }
        String action = command instanceof String what ? what : command.getClass().getSimpleName();
        WRITES.atInfo()
              .addKeyValue("ledger.index", receipt.index())
              .addKeyValue("ledger.entries", receipt.entries().size())
              .addKeyValue("ledger.entry_hash", receipt.entryHash())
              .addKeyValue("ledger.command", action)
              .addKeyValue("ledger.took_ms", took.toMillis())
              .log("committed {} at ledger index {} ({} entries, entry hash {}, {} ms)", action, receipt.index(),
                      receipt.entries().size(), receipt.entryHash(), took.toMillis());
    }

    private void observe(java.util.function.Consumer<WriteObserver> call) {
        if (writeObserver == null) {
            return;
        }
        try {
            call.accept(writeObserver);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Ledger.class).warn("the write observer failed: {}", e.toString());
        }
    }

    /**
     * The committed chain head, checked in one snapshot against the entries beside it: nothing stored at or beyond it,
     * and its last entry hashing to it (three indexed reads: cheap enough for a health probe; the entries before are
     * {@link #verify()}'s work).
     *
     * @throws IntegrityRefusalException when the head does not name its last entry, or an entry lies beyond it
     */
    public ChainHead head() {
        try {
            return store.head();
        } catch (LedgerIntegrityException e) {
            throw new IntegrityRefusalException("the chain head does not hold", e);
        }
    }

    /**
     * The statement the acting person signs for a command now: it binds the action, the aggregate, the command's
     * content, the aggregate's latest entry hash, the signer, the key and the claimed time.
     *
     * @throws InvalidInputException when the command is not a signed act
     */
    public Statement statementFor(Object command, String keyId, Instant claimedAt) {
        SignedActions.Action action = SignedActions.of(command)
                .orElseThrow(() -> new InvalidInputException("command", command.getClass().getSimpleName()
                        + " is not an act that is signed"));
        String aggregateId = action.aggregateId().apply(command);
        List<HistoryEntry> history = register.history(aggregateId);
        String prev = history.isEmpty() ? Hashes.ZERO_HASH : history.get(history.size() - 1).entryHash();
        return new Statement(action.name(), aggregateId, ContentDigest.of(command), prev,
                action.actor().apply(command), keyId, claimedAt.toString(), Statement.PERSONAL);
    }

    /** The person who must sign a command (its acting person), or empty when the command is not a signed act. */
    public java.util.Optional<String> signerFor(Object command) {
        return SignedActions.of(command).map(a -> a.actor().apply(command));
    }

    /** Who signed what: a person's trail, and a hazard's chain of responsibility. */
    public AccountabilityTrail trail() {
        return trail;
    }

    /**
     * How many writes of this ledger, since it was built, found the chain head elsewhere than where they guessed it
     * and were computed again on the locked head (PostgreSQL: a write is computed on the head this ledger wrote last;
     * another node's write in between, or a rolled-back write of this one, makes it miss). Always 0 on H2, where every
     * write locks and reads the head first. A count growing with the writes means the nodes take turns at every write.
     */
    public long headGuessesMissed() {
        return storageEngine.guessesMissed();
    }

    /**
     * How many event rows this ledger, since it was built, inserted itself in the message that writes their entries
     * (PostgreSQL, a write on the guessed head: the rows Axon's insert would write, with the values the entries are
     * computed from, instead of Axon's insert and a read-back: two round trips fewer). Always 0 on H2; on PostgreSQL
     * every event but those of a node's first write, of a write whose rows the database refused, and events that are
     * not an aggregate's or hold a text longer than its column (each then inserted by Axon and read back). Rows of a
     * write that rolled back later (its unit of work failed after the events were stored) are counted too.
     */
    public long eventsWrittenWithChain() {
        return storageEngine.eventsWrittenWithChain();
    }

    /** What group commit did since this ledger was built ({@link Builder#groupCommit}). */
    public GroupCommits groupCommits() {
        return new GroupCommits(groupCommit.groups(), groupCommit.groupedCommands(), groupCommit.groupsRerun(),
                groupCommit.waiting());
    }

    /**
     * Forces to the disk every write committed to the ledger's database before this call, where the ledger forces its
     * own commits (an embedded H2 file, {@link Builder#forceCommits} on); elsewhere it does nothing (PostgreSQL forces
     * each commit itself). For an application that keeps tables of its own in the ledger's database, outside the
     * ledger's commands: call it after such a write commits and before answering that it is stored. Throws
     * {@link io.hazardledger.store.internal.LedgerStorageException} when the file could not be forced; the write may
     * then not survive a power failure.
     */
    public void forceCommittedWrites() {
        if (forcedCommits == null) {
            return;
        }
        try (java.sql.Connection c = dataSource.getConnection()) {
            forcedCommits.afterCommit(c);
        } catch (java.sql.SQLException e) {
            throw new io.hazardledger.store.internal.LedgerStorageException(
                    "could not force the store's committed writes to the disk: " + e.getMessage(), e);
        }
    }

    /**
     * The data source the ledger uses: the one it was built over, except on an embedded H2 file, where each
     * connection's rollback (to a savepoint too, or on closing it with a transaction open) holds H2's store lock, so
     * that no other thread stores meanwhile. H2 (2.4.240 and 2.5.252) could otherwise undo a row twice, the second
     * time over another transaction's commit, and so lose that committed write. An application that keeps tables of
     * its own in the ledger's database and rolls back transactions on them should use this one, and call
     * {@link #forceCommittedWrites} after each commit.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The ledger as an RFC 9162 log: entries, tree heads, inclusion and consistency proofs. */
    public MerkleLog log() {
        return log;
    }

    /** Signed checkpoints, when the ledger was built with a checkpoint key ({@link Builder#checkpoints}). */
    public java.util.Optional<Checkpoints> checkpoints() {
        return java.util.Optional.ofNullable(checkpoints);
    }

    /** Checklist inspections. */
    public Inspections inspections() {
        return inspections;
    }

    /**
     * The ledger size a question asks about: {@code atIndex} itself (at most the current size), or as the ledger stood
     * at {@code asOf} (the entries before the first one recorded after it), or the current size when neither is
     * given. Every "as of" question (flags, histories) takes its position from here.
     *
     * @throws InvalidInputException when both are given, or {@code atIndex} is negative or beyond the ledger
     */
    public long sizeAsOf(Long atIndex, Instant asOf) {
        long size = log.size();
        if (atIndex != null && asOf != null) {
            throw new InvalidInputException("asOf", "give atIndex or asOf, not both");
        }
        if (atIndex != null) {
            if (atIndex < 0 || atIndex > size) {
                throw new InvalidInputException("atIndex", "must be between 0 and the ledger size " + size + ", got "
                        + atIndex);
            }
            return atIndex;
        }
        io.hazardledger.internal.Checks.plausible("asOf", asOf);   // Instant.MIN has no day to judge deadlines on
        return asOf == null ? size : recordedTimes.sizeAsOf(asOf, size);
    }

    /**
     * The position a question asks about, as {@link #sizeAsOf}, with the moment at which to judge it: {@code asOf}
     * itself (now, if it lies in the future); for {@code atIndex}, the latest moment the ledger had exactly that many entries (when the next entry
     * was recorded, or now if there is none yet); now when neither is given.
     *
     * @throws InvalidInputException     when both are given, {@code atIndex} is negative or beyond the ledger, or
     *                                   {@code asOf} lies outside the years 1970 to 2199
     * @throws IntegrityRefusalException when a rebuild that the schema's migration asked for could not run because the
     *                                   ledger does not verify: earlier positions cannot be answered until it does
     */
    public LedgerPosition position(Long atIndex, Instant asOf) {
        if (rebuildRefused != null && (atIndex != null || asOf != null)) {
            throw new IntegrityRefusalException(rebuildRefused);
        }
        long current = log.size();
        long size = sizeAsOf(atIndex, asOf);
        Instant now = clock.instant();
        Instant moment = asOf != null ? (asOf.isAfter(now) ? now : asOf)
                : size < current ? recordedTimes.recordedAt(size, current) : now;
        return new LedgerPosition(size, moment);
    }

    /**
     * One hazard's dossier as the ledger stood at {@code at}: its timeline with who signed what, stages, deadlines,
     * responsibilities, the inspections that did not act on it and the flags that touch it, with every cited entry
     * and its inclusion proof in a signed checkpoint (made now if the latest one does not cover them). Render it with
     * {@link io.hazardledger.dossier.DossierDocuments}.
     *
     * @throws UnknownReferenceException when the hazard was not reported among those entries
     * @throws RuleViolationException {@code checkpoint-key-differs} when a checkpoint must be signed for it and the
     *         ledger's keys signed none of the log's stored ones (docs/FORMAT.md 14.4)
     */
    public io.hazardledger.dossier.HazardDossier dossier(String hazardId, LedgerPosition at) {
        Objects.requireNonNull(hazardId, "hazardId");
        Objects.requireNonNull(at, "at");
        if (rebuildRefused != null) {
            throw new IntegrityRefusalException(rebuildRefused);
        }
        return new io.hazardledger.dossier.internal.DossierBuilder(this, clock.getZone()).build(hazardId, at);
    }

    /** The park's time zone (the clock's): due dates, "overdue" and the days of reports are judged in it. */
    public ZoneId zone() {
        return clock.getZone();
    }

    /** The hazard register and hazard histories. */
    public HazardRegister register() {
        return register;
    }

    /**
     * The integrity flags: signals of fake or paper rectification, each citing its entries, as of now or of an
     * earlier ledger position. Computed in memory from the committed entries, brought up to date at each call (the
     * first call after a start reads the whole ledger).
     */
    public io.hazardledger.flags.IntegrityFlags flags() {
        return flags;
    }

    /** People and enterprises. */
    public Directory directory() {
        return directory;
    }

    /**
     * Recomputes every entry from the stored events and checks every link.
     *
     * @throws LedgerIntegrityException naming the first index that does not verify
     */
    public VerifiedLedger verify() throws LedgerIntegrityException {
        return store.verify().withWeeklyReportsNotServed(weeklyReports.keptButNotServed());
    }

    /**
     * As {@link #verify()}, telling the stored checkpoints that are the log's by {@code logVerifierKeys} (C2SP
     * verifier keys, {@code GET /api/v1/ledger/key}, all of one name: the log's origin) instead of this ledger's own
     * keys: for an auditor who holds only the log's public key, on a ledger opened without its checkpoint key.
     *
     * @throws IllegalArgumentException when a key is not a verifier key, or the keys name different logs
     * @throws LedgerIntegrityException naming the first index that does not verify
     */
    public VerifiedLedger verify(List<String> logVerifierKeys) throws LedgerIntegrityException {
        List<io.hazardledger.integrity.note.NoteVerifier> keys = new java.util.ArrayList<>();
        for (String key : logVerifierKeys) {
            try {
                keys.add(io.hazardledger.integrity.note.NoteVerifier.parse(key.strip()));
            } catch (io.hazardledger.integrity.sig.InvalidSignatureException e) {
                throw new IllegalArgumentException("not a verifier key: " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no verifier key given");
        }
        return store.verify(new io.hazardledger.store.internal.LedgerStore.LogKeys(keys, keys.get(0).name()));
    }

    /**
     * Rebuilds every projection from the ledger; returns how many entries were replayed. The ledger is verified
     * first: projections are never rebuilt from a ledger that does not verify.
     *
     * @throws IntegrityRefusalException naming the first index that does not verify
     * @see #replayAndReport()
     */
    public long replay() {
        return replayAndReport().entries();
    }

    /**
     * Rebuilds every projection from the ledger, as {@link #replay()}, and says what it changed: each projection is
     * compared with what the entries make, and the rows that differed are counted and corrected (the register, the
     * signature trail, the weekly facts and the recorded times' blocks write only those rows; the directory, the
     * inspections, the cadences, the whistleblower reports and the grades are written again whole and compared with
     * what they held); {@link ReplayReport#corrected()} tells whether any projection held rows that the entries do not
     * make.
     *
     * @throws IntegrityRefusalException naming the first index that does not verify (nothing is changed)
     */
    public ReplayReport replayAndReport() {
        // an embedded H2 file's compaction waits meanwhile: it would rewrite chunks the replay is making obsolete
        ReplayReport report = replayStore(false);
        rebuildRefused = null;
        return report;
    }

    /**
     * Compares every projection with what the entries make, and changes nothing: a replay, as {@link
     * #replayAndReport()}, with every check it makes, that is undone at its end (nor does it leave a verified mark).
     * The report says how many rows of each projection differ from what the entries make: those a replay would
     * correct. Writers wait meanwhile, as during a replay.
     *
     * @throws IntegrityRefusalException naming the first index that does not verify
     */
    public ReplayReport compareProjections() {
        return replayStore(true);
    }

    /**
     * Compares each open hazard's pending deadline (the end of its due date, then each step of the escalation ladder)
     * with the deadline scheduler's rows, and changes nothing. A deadline is a row of the ledger's database, not an
     * entry: deleted or moved later outside the ledger, the hazard would never go overdue, or its escalation would
     * stop. What each hazard waits for is folded from its own events, with this ledger's escalation ladder; the
     * register only names the hazards to look at (those it holds open with a due date). It holds no lock: writers and
     * deadlines go on meanwhile.
     */
    public io.hazardledger.hazard.DeadlineCheck compareDeadlines() {
        return pendingDeadlines.check(null);
    }

    /**
     * {@link #compareDeadlines()}, and sets again each pending deadline that no row serves: a new row, due at its
     * moment (at once when that has passed; a deadline that finds its work done does nothing).
     */
    public io.hazardledger.hazard.DeadlineCheck restoreDeadlines() {
        var deadlines = axon.getComponent(org.axonframework.deadline.DeadlineManager.class);
        io.hazardledger.hazard.DeadlineCheck check = pendingDeadlines.check(p -> p.setAgain(deadlines));
        if (!check.holds()) {
            org.slf4j.LoggerFactory.getLogger(Ledger.class).warn("no row of the deadline scheduler served the pending "
                    + "deadline of {}: set again", check.unserved().stream()
                    .map(io.hazardledger.hazard.PendingDeadline::hazardId).toList());
            runDueDeadlines();
        }
        return check;
    }

    /** A replay of the store, or with {@code dryRun} one that is undone at its end, with H2's compaction paused. */
    private ReplayReport replayStore(boolean dryRun) {
        java.util.function.Supplier<ReplayReport> replay = () -> {
            try {
                if (dryRun) {
                    return store.compareProjections();
                }
                ReplayReport report = store.replay();
                recordedTimes.forget();   // it may hold blocks the replay corrected
                return report;
            } catch (LedgerIntegrityException e) {
                throw new IntegrityRefusalException(e);
            }
        };
        return h2Housekeeping == null ? replay.get() : h2Housekeeping.pausedDuring(replay);
    }

    /** How long a group's leader may wait for callers, and from which groups' size (for tests of the wiring). */
    Gathering groupCommitGathering() {
        return new Gathering(groupCommit.gathering(), groupCommit.gatheringFrom());
    }

    /** The Axon storage engine in use (for tests of the wiring). */
    EventStorageEngine storageEngine() {
        return storageEngine;
    }

    /** The embedded H2 file's housekeeping, or null where none runs (for tests of the wiring). */
    H2Housekeeping storeHousekeeping() {
        return h2Housekeeping;
    }

    /** The Axon configuration (for tests of the wiring). */
    Configuration axonConfiguration() {
        return axon;
    }

    @Override
    public void close() {
        try {
            if (runsDeadlines) {
                // no new poll first, then stop, waiting (up to a minute) for the deadlines running now: writes like
                // any other. db-scheduler interrupts its idle threads; none of them is then inside the store.
                deadlineScheduler.pause();
                deadlineScheduler.stop();
            }
            closed = true;   // after the deadlines and reviews running now wrote
            // Never interrupt these threads: an interrupt during a write closes H2's file channel for every user of
            // the database (ClosedByInterruptException) and H2 then stops the store. Let a running round finish.
            stopBackground();
            axon.shutdown();
        } finally {
            io.hazardledger.store.internal.InMemoryH2.close(inMemoryKeepAlive);
        }
    }

    /** One checkpoint round, unless {@link #close()} has ended them. */
    private void checkpointRound() {
        checkpointRound.lock();
        try {
            if (!checkpointRoundsEnded) {
                checkpoints.checkpointIfGrown();
            }
        } finally {
            checkpointRound.unlock();
        }
    }

    /**
     * Ends the checkpoint rounds and the housekeeping, letting a round that runs now finish and waiting for it (up to
     * a minute), on the ledger's own threads and on a scheduler the application supplied alike.
     */
    private void stopBackground() {
        if (checkpointer != null) {
            if (checkpointRounds != null) {
                checkpointRounds.cancel(false);   // no later round, also on a scheduler the application supplied
            }
            checkpointRoundsEnded = true;   // a round that begins from now on does nothing
            try {
                // the round running now, if any, ends first
                if (checkpointRound.tryLock(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    checkpointRound.unlock();
                } else {
                    org.slf4j.LoggerFactory.getLogger(Ledger.class).warn("a checkpoint round is still running after a "
                            + "minute; closing without it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (checkpointer != null && ownsScheduler) {
            finish(checkpointer);
        }
        if (housekeeper != null) {
            finish(housekeeper);
            // without the rounds' syncs, H2's own rules again
            h2Housekeeping.stop();
        }
    }

    private static void finish(java.util.concurrent.ScheduledExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                org.slf4j.LoggerFactory.getLogger(Ledger.class).warn("a ledger background task is still running after"
                        + " a minute; closing without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Collects the entries that a command's events became: the command's result is a {@code Committed} record around
     * a list that the storage engine fills while the unit of work prepares its commit, so the caller reads it once the
     * commit is done. (A record, not the bare list: its element type survives the message serializer of a remote
     * command bus, where a list's elements would come back as maps.)
     */
    private static MessageHandlerInterceptor<CommandMessage<?>> receipts() {
        return (unitOfWork, chain) -> {
            chain.proceed();
            var root = unitOfWork.root();
            if (io.hazardledger.store.internal.GroupCommit.isGroup(root)) {
                // one of a group's commands: the entries of the events its handling recorded (they carry its trace)
                return new ChainingEventStorageEngine.Committed(ChainingEventStorageEngine.receiptsOfTrace(root,
                        io.hazardledger.store.internal.GroupCommit.traceOf(unitOfWork.getMessage())));
            }
            return new ChainingEventStorageEngine.Committed(root
                    .getOrComputeResource(ChainingEventStorageEngine.RECEIPTS, k -> new ArrayList<>()));
        };
    }

    /**
     * The ledger's own correlation: every event a command's handling records carries the command's trace id under
     * {@code traceId}, which group commit tells each command's entries apart by (only when this very provider is
     * configured: a customizer may replace the providers).
     */
    private static final MessageOriginProvider ORIGIN = new MessageOriginProvider();

    /** The metadata member that names the person who asked for a write (docs/FORMAT.md section 1). */
    private static final String CALLER = io.hazardledger.projection.RecordedEvent.CALLER;

    /**
     * How long a group's leader may wait for callers ({@link Builder#groupCommitGathering}), and how many commands the
     * last groups must have held for it to wait at all.
     */
    record Gathering(Duration time, int fromGroupsOf) {
    }

    /** PostgreSQL's default: each commit waits for a flush of the write-ahead log, so any larger group saves flushes. */
    static final Gathering POSTGRES_GATHERING = new Gathering(Duration.ofMillis(1), 2);

    /**
     * H2's default: a larger group makes a larger chunk, written one at a time, so the wait pays only when many write
     * at once (measured: 16 clients 14 % more, 4 clients 13 % less with it; BENCHMARKS.md).
     */
    static final Gathering H2_GATHERING = new Gathering(Duration.ofMillis(1), 8);

    private static Gathering defaultGathering(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return io.hazardledger.store.internal.Sql.isPostgres(c) ? POSTGRES_GATHERING : H2_GATHERING;
        } catch (java.sql.SQLException e) {
            throw new io.hazardledger.store.internal.LedgerStorageException(
                    "could not read which database the store is: " + e.getMessage(), e);
        }
    }

    /** How many groups of commands may run at once (see {@link Builder#groupCommit}). */
    static final int GROUP_LEADERS = 2;

    private static final org.axonframework.modelling.command.CommandTargetResolver TARGETS =
            org.axonframework.modelling.command.AnnotationCommandTargetResolver.builder().build();

    /**
     * What a command acts on, for group commit (no two commands with one of these in common run in groups at the
     * same time): its target aggregate; for an act, the aggregate a statement names; for a signed act, also the
     * signer (a person's aggregate holds their keys: a signed act never runs beside a change to its signer's keys,
     * nor beside another signed act of theirs, so its key is checked as committed); and what its checks read that
     * another command changes.
     */
    private static java.util.Collection<String> aggregateKeys(CommandMessage<?> message) {
        Object command = message.getPayload();
        java.util.Set<String> keys = new java.util.HashSet<>(4);
        // two commands of one trace would get each other's entries in their receipts
        keys.add("trace:" + io.hazardledger.store.internal.GroupCommit.traceOf(message));
        SignedActions.of(command).ifPresent(a -> {
            keys.add(a.aggregateId().apply(command));
            if (message.getMetaData().containsKey(SignatureMetadata.KEY)) {
                keys.add(a.actor().apply(command));
            }
        });
        // what a command's checks read from projections that another command changes: the inspection item a
        // reported hazard raises (an item raises one hazard), the hazard a whistleblower report is linked to
        if (command instanceof io.hazardledger.hazard.ReportHazard r && r.inspectionId() != null) {
            keys.add(r.inspectionId());
        }
        if (command instanceof io.hazardledger.whistleblower.LinkReport l) {
            keys.add(l.hazardId());
        }
        try {
            keys.add(TARGETS.resolveTarget(message).getIdentifier());
        } catch (IllegalArgumentException noTarget) {
            // a command creating its aggregate: a second creation of the same id fails when stored, and the group is
            // run again one command at a time
        }
        return keys;
    }

    /**
     * The first exception in {@code e}'s causes that says the store failed (the database's, or Axon's for it), or
     * null: a write that failed for another reason.
     */
    private static Throwable storageFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof org.axonframework.common.jdbc.JdbcException
                    || t instanceof org.axonframework.eventsourcing.eventstore.EventStoreException) {
                return t;
            }
        }
        return null;
    }

    private RuntimeException translate(Object command, RuntimeException e) {
        Throwable t = e;
        while (t instanceof CommandExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof LedgerException le) {
            return le;
        }
        if (t instanceof StorageFailureException failure) {
            return failure;
        }
        if (t instanceof IncompatibleAggregateException) {
            return UnknownReferenceException.target(targetMember(command), String.valueOf(SignedActions.of(command)
                    .map(a -> a.aggregateId().apply(command)).orElse("?")), aggregateKind(command));
        }
        if (t instanceof AggregateNotFoundException nf) {
            return UnknownReferenceException.target(targetMember(command), String.valueOf(nf.getAggregateIdentifier()),
                    aggregateKind(command));
        }
        if (t instanceof AggregateStreamCreationException
                && command instanceof io.hazardledger.flags.AcknowledgeFlag ack) {
            return new RuleViolationException("duplicate-id", "flag " + ack.flagId() + " is already acknowledged (a"
                    + " flag is acknowledged once, and its acknowledgement stands: GET the flag to read it), or a"
                    + " record stored before ':' was kept for the ledger's ids took its id");
        }
        if (t instanceof AggregateStreamCreationException) {
            java.util.Optional<String[]> created = createdId(command);
            return new RuleViolationException("duplicate-id", created
                    .map(id -> id[0] + ": '" + id[1] + "' is already in use: an id names one record of the ledger "
                            + "(a hazard, person, enterprise, inspection or report alike) for good, and is not given "
                            + "to another")
                    .orElse("an aggregate with this id already exists"), created.map(id -> id[0]).orElse(null));
        }
        if (t instanceof ConcurrencyException) {
            return new ConcurrentWriteException("another write changed this aggregate first; re-read and retry");
        }
        if (t instanceof NoHandlerForCommandException && closed) {
            return new IllegalStateException("the ledger was closed: the write was not made");
        }
        if (t instanceof NoHandlerForCommandException) {
            return new InvalidInputException("command", "the ledger has no handler for " + command.getClass().getSimpleName());
        }
        Throwable storage = storageFailure(e);   // after Axon's duplicate and conflict, which a database error causes
        if (storage != null) {
            return new StorageFailureException("the ledger's store failed: " + storage.getMessage(), e);
        }
        return e;
    }

    /**
     * A new hazard, inspection, enterprise or person may not take an id with ':', which is kept for the ids the
     * ledger makes itself: a flag's ({@code rule:index.n}) names the aggregate of its acknowledgement, in the one space
     * of aggregate ids, so that a record made under a flag's id before it was raised would leave it unacknowledgeable.
     * Ids stored before this rule are still read (it is a rule of the command, not of {@link
     * io.hazardledger.internal.Checks#id}).
     */
    private static void refuseReservedId(Object command) {
        String[] id = command instanceof io.hazardledger.hazard.ReportHazard
                || command instanceof io.hazardledger.inspection.StartInspection
                || command instanceof io.hazardledger.directory.RegisterEnterprise
                || command instanceof io.hazardledger.directory.RegisterPerson ? createdId(command).orElse(null) : null;
        if (id != null && id[1] != null && id[1].indexOf(':') >= 0) {
            throw new InvalidInputException(id[0], "must not contain ':', which is kept for the ids the ledger makes"
                    + " (a flag's: rule:index.n)");
        }
    }

    /** The id a creating command gives its aggregate: its first component named {@code …Id}, with its value. */
    private static java.util.Optional<String[]> createdId(Object command) {
        if (command.getClass().isRecord()) {
            for (java.lang.reflect.RecordComponent c : command.getClass().getRecordComponents()) {
                if (c.getName().endsWith("Id") && c.getType() == String.class) {
                    try {
                        String value = (String) c.getAccessor().invoke(command);
                        return java.util.Optional.of(new String[]{c.getName(), value});
                    } catch (ReflectiveOperationException e) {
                        return java.util.Optional.empty();
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The command's member that names the record it acts on ({@code hazardId}, {@code personId}); else "id". */
    private static String targetMember(Object command) {
        for (java.lang.reflect.Field f : command.getClass().getDeclaredFields()) {
            if (f.isAnnotationPresent(org.axonframework.modelling.command.TargetAggregateIdentifier.class)) {
                return f.getName();
            }
        }
        return "id";
    }

    private static String aggregateKind(Object command) {
        String pkg = command.getClass().getPackageName();
        if (command instanceof AppointPrincipal || command instanceof io.hazardledger.directory.RecordEvacuationDrill
                || command instanceof io.hazardledger.supervision.internal.ReviewGrade) {
            return "enterprise";
        }
        if (pkg.endsWith(".inspection")) {
            return "inspection";
        }
        if (pkg.contains(".whistleblower")) {
            return "report";
        }
        return pkg.endsWith(".directory") ? "person" : "hazard";
    }

    /** Configures a {@link Ledger}; each setter checks its argument. */
    public static final class Builder {
        private DataSource dataSource;
        private Clock clock = Clock.system(DEFAULT_ZONE);
        private boolean migrate = true;
        private boolean requireSignatures;
        private boolean demoSigning;
        private Duration maxStatementAge = Duration.ofHours(24);
        private NoteSigner checkpointSigner;
        private List<NoteSigner> checkpointSigners = List.of();
        private List<io.hazardledger.integrity.note.Cosignatures.Witness> witnesses = List.of();
        private String origin;
        private Duration checkpointInterval = Duration.ZERO;
        private WriteObserver writeObserver;
        private java.util.function.Consumer<org.axonframework.config.Configurer> axonCustomizer;
        private java.util.concurrent.ScheduledExecutorService scheduler;
        private io.hazardledger.integrity.tsa.TimestampClient tsa;
        private byte[] tsaCertificate;
        private Duration storeHousekeeping = Duration.ofSeconds(1);
        private boolean forceCommits = true;
        private int groupCommit = 32;
        private Gathering groupGather;   // null: by the store (defaultGathering)
        private int recordedTimeBlock = io.hazardledger.store.internal.RecordedTimes.BLOCK;
        private io.hazardledger.flags.FlagParameters flagParameters;
        private io.hazardledger.hazard.EscalationLadder escalation = io.hazardledger.hazard.EscalationLadder.defaults();
        private io.hazardledger.hazard.DueDateHorizon dueDateHorizon = io.hazardledger.hazard.DueDateHorizon.defaults();
        private String officeId;
        private io.hazardledger.integrity.sig.StatementSigner officeSigner;
        private io.hazardledger.whistleblower.SealingKey sealingKey;
        private List<io.hazardledger.whistleblower.SealingKey> earlierSealingKeys = List.of();

        /**
         * The park office's sealing key pair: whistleblowers' identities are sealed for it, and revealed with it.
         * Without one, a report can be filed only without an identity.
         */
        public Builder sealingKey(io.hazardledger.whistleblower.SealingKey key) {
            this.sealingKey = Objects.requireNonNull(key, "the sealing key must not be null");
            return this;
        }

        /**
         * Earlier sealing key pairs of the park office, kept after the office moved to a new one ({@link #sealingKey}):
         * identities sealed for them are revealed with them; no new identity is sealed for them.
         */
        public Builder earlierSealingKeys(List<io.hazardledger.whistleblower.SealingKey> keys) {
            Objects.requireNonNull(keys, "the earlier sealing keys must not be null");
            keys.forEach(k -> Objects.requireNonNull(k, "an earlier sealing key must not be null"));
            this.earlierSealingKeys = List.copyOf(keys);
            return this;
        }
        /** How often this process polls for deadlines; null: it runs none. */
        private Duration deadlinePolling;
        private io.hazardledger.supervision.GradingRules grading = io.hazardledger.supervision.GradingRules.defaults();
        /** How often this process takes its turn at the grade review; null: it runs none. */
        private Duration gradeReview;
        private boolean weeklyReports;

        private Builder() {
        }

        /** The escalation ladder of overdue rectifications (default {@link io.hazardledger.hazard.EscalationLadder#defaults()}). */
        public Builder escalation(io.hazardledger.hazard.EscalationLadder ladder) {
            this.escalation = Objects.requireNonNull(ladder, "escalation must not be null");
            return this;
        }

        /**
         * How far ahead of the day it is recorded a plan's or an extension's due date may lie (default
         * {@link io.hazardledger.hazard.DueDateHorizon#defaults()}, one year); one further is refused,
         * {@code due-date-too-far}.
         */
        public Builder dueDateHorizon(io.hazardledger.hazard.DueDateHorizon horizon) {
            this.dueDateHorizon = Objects.requireNonNull(horizon, "dueDateHorizon must not be null");
            return this;
        }

        /**
         * The park office's person in the directory and the key it signs with (one of that person's registered keys):
         * the escalation steps the ledger takes when a rectification stays overdue are signed with it. Without it,
         * overdue rectifications are recorded but not escalated. The key is registered to that person when the ledger
         * is built (without {@code .migrate(false)}: {@link Ledger#registerOfficeKey()}), and when this ledger
         * registers the person.
         */
        public Builder office(String personId, io.hazardledger.integrity.sig.StatementSigner signer) {
            io.hazardledger.internal.Checks.id("office", personId);
            this.officeId = personId;
            this.officeSigner = Objects.requireNonNull(signer, "the office's signer must not be null");
            return this;
        }

        /**
         * Runs the deadlines (a rectification's due date, the escalation steps) in this process, polling for them every
         * {@code interval} (a deadline fires at most that long after its moment). Deadlines are always recorded, in
         * the ledger's database, by the writes that set them; only the processes given this run them (the server
         * does; a command-line tool that opens the same store does not). Several processes may: each deadline runs
         * once. Off by default.
         */
        public Builder runDeadlines(Duration interval) {
            Objects.requireNonNull(interval, "runDeadlines must not be null");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("runDeadlines: the polling interval must be positive, not " + interval);
            }
            this.deadlinePolling = interval;
            return this;
        }

        /**
         * How supervision grades are scored (default {@link io.hazardledger.supervision.GradingRules#defaults()}).
         */
        public Builder grading(io.hazardledger.supervision.GradingRules rules) {
            this.grading = Objects.requireNonNull(rules, "grading must not be null");
            return this;
        }

        /**
         * Reviews the supervision grades ({@link Ledger#reviewGrades()}) on a schedule: a task of the deadline
         * scheduler, so it needs {@link #runDeadlines}, run every {@code interval} by one of the processes that run it
         * at a time, and only when the ledger grew or the day changed since that process last looked (an enterprise
         * falls behind a cadence, or a rectification becomes overdue, when a day begins, with no entry). Off by
         * default: the server turns it on, a command-line tool never.
         */
        public Builder reviewGrades(Duration interval) {
            Objects.requireNonNull(interval, "reviewGrades must not be null");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("reviewGrades: the interval must be positive, not " + interval);
            }
            this.gradeReview = interval;
            return this;
        }

        /**
         * Makes the weekly report of each week when it ends (a minute after the end of Thursday in the park's zone) and
         * keeps it in the store ({@code weekly_report}), once for all the processes on the store; {@link Ledger#weeklyReport}
         * then answers with the kept report for that week. A week that ended while no process ran is made at the next
         * start. Needs {@link #checkpoints} (a report names one) and {@link #runDeadlines} (the same scheduler runs
         * it). Off by default.
         */
        public Builder scheduleWeeklyReports() {
            this.weeklyReports = true;
            return this;
        }

        /** The database of events, entries and projections (H2 or PostgreSQL). Required. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
            return this;
        }

        /**
         * The clock; its zone is the park's time zone (default {@link #DEFAULT_ZONE}). The entries' recorded times
         * come from Axon's event clock ({@code GenericEventMessage.clock}, the system's by default), which should
         * tell the same time: whether a submission came before the end of its due date is judged on its recorded
         * time (docs/FORMAT.md 8.1).
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Whether to apply the schema migrations at start (default true). Without them, {@link #build()} refuses a
         * store whose schema is older than this version's with a {@link StoreSchemaException}; with or without, one
         * that a newer version wrote. Without them the start also leaves out two repairs (a backup's copy is opened
         * so): it neither gives the hazards planned before deadlines were kept their deadline rows nor lists the
         * office's key under the office ({@link #office}); an application that migrates the schema itself calls
         * {@link Ledger#restoreDeadlines()} and {@link Ledger#registerOfficeKey()} after {@code build()}.
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Whether every signed act must carry a signed statement (default false while clients adopt signing;
         * a statement that is present is always checked).
         */
        public Builder requireSignatures(boolean requireSignatures) {
            this.requireSignatures = requireSignatures;
            return this;
        }

        /**
         * Whether statements in mode {@code demo-server} (signed by the server with a demo person's key it holds)
         * are accepted. Off by default; only for demonstrations, and every such entry says so.
         */
        public Builder demoSigning(boolean demoSigning) {
            this.demoSigning = demoSigning;
            return this;
        }

        /**
         * Signs checkpoints with this Ed25519 key, under this origin (also the key name), every {@code interval} if
         * the tree grew ({@code Duration.ZERO}: only on demand).
         */
        public Builder checkpoints(StatementSigner key, String origin, Duration interval) {
            return checkpoints(List.of(Objects.requireNonNull(key, "checkpoint key must not be null")), origin, interval);
        }

        /**
         * As {@link #checkpoints(StatementSigner, String, Duration)} with several keys, all of which sign every
         * checkpoint (for key rotation); the first is the primary key.
         */
        public Builder checkpoints(List<StatementSigner> keys, String origin, Duration interval) {
            if (keys == null || keys.isEmpty()) {
                throw new IllegalArgumentException("checkpoints need at least one key");
            }
            Objects.requireNonNull(interval, "checkpoint interval must not be null");
            if (origin == null || origin.isBlank() || origin.contains("\n")) {
                throw new IllegalArgumentException("checkpoint origin must be one non-empty line, got " + origin);
            }
            if (interval.isNegative()) {
                throw new IllegalArgumentException("checkpoint interval must not be negative, got " + interval);
            }
            this.checkpointSigners = keys.stream().map(k -> new NoteSigner(origin, k)).toList();
            this.checkpointSigner = checkpointSigners.get(0);
            this.origin = origin;
            this.checkpointInterval = interval;
            return this;
        }

        /**
         * Timestamps every checkpoint (RFC 3161) with this authority; each token is verified with the authority's
         * certificate (DER) before it is kept.
         */
        public Builder checkpointTimestamps(io.hazardledger.integrity.tsa.TimestampClient client, byte[] certificateDer) {
            this.tsa = Objects.requireNonNull(client, "timestamp client must not be null");
            this.tsaCertificate = Objects.requireNonNull(certificateDer, "TSA certificate must not be null").clone();
            return this;
        }

        /**
         * Customizes Axon's configuration before it is built: for example, command and query buses through Axon Server
         * ({@code ServerConnectorConfigurerModule}). The event store stays the ledger's chained JDBC storage whatever
         * the customizer sets: the chain needs the event and its entry in one transaction.
         */
        public Builder axon(java.util.function.Consumer<org.axonframework.config.Configurer> customizer) {
            this.axonCustomizer = Objects.requireNonNull(customizer, "customizer must not be null");
            return this;
        }

        /** Told of every write after it committed, was refused or failed (metrics, monitoring); none by default. */
        public Builder writeObserver(WriteObserver observer) {
            this.writeObserver = Objects.requireNonNull(observer, "write observer must not be null");
            return this;
        }

        /**
         * The scheduler that makes checkpoints on their cadence (default: a daemon thread of the ledger's own). The
         * ledger cancels its rounds at {@code close()}, waiting (up to a minute) for one running then; it does not
         * shut the application's scheduler down.
         */
        public Builder checkpointScheduler(java.util.concurrent.ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
            return this;
        }

        /** Witnesses whose cosignatures the log accepts: their verifier keys {@code name+keyid+base64(0x04 || key)}. */
        public Builder witnesses(List<String> verifierKeys) {
            List<io.hazardledger.integrity.note.Cosignatures.Witness> parsed = new java.util.ArrayList<>();
            for (String key : verifierKeys) {
                try {
                    parsed.add(io.hazardledger.integrity.note.Cosignatures.Witness.parse(key));
                } catch (io.hazardledger.integrity.sig.InvalidSignatureException e) {
                    throw new IllegalArgumentException("witness key '" + key + "': " + e.getMessage(), e);
                }
            }
            this.witnesses = List.copyOf(parsed);
            return this;
        }

        /** How long before the ledger's clock a statement may claim to have been signed (default 24 hours). */
        public Builder maxStatementAge(Duration maxStatementAge) {
            Objects.requireNonNull(maxStatementAge, "maxStatementAge must not be null");
            if (maxStatementAge.isNegative() || maxStatementAge.isZero()) {
                throw new IllegalArgumentException("maxStatementAge must be positive, got " + maxStatementAge);
            }
            this.maxStatementAge = maxStatementAge;
            return this;
        }

        /**
         * The entries in each kept block of recorded times ({@code recorded_time_block}): for tests, on a store of
         * their own (a store's blocks are all of one size).
         */
        Builder recordedTimeBlock(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("a block holds at least one entry, not " + entries);
            }
            this.recordedTimeBlock = entries;
            return this;
        }

        /**
         * The most commands committed together (default 32; 1 commits each command alone). Commands sent at the same
         * time, on different threads, are handled one after another in one database transaction and committed once
         * (group commit): the chain head is locked and the commit made durable once for the group, not once for
         * each. Each caller is still answered only once its entries are committed, and a refusal or failure is
         * exactly what the command alone gets, with nothing stored: a group in which a command fails is rolled back
         * and run again without it, and the command then runs alone. Two commands on one aggregate are never in one group, and at most
         * two groups run at a time (one handles its commands while the other writes and commits). Only with
         * Axon's local command bus (the default): over a remote bus each command commits alone.
         */
        public Builder groupCommit(int maxCommands) {
            if (maxCommands < 1 || maxCommands > 1000) {
                throw new IllegalArgumentException("groupCommit must be between 1 and 1000 commands, got " + maxCommands);
            }
            this.groupCommit = maxCommands;
            return this;
        }

        /**
         * How long a group's leader may wait for more callers to queue their commands before it takes its group
         * (group commit, {@link #groupCommit}). It waits until as many commands are queued as the largest of the last
         * 16 groups held (an upper bound: a wait that runs out lowers what the next leaders wait for to what it
         * saw), at most this long: callers answered a moment ago are usually about to send their next command, and
         * their commands then commit once instead of once each. A caller alone is not held (its groups are groups of
         * one); after a burst, the commands queued while a leader waits may be answered up to this much later.
         * Default: 1 ms on PostgreSQL, where each commit waits for a flush of the write-ahead log; on H2, where a
         * commit's cost grows with the commands in it, 1 ms only once the last groups held eight commands or more
         * (many writers at once), no waiting with fewer (both measured, BENCHMARKS.md). A wait set here applies
         * whenever groups form (see {@link #groupCommitGathering(Duration, int)}).
         */
        public Builder groupCommitGathering(Duration wait) {
            return groupCommitGathering(wait, 2);
        }

        /**
         * As {@link #groupCommitGathering(Duration)}, but a leader waits only once the largest of the last 16 groups
         * held at least {@code fromGroupsOf} commands (2: whenever groups form): on a store where a larger group
         * costs more to commit, the wait then pays only when many write at once.
         */
        public Builder groupCommitGathering(Duration wait, int fromGroupsOf) {
            if (wait.isNegative() || wait.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("the gathering wait must be between 0 and 1 minute, got " + wait);
            }
            if (fromGroupsOf < 2) {
                throw new IllegalArgumentException("a leader gathers for groups of at least 2 commands, got "
                        + fromGroupsOf);
            }
            this.groupGather = new Gathering(wait, fromGroupsOf);
            return this;
        }

        /**
         * How often an embedded H2 file store has its dead space reclaimed (default every second; zero turns it
         * off). H2 does this itself only when it delays commits ({@code WRITE_DELAY} above 0), which the ledger does
         * not want: see {@link H2Housekeeping}. Ignored for any other store.
         */
        public Builder storeHousekeeping(Duration interval) {
            Objects.requireNonNull(interval, "interval must not be null");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the housekeeping interval must not be negative, got " + interval);
            }
            this.storeHousekeeping = interval;
            return this;
        }

        /**
         * Whether an embedded H2 file store is forced to the disk after each commit, before the ledger answers
         * (default true). H2 writes every commit to its file, so a killed process loses nothing either way, but it
         * never forces the file itself: without this, a power failure or a crash of the operating system may take the
         * writes that the ledger had acknowledged since the file was last forced (the housekeeping then forces it ten
         * times an interval, every 100 ms with the default interval; H2's recovery may open the file somewhat older
         * still: see {@link H2Housekeeping}). Commits that end while a force runs share the next one. Turn it
         * off only where such a loss is acceptable; ignored for any other store (PostgreSQL forces its log at each
         * commit itself).
         */
        public Builder forceCommits(boolean force) {
            this.forceCommits = force;
            return this;
        }

        /**
         * The parameters of the integrity flag rules (default: {@link io.hazardledger.flags.FlagParameters#defaults()}
         * in the zone of the ledger's clock).
         */
        public Builder flagParameters(io.hazardledger.flags.FlagParameters parameters) {
            this.flagParameters = Objects.requireNonNull(parameters, "flagParameters must not be null");
            return this;
        }

        public Ledger build() {
            if (dataSource == null) {
                throw new IllegalStateException("Ledger.builder(): dataSource(...) is required");
            }
            if (gradeReview != null && deadlinePolling == null) {
                throw new IllegalStateException("Ledger.builder(): reviewGrades(...) needs runDeadlines(...): the "
                        + "review is a task of the deadline scheduler");
            }
            if (weeklyReports && (deadlinePolling == null || checkpointSigner == null)) {
                throw new IllegalStateException("Ledger.builder(): scheduleWeeklyReports() needs runDeadlines(...) (its "
                        + "scheduler makes them) and checkpoints(...) (a report names one)");
            }
            // an in-memory H2 database lasts while a connection to it is open (without DB_CLOSE_DELAY=-1): the ledger
            // keeps one open until it is closed, or the schema it migrated would be gone at the next connection
            java.sql.Connection keepAlive = io.hazardledger.store.internal.InMemoryH2.keepAlive(dataSource);
            try {
                return new Ledger(this, keepAlive);
            } catch (RuntimeException | Error e) {
                io.hazardledger.store.internal.InMemoryH2.close(keepAlive);
                throw e;
            }
        }
    }
}
