package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify and replay run while writers append, on two ledgers over one database: verify never reports a break
 * that is not there (it checks up to the head it read), and replay, which holds the head while it rebuilds,
 * loses no write; nor does a comparison of the projections, a replay that is undone.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class VerifyAndReplayWhileWritingTest {

    static final int WRITERS = 4;
    static final int PER_WRITER = 30;
    static final int MAX_RUNS = 500;

    @TempDir
    Path dir;

    private TestDatabase database;
    private Ledger ledger;
    private Ledger otherNode;
    private LedgerTables tables;
    private ExecutorService pool;
    private final ExecutorService storer = Executors.newSingleThreadExecutor();

    @BeforeEach
    void openLedgers() throws Exception {
        database = TestDatabase.in(dir);
        ledger = database.ledger();
        otherNode = database.ledger();
        tables = database.tables();
        pool = Executors.newFixedThreadPool(WRITERS);
        TestLedgers.park(ledger);
    }

    @AfterEach
    void closeLedgers() throws Exception {
        pool.shutdownNow();
        storer.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(storer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        otherNode.close();
        ledger.close();
        database.close();
    }

    @Test
    void verifyWhileWriting_neverReportsABreak_andSeesTheLedgerGrow() throws Exception {
        List<Future<?>> writers = startWriters();
        Future<?> storing = startStoring(writers);
        List<Long> sizes = new ArrayList<>();
        do {
            sizes.add(ledger.verify().size());
        } while (!allDone(writers) && sizes.size() < MAX_RUNS);
        awaitAll(writers);
        storing.get(30, TimeUnit.SECONDS);

        long size = 4 + WRITERS * PER_WRITER;
        assertThat(sizes).isSorted().allSatisfy(s -> assertThat(s).isBetween(4L, size));
        assertThat(ledger.verify().size()).isEqualTo(size);
    }

    /**
     * The same while both nodes also sign checkpoints as fast as they can: verify compares every stored checkpoint
     * below the head it read, and never takes one signed meanwhile, beyond that head, for a ledger cut short.
     */
    @Test
    void verifyWhileWritingAndCheckpointing_neverReportsABreak() throws Exception {
        var logKey = io.hazardledger.integrity.sig.KeyPairs.generate(
                io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).signer();
        otherNode.close();
        ledger.close();
        ledger = Ledger.builder().dataSource(database.dataSource())
                .checkpoints(logKey, "test.example/log", java.time.Duration.ZERO).build();
        otherNode = Ledger.builder().dataSource(database.dataSource())
                .checkpoints(logKey, "test.example/log", java.time.Duration.ZERO).build();
        ExecutorService signers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = startWriters();
            Future<?> storing = startStoring(writers);
            List<Future<?>> signing = new ArrayList<>();
            for (Ledger node : List.of(ledger, otherNode)) {
                signing.add(signers.submit(() -> {
                    while (!allDone(writers)) {
                        node.checkpoints().orElseThrow().checkpointNow();
                    }
                    return null;
                }));
            }
            List<Long> sizes = new ArrayList<>();
            do {
                sizes.add(ledger.verify().size());
            } while (!allDone(writers) && sizes.size() < MAX_RUNS);
            awaitAll(writers);
            awaitAll(signing);
            storing.get(30, TimeUnit.SECONDS);

            long size = 4 + WRITERS * PER_WRITER;
            assertThat(sizes).isSorted().allSatisfy(s -> assertThat(s).isBetween(4L, size));
            ledger.checkpoints().orElseThrow().checkpointNow();
            var compared = ledger.verify().checkpoints();
            assertThat(compared.agreeing()).isEqualTo(tables.count("checkpoint")).isGreaterThan(1);
            assertThat(compared.latest()).isEqualTo(size);
            assertThat(compared.ignored()).isZero();
        } finally {
            signers.shutdownNow();
            assertThat(signers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void replayWhileWriting_losesNoWrite() throws Exception {
        List<Future<?>> writers = startWriters();
        Future<?> storing = startStoring(writers);
        int replays = 0;
        do {
            ledger.replay();
            replays++;
        } while (!allDone(writers) && replays < MAX_RUNS);
        awaitAll(writers);
        storing.get(30, TimeUnit.SECONDS);

        assertThat(tables.count("hazard_view")).isEqualTo(WRITERS * PER_WRITER);
        Map<String, List<String>> live = tables.projections();
        ledger.replay();
        assertThat(tables.projections()).isEqualTo(live);
        assertThat(ledger.verify().size()).isEqualTo(4 + WRITERS * PER_WRITER);
    }

    /**
     * A comparison of the projections is a replay whose writes are undone (on H2, rolled back to a savepoint while the
     * writers wait on the head): each finds the projections as the entries make them, and no write is lost.
     */
    @Test
    void compareProjectionsWhileWriting_findsNoDifference_andLosesNoWrite() throws Exception {
        List<Future<?>> writers = startWriters();
        Future<?> storing = startStoring(writers);
        int comparisons = 0;
        do {
            io.hazardledger.ReplayReport report = (comparisons % 2 == 0 ? ledger : otherNode).compareProjections();
            assertThat(report.corrected()).as(report.toString()).isFalse();
            comparisons++;
        } while (!allDone(writers) && comparisons < MAX_RUNS);
        awaitAll(writers);
        storing.get(30, TimeUnit.SECONDS);

        assertThat(tables.count("hazard_view")).isEqualTo(WRITERS * PER_WRITER);
        assertThat(ledger.verify().size()).isEqualTo(4 + WRITERS * PER_WRITER);
        assertThat(ledger.replayAndReport().corrected()).isFalse();
    }

    private List<Future<?>> startWriters() {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Ledger node = w % 2 == 0 ? ledger : otherNode;
            String prefix = "hz-" + w + "-";
            writers.add(pool.submit(() -> {
                for (int i = 0; i < PER_WRITER; i++) {
                    node.execute(TestLedgers.report(prefix + i, HazardLevel.GENERAL));
                }
            }));
        }
        return writers;
    }

    /**
     * On an H2 file, H2 storing its maps over and over while the writers run, as its writer thread and the forces do
     * now and then: the moments when H2 could undo a rollback's record twice and take the head back (see HeadLocks)
     * come far more often. Nothing on PostgreSQL.
     */
    private Future<?> startStoring(List<Future<?>> writers) throws Exception {
        org.h2.mvstore.MVStore store;
        try (java.sql.Connection c = database.dataSource().getConnection()) {
            if (!c.isWrapperFor(org.h2.jdbc.JdbcConnection.class)) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            store = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore();
        }
        return storer.submit(() -> {
            while (!allDone(writers)) {
                store.commit();
            }
            return null;
        });
    }

    private static boolean allDone(List<Future<?>> futures) {
        return futures.stream().allMatch(Future::isDone);
    }

    private static void awaitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("a writer failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
