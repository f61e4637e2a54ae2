package io.hazardledger.store;

import io.hazardledger.ConcurrentWriteException;
import io.hazardledger.Ledger;
import io.hazardledger.LedgerException;
import io.hazardledger.Receipt;
import io.hazardledger.RuleViolationException;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.integrity.VerifiedLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writers on one H2 file database: the chain head lock makes one writer append at a time, so indexes stay
 * gap-free and every acknowledged receipt names a stored entry.
 * <p>
 * The threads alternate between two ledgers over the same database, as two server nodes would. Within one ledger
 * Axon serialises commands to the same aggregate with an in-memory lock; across two, only the database does.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConcurrentWritesTest {

    static final int THREADS = 8;
    static final int PER_THREAD = 25;

    @TempDir
    Path dir;

    private TestDatabase database;
    private Ledger ledger;
    private Ledger otherNode;
    private LedgerTables tables;
    private ExecutorService pool;

    @BeforeEach
    void openLedger() throws Exception {
        database = TestDatabase.in(dir);
        ledger = database.ledger();
        otherNode = database.ledger();
        tables = database.tables();
        pool = Executors.newFixedThreadPool(THREADS);
        TestLedgers.park(ledger);
    }

    @AfterEach
    void closeLedger() throws Exception {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        otherNode.close();
        ledger.close();
        database.close();
    }

    @Test
    void reportsFromManyThreads_getGapFreeIndexes_andEveryReceiptIsStored() throws Exception {
        List<List<Receipt>> perThread = runTogether(THREADS, t -> {
            List<Receipt> receipts = new ArrayList<>();
            for (int i = 0; i < PER_THREAD; i++) {
                receipts.add(node(t).execute(TestLedgers.report("hz-" + t + "-" + i, HazardLevel.GENERAL)));
            }
            return receipts;
        });

        long size = 4 + THREADS * PER_THREAD;
        List<Receipt> all = perThread.stream().flatMap(List::stream).toList();
        assertThat(all).extracting(Receipt::index)
                .containsExactlyInAnyOrderElementsOf(LongStream.range(4, size).boxed().toList());
        for (List<Receipt> receipts : perThread) {
            assertThat(receipts).extracting(Receipt::index).isSorted();
        }
        for (Receipt receipt : all) {
            assertThat(tables.entryHash(receipt.index())).as("entry %d", receipt.index()).isEqualTo(receipt.entryHash());
        }
        assertThat(tables.indexes()).containsExactlyElementsOf(LongStream.range(0, size).boxed().toList());
        assertThat(tables.count("hazard_view")).isEqualTo(THREADS * PER_THREAD);
        VerifiedLedger verified = ledger.verify();
        assertThat(verified.size()).isEqualTo(size);
        assertThat(verified.headHash()).isEqualTo(tables.entryHash(size - 1));
    }

    /** A health probe reads the head while writers append: it must never see a break that is not there. */
    @Test
    void theCheckedHead_holdsWhileWritersAppend() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong probes = new java.util.concurrent.atomic.AtomicLong();
        Future<Object> prober = pool.submit(() -> {
            long last = 0;
            while (writing.get() || probes.get() == 0) {
                io.hazardledger.ChainHead head = ledger.head(); // throws on a false break
                assertThat(head.size()).isGreaterThanOrEqualTo(last);
                last = head.size();
                probes.incrementAndGet();
            }
            return null;
        });
        try {
            runTogether(THREADS - 1, t -> {
                for (int i = 0; i < PER_THREAD; i++) {
                    node(t).execute(TestLedgers.report("hz-probe-" + t + "-" + i, HazardLevel.GENERAL));
                }
                return null;
            });
        } finally {
            writing.set(false);
        }
        prober.get(60, TimeUnit.SECONDS);
        assertThat(probes.get()).isPositive();
        assertThat(ledger.head().size()).isEqualTo(ledger.verify().size());
    }

    @Test
    void writersRacingOnOneHazard_oneWins_andTheOthersStoreNothing() throws Exception {
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            String hazardId = "hz-race-" + round;
            ledger.execute(TestLedgers.report(hazardId, HazardLevel.GENERAL));
            long sizeBefore = tables.head().size();

            List<Object> outcomes = runTogether(THREADS, t -> {
                try {
                    return node(t).execute(new PlanRectification(hazardId, "plan of writer " + t, TestLedgers.OWNER,
                            LocalDate.now().plusDays(10 + t), null, null, null, TestLedgers.OWNER));
                } catch (LedgerException e) {
                    return e;
                }
            });

            assertThat(outcomes).filteredOn(Receipt.class::isInstance).singleElement()
                    .satisfies(r -> assertThat(((Receipt) r).index()).isEqualTo(sizeBefore));
            assertThat(outcomes).filteredOn(o -> !(o instanceof Receipt)).hasSize(THREADS - 1)
                    .allSatisfy(o -> assertThat(o).isInstanceOfAny(ConcurrentWriteException.class, RuleViolationException.class))
                    .allSatisfy(o -> assertThat(((LedgerException) o).code()).isIn("concurrent-write", "illegal-transition"));
            assertThat(tables.head().size()).isEqualTo(sizeBefore + 1);
            assertThat(tables.scalar("SELECT COUNT(*) FROM ledger_domain_event WHERE aggregate_identifier = ?", hazardId))
                    .isEqualTo(2L);
        }
        assertThat(ledger.verify().size()).isEqualTo(4 + 2 * rounds);
    }

    /**
     * Two nodes plan the same hazard while the test holds the chain head lock, so both load the hazard, decide and
     * wait at the head; once released, one appends and the other collides on the aggregate's sequence number.
     */
    @Test
    void writerThatLosesAtTheDatabase_isRefusedAsConcurrentWrite_andStoresNothing() throws Exception {
        ledger.execute(TestLedgers.report("hz-1", HazardLevel.GENERAL));
        long sizeBefore = tables.head().size();
        List<Future<Object>> writers = new ArrayList<>();
        try (Connection head = database.dataSource().getConnection()) {
            head.setAutoCommit(false);
            tables.lockHead(head);
            for (int t = 0; t < 2; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    try {
                        return node(thread).execute(new PlanRectification("hz-1", "plan of node " + thread,
                                TestLedgers.OWNER, LocalDate.now().plusDays(10), null, null, null, TestLedgers.OWNER));
                    } catch (LedgerException e) {
                        return e;
                    }
                }));
            }
            tables.awaitWaitingFor(head, 2);
            head.rollback();
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> w : writers) {
            outcomes.add(w.get(30, TimeUnit.SECONDS));
        }

        assertThat(outcomes).filteredOn(Receipt.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((Receipt) r).index()).isEqualTo(sizeBefore));
        assertThat(outcomes).filteredOn(ConcurrentWriteException.class::isInstance).hasSize(1);
        assertThat(tables.head().size()).isEqualTo(sizeBefore + 1);
        assertThat(tables.scalar("SELECT COUNT(*) FROM ledger_domain_event WHERE aggregate_identifier = 'hz-1'")).isEqualTo(2L);
        assertThat(ledger.verify().size()).isEqualTo(sizeBefore + 1);
    }

    private Ledger node(int thread) {
        return thread % 2 == 0 ? ledger : otherNode;
    }

    @FunctionalInterface
    interface Writer<T> {
        T write(int thread) throws Exception;
    }

    /** Runs one writer per thread, released together, and returns their results in thread order. */
    private <T> List<T> runTogether(int threads, Writer<T> writer) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<T> task = () -> {
                ready.countDown();
                if (!go.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not released");
                }
                return writer.write(thread);
            };
            futures.add(pool.submit(task));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).as("all writers ready").isTrue();
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                results.add(f.get(90, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new AssertionError("a writer failed: " + e.getCause(), e.getCause());
            }
        }
        return results;
    }
}
