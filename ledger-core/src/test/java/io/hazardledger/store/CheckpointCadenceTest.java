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
}
