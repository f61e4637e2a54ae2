package io.hazardledger.store.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commits that end while a force runs share the next force; none may be answered before a force that began after it
 * was written. A force here is a stand-in that notes how many commits were written when it began (what an fsync
 * covers), and takes a while, so that commits end during it.
 */
class ForcedCommitsSharingTest {

    private static final int THREADS = 8;
    private static final int COMMITS = 2_000;

    @Test
    void everyCommitIsCoveredByAForceThatBeganAfterIt_andConcurrentCommitsShareForces() throws Exception {
        ForcedCommits forced = new ForcedCommits(null);
        AtomicLong written = new AtomicLong();          // commits whose writes are in the file
        AtomicLong coveredUpTo = new AtomicLong();      // the most commits a force that ran had begun after
        Runnable sync = () -> {
            long at = written.get();
            for (int i = 0; i < 2_000; i++) {
                Thread.onSpinWait();                     // an fsync takes a while: commits end meanwhile
            }
            coveredUpTo.accumulateAndGet(at, Math::max);
        };
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> answeredEarly = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                answeredEarly.add(pool.submit(() -> {
                    start.await();
                    long early = 0;
                    for (int i = 0; i < COMMITS; i++) {
                        long mine = written.incrementAndGet();   // this commit's writes are in the file
                        forced.force(sync);
                        if (coveredUpTo.get() < mine) {
                            early++;                            // answered before its writes were forced
                        }
                    }
                    return early;
                }));
            }
            for (Future<Long> f : answeredEarly) {
                assertThat(f.get()).as("commits answered before a force covered them").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(forced.forces()).as("forces for %d commits", THREADS * COMMITS)
                .isPositive().isLessThan(THREADS * COMMITS);
    }
}
