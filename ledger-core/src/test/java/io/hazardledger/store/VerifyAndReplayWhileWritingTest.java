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
 * loses no write.
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
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        otherNode.close();
        ledger.close();
        database.close();
    }

    @Test
    void verifyWhileWriting_neverReportsABreak_andSeesTheLedgerGrow() throws Exception {
        List<Future<?>> writers = startWriters();
        List<Long> sizes = new ArrayList<>();
        do {
            sizes.add(ledger.verify().size());
        } while (!allDone(writers) && sizes.size() < MAX_RUNS);
        awaitAll(writers);

        long size = 4 + WRITERS * PER_WRITER;
        assertThat(sizes).isSorted().allSatisfy(s -> assertThat(s).isBetween(4L, size));
        assertThat(ledger.verify().size()).isEqualTo(size);
    }

    @Test
    void replayWhileWriting_losesNoWrite() throws Exception {
        List<Future<?>> writers = startWriters();
        int replays = 0;
        do {
            ledger.replay();
            replays++;
        } while (!allDone(writers) && replays < MAX_RUNS);
        awaitAll(writers);

        assertThat(tables.count("hazard_view")).isEqualTo(WRITERS * PER_WRITER);
        Map<String, List<String>> live = tables.projections();
        ledger.replay();
        assertThat(tables.projections()).isEqualTo(live);
        assertThat(ledger.verify().size()).isEqualTo(4 + WRITERS * PER_WRITER);
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
