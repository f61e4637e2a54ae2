package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkpoint cadence, driven by hand: the ledger schedules its task at the configured interval, and each run
 * makes a checkpoint only when the tree grew.
 */
class CheckpointCadenceTest {

    @TempDir
    Path dir;

    /** Captures what is scheduled instead of running it on a timer. */
    static final class ManualScheduler extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        ManualScheduler() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay,
                                                                             TimeUnit unit) {
            tasks.add(task);
            delays.add(unit.toMillis(delay));
            return null;
        }
    }

    @Test
    void eachTick_makesACheckpointOnlyWhenTheTreeGrew() {
        ManualScheduler scheduler = new ManualScheduler();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir))
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log", Duration.ofSeconds(10))
                .checkpointScheduler(scheduler).build()) {
            assertThat(scheduler.delays).containsExactly(10_000L);
            Runnable tick = scheduler.tasks.get(0);
            var checkpoints = ledger.checkpoints().orElseThrow();

            tick.run();
            assertThat(checkpoints.sizes()).containsExactly(0L);
            tick.run();
            assertThat(checkpoints.sizes()).as("the tree did not grow").containsExactly(0L);
            TestLedgers.park(ledger);
            tick.run();
            assertThat(checkpoints.sizes()).containsExactly(0L, 4L);
            ledger.execute(new RegisterPerson("p-x", "X", null, java.util.Set.of(Role.AUDITOR)));
            tick.run();
            tick.run();
            assertThat(checkpoints.sizes()).containsExactly(0L, 4L, 5L);
        } finally {
            scheduler.shutdownNow();
        }
    }

    /**
     * On a scheduler the application supplied, {@code close()} waits for the round running then (here one held in its
     * signing).
     */
    @Test
    void close_waitsForTheRoundRunningOnTheApplicationsScheduler() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        var key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        var holding = new java.util.concurrent.atomic.AtomicBoolean();
        var signing = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        io.hazardledger.integrity.sig.StatementSigner held = new io.hazardledger.integrity.sig.StatementSigner() {
            @Override
            public io.hazardledger.integrity.sig.VerificationKey verificationKey() {
                return key.verificationKey();
            }

            @Override
            public byte[] sign(byte[] message) {
                if (holding.get()) {
                    signing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return key.sign(message);
            }
        };
        try {
            Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir))
                    .checkpoints(held, "test.example/log", Duration.ofSeconds(10)).checkpointScheduler(scheduler)
                    .build();
            TestLedgers.park(ledger);
            var checkpoints = ledger.checkpoints().orElseThrow();
            Runnable tick = scheduler.tasks.get(0);
            holding.set(true);
            Thread round = new Thread(tick, "test-round");
            round.start();
            signing.await();   // the round is signing the checkpoint of 4 entries
            var atClose = new java.util.concurrent.atomic.AtomicReference<List<Long>>();
            Thread closer = new Thread(() -> {
                ledger.close();
                atClose.set(checkpoints.sizes());
            }, "test-closer");
            closer.start();
            io.hazardledger.Await.until("close waiting for the round, or returned", () -> closer.getState().name(),
                    () -> closer.getState() == Thread.State.TIMED_WAITING || !closer.isAlive());
            release.countDown();
            closer.join();
            round.join();
            assertThat(atClose.get()).as("the round ended before close returned").containsExactly(4L);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
