package io.hazardledger.store.internal;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit's force ({@link H2Housekeeping#forceAfterCommit}) runs while other commits write their chunks: it must not
 * wait for H2's store lock, which a commit holds while it writes (with four clients the forces spent about a fifth of
 * their time there, and the ledger made 0.70 of plain Axon's rate). Nor may it hold the version of a chunk that is
 * not in the file yet: H2 could then free chunks that only that chunk made dead, before it is on the disk.
 */
class ForceBesideAChunkWriteTest {

    @Test
    void aForceNeitherWaitsForAChunkBeingWritten_norHoldsItsVersion(@TempDir Path dir) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0");
        ds.setUser("sa");
        ds.setPassword("");
        H2Housekeeping housekeeping = new H2Housekeeping(ds, Duration.ZERO);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch inChunk = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            MVStore store = H2Housekeeping.store(c);
            try {
                s.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(100))");
                housekeeping.run();
                s.execute("INSERT INTO t VALUES (1, 'a')");
                housekeeping.forceAfterCommit(store);
                long held = housekeeping.heldVersion();
                assertThat(held).as("the version held after a force, no chunk being written")
                        .isEqualTo(store.getCurrentVersion());

                // the next commit paused inside its chunk's writing: H2 has moved to its version (and tells the
                // tracker), the chunk is not in the file yet, and the commit holds H2's store lock
                store.setOldestVersionTracker(version -> {
                    if (store.getCurrentVersion() > store.getFileStore().lastChunkVersion()
                            && inChunk.getCount() > 0) {
                        inChunk.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                Future<?> writer = threads.submit(() -> {
                    try (Connection w = ds.getConnection(); Statement ws = w.createStatement()) {
                        ws.execute("INSERT INTO t VALUES (2, 'b')");
                    }
                    return null;
                });
                assertThat(inChunk.await(30, TimeUnit.SECONDS)).as("the writer reached its chunk").isTrue();

                Future<?> force = threads.submit(() -> {
                    housekeeping.forceAfterCommit(store);
                    return null;
                });
                force.get(30, TimeUnit.SECONDS);   // a force that waits for the store lock never comes back here
                assertThat(housekeeping.heldVersion()).as("the version held after a force beside a chunk being written")
                        .isEqualTo(held);

                release.countDown();
                writer.get(30, TimeUnit.SECONDS);
                housekeeping.forceAfterCommit(store);
                assertThat(housekeeping.heldVersion()).as("the version held after a force once that chunk is written")
                        .isEqualTo(store.getCurrentVersion())
                        .isGreaterThan(held);
            } finally {
                release.countDown();
                store.setOldestVersionTracker(null);
                threads.shutdownNow();
                housekeeping.stop();   // before the database closes with the connection: H2 asserts no version held
            }
        }
    }
}
