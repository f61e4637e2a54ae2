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

    /**
     * Where H2 writes on threads of its own ({@code WRITE_DELAY} above 0), a commit's chunk may be in the hands of
     * H2's writer when the commit's force comes, and H2's {@code commit()} then has nothing more to store: the force
     * must wait for that chunk's write (a review found the force above coming back before it; without the
     * housekeeping, a force was a bare sync, which did not wait either).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "with the housekeeping: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void withH2WritingInTheBackground_aForceWaitsForTheChunkH2sWriterHasInHand(boolean kept, @TempDir Path dir)
            throws Exception {
        // H2's writer stores on its own after a minute only: here it stores when asked (tryCommit)
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(io.hazardledger.store.UnforcedWrites.url(dir, "delayed", 60_000));
        ds.setUser("sa");
        ds.setPassword("");
        io.hazardledger.store.UnforcedWrites.Counts file = io.hazardledger.store.UnforcedWrites.of(dir, "delayed");
        H2Housekeeping housekeeping = new H2Housekeeping(ds, Duration.ZERO);
        ForcedCommits forced = new ForcedCommits(kept ? housekeeping : null);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        CountDownLatch inWrite = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> forcing = new java.util.concurrent.atomic.AtomicReference<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            MVStore store = H2Housekeeping.store(c);
            try {
                s.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(100))");
                store.commit();
                if (kept) {
                    housekeeping.run();
                }
                s.execute("INSERT INTO t VALUES (1, 'a')");
                // H2's writer paused before it writes the insert's chunk, its serialisation done
                file.beforeEachWrite(() -> {
                    if (Thread.currentThread().getName().startsWith("H2-save") && inWrite.getCount() > 0) {
                        inWrite.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                store.tryCommit();   // handed to H2's writer
                assertThat(inWrite.await(30, TimeUnit.SECONDS)).as("H2's writer reached the chunk's write").isTrue();
                long before = file.writes();

                Future<long[]> force = threads.submit(() -> {
                    forcing.set(Thread.currentThread());
                    forced.afterCommit(c);
                    return new long[] {file.writes(), file.unforced()};
                });
                // the writer goes on once the force has come back, or waits (for that writer, if it is right)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!force.isDone() && !waiting(forcing.get()) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                release.countDown();
                long[] atReturn = force.get(30, TimeUnit.SECONDS);
                assertThat(atReturn[0]).as("writes to the file when the force came back").isGreaterThan(before);
                assertThat(atReturn[1]).as("writes not forced when the force came back").isZero();
            } finally {
                release.countDown();
                file.beforeEachWrite(() -> { });
                threads.shutdown();
                assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                housekeeping.stop();
            }
        }
    }

    private static boolean waiting(Thread t) {
        return t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
    }
}
