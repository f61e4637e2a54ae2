package io.hazardledger;

import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ledger whose build fails after its background work started (here: the office's key is another person's) stops
 * what it started before the exception reaches the caller: an embedding application that catches it and goes on, or
 * exits, is left with no thread of the ledger's running. And a ledger closed refuses a write as closed.
 */
class FailedBuildTest {

    @TempDir
    Path dir;

    private static java.util.Set<Thread> ledgerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("ledger-") || t.getName().startsWith("db-scheduler"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * The ledger threads that were not running {@code before} and are still alive once each was given 10 s to end:
     * a pool that was shut down ends its threads just after it reports itself terminated, so each is joined.
     */
    private static java.util.List<String> leftRunning(java.util.Set<Thread> before) throws InterruptedException {
        java.util.List<String> running = new java.util.ArrayList<>();
        for (Thread t : ledgerThreads()) {
            if (!before.contains(t)) {
                t.join(10_000);
                if (t.isAlive()) {
                    running.add(t.getName());
                }
            }
        }
        return running;
    }

    @Test
    void aBuildThatFailsAtTheOfficeKey_leavesNoThreadOfItsOwnRunning() throws Exception {
        DataSource store = TestLedgers.store(dir);
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger ledger = Ledger.builder().dataSource(store).build()) {
            TestLedgers.park(ledger);
            ledger.execute(new RegisterPerson("sun", "Sun", null, Set.of(Role.PARK_OFFICE)));
            ledger.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));
            ledger.execute(new RegisterKey("sun", key.verificationKey().spkiBase64(), Instant.now().minusSeconds(60),
                    "sun"));
        }
        java.util.Set<Thread> before = ledgerThreads();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> Ledger.builder().dataSource(store).office("office", key)
                    .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log",
                            Duration.ofSeconds(10))
                    .runDeadlines(Duration.ofSeconds(5)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is registered to sun");
        }
        assertThat(leftRunning(before)).as("threads named ledger-* or db-scheduler*").isEmpty();
        Ledger again = Ledger.builder().dataSource(store).build();
        assertThat(again.verify().size()).isPositive();
        again.close();
        long size = again.log().size();
        assertThatThrownBy(() -> again.execute(new RegisterPerson("late", "Late", null, Set.of(Role.AUDITOR))))
                .isInstanceOf(IllegalStateException.class).hasMessage("the ledger is closed: build another to write");
        assertThat(again.log().size()).isEqualTo(size);
    }

    @Test
    void aBuildWhoseAxonCustomizerFails_stopsTheCheckpointRoundsAndHousekeepingItStarted() throws Exception {
        DataSource store = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(store).build()) {
            TestLedgers.park(ledger);
        }
        java.util.Set<Thread> before = ledgerThreads();
        assertThatThrownBy(() -> Ledger.builder().dataSource(store)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log",
                        Duration.ofSeconds(10))
                .axon(configurer -> {
                    throw new IllegalStateException("the application's customizer failed");
                }).build()).hasMessage("the application's customizer failed");
        assertThat(leftRunning(before)).as("threads named ledger-* or db-scheduler*").isEmpty();
    }

    /** On a scheduler the application supplies (and keeps), closing the ledger ends its checkpoint rounds there. */
    @Test
    void closing_cancelsTheCheckpointRounds_onTheApplicationsScheduler() throws Exception {
        var scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir))
                    .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log",
                            Duration.ofSeconds(10))
                    .checkpointScheduler(scheduler).build();
            assertThat(scheduler.getQueue()).as("the ledger's rounds").hasSize(1);
            ledger.close();
            assertThat(scheduler.getQueue()).as("after close").isEmpty();
            assertThat(scheduler.isShutdown()).as("the application's to end").isFalse();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
