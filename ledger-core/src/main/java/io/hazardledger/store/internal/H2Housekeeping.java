package io.hazardledger.store.internal;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reclaims the dead space of an embedded H2 file store, which H2 itself leaves alone when it commits every
 * transaction to the file ({@code WRITE_DELAY=0}, which the ledger needs so that an acknowledged write survives a
 * killed process): with that setting H2 runs no background writer, so chunks whose pages all became obsolete are
 * never freed and half-empty chunks are never rewritten, and the file grew by about 42 KB per event for about 1 KB
 * of live data. Each {@link #run()} forces the file to disk and rewrites the emptiest chunks (H2's own compaction,
 * under its store lock, as its background writer does), then stores what it rewrote; each commit then frees the
 * chunks that died before the last run forced the file to disk. A file that nothing else writes to is left alone
 * once compaction stops raising its chunks' fill ({@link IdleCompaction}).
 *
 * <p>A dead chunk's space must not take a new chunk before the chunks that replaced its pages are on disk, with the
 * chunk metadata that records it dead: after a power loss that kept the new chunk but not those, H2 would open the file
 * at an older version, or not at all. H2 never forces the file when it commits, and frees a dead chunk once its
 * retention time has passed since the chunk was written, however recently it died. So each run holds H2's version at
 * the run (as H2's own transactions hold the version they read) until the next run, or a force or sync between runs
 * (below), replaces it: H2 frees only chunks that died before the held version, whose successors were written before it
 * was taken and forced to disk by the {@code sync} that follows. So H2's retention time is set to none between runs (in
 * simulated power losses, 2 s beside the held version left more files that opened at an older version than none did:
 * BENCHMARKS.md); only while a run compacts is it {@code youngestRewritten}, from which H2's compaction takes the age
 * under which it leaves a chunk alone. Where the ledger forces the file after each commit ({@link ForcedCommits}), each
 * such force moves the held version too ({@link #forceAfterCommit}): held from one run to the next, it cost each commit
 * time in proportion to the commits since. Where it does not, the ledger has the file forced and the version moved ten
 * times an interval ({@link #syncBetweenRuns}). The header H2 follows after a power loss is written at runs only, so
 * the chunks on its chain may be freed between runs: H2 may then open the file older than the last force (seen in
 * simulated losses with forced commits: BENCHMARKS.md). So each force also has H2 write its header naming the newest
 * chunk before the held version moves ({@link HeaderAtForce}): else a later commit could write over the chunk a stale
 * header named, and a process killed before H2 wrote the header again opened the file older than acknowledged
 * commits. {@link #stop()} hands the file back to H2's own rules. Uses
 * H2's engine classes, so it applies only where the data source is an embedded H2 database in this process; for any
 * other store {@link #applies(DataSource)} is false.
 *
 * <p>Compaction can be paused ({@link #pausedDuring}) while a replay rewrites the projections: the chunks it would
 * rewrite then are mostly ones the replay itself is about to make obsolete, and its rewriting took the CPU the replay
 * needs (13 % of a warm replay's profile at 10^6 entries; the replay ran about a fifth faster without it). The runs
 * go on syncing and moving the held version meanwhile; the first run after the pause reclaims what
 * the replay left.
 */
public final class H2Housekeeping {

    /** The share of live data below which a chunk is rewritten (H2's default for its background writer is 90). */
    private static final int TARGET_FILL_RATE = 90;
    /** The most bytes one run rewrites, so that a run stays short beside the writers. */
    private static final int REWRITE_BYTES = 32 << 20;

    private final DataSource dataSource;
    /** The age under which a run's compaction leaves a chunk alone (H2 takes it from its retention time). */
    private final int youngestRewrittenMillis;
    /** How many callers pause compaction now. */
    private final AtomicInteger pauses = new AtomicInteger();
    /**
     * Runs in a row with nothing else committed whose compaction did not raise the chunks' fill, after which the
     * file is left alone until something else commits: up to 320 MB rewritten for nothing.
     */
    static final int FRUITLESS_RUNS = 10;
    /** Whether a run compacts a file that nothing else has written to since the last compaction. */
    private final IdleCompaction idle = new IdleCompaction(FRUITLESS_RUNS);

    /** The runs' connection, kept open while versions may be held (see {@link #run()}); guarded by {@code this}. */
    private Connection keeper;

    /**
     * The version the last run holds, or null; guarded by {@code this}. (H2 may report a page it replaced just after
     * the commit that stored its successor was written, as MVMap swaps a root before it reports the pages removed, so
     * a chunk's death may be recorded a little after a run's hold. Holding each version for two runs would cover that;
     * in simulated power losses it left many more files opening at an older version, for reasons not found:
     * BENCHMARKS.md.)
     */
    private Held held;
    /**
     * The version the force before held, kept until the next force: the header that force wrote is on disk only
     * once the next force has run (see {@link #hold}); null after a run, whose header is on disk. Guarded by
     * {@code this}.
     */
    private Held previous;
    /** Set once {@link #stop()} ran: later runs do nothing. */
    private volatile boolean stopped;

    /** A version held in a store: H2 frees no chunk that died at it or later while it is held. */
    private record Held(MVStore store, MVStore.TxCounter version) {
        void release() {
            if (!store.isClosed()) {
                store.deregisterVersionUsage(version);
            }
        }
    }

    /**
     * @param youngestRewritten the age under which compaction leaves a chunk alone: on a busy file most young chunks
     *                          die on their own (the ledger passes twice the interval; rewriting them too cost 15-20 %
     *                          of 16 clients' rate)
     */
    public H2Housekeeping(DataSource dataSource, Duration youngestRewritten) {
        this.dataSource = dataSource;
        this.youngestRewrittenMillis = Math.toIntExact(youngestRewritten.toMillis());
    }

    /**
     * Whether {@code dataSource} is an embedded H2 file database in this process. Callers check first that H2 is on
     * the class path ({@code org.h2.jdbc.JdbcConnection} loads): this class links against it.
     */
    public static boolean applies(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return store(c) != null;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * One round of housekeeping, on a connection of its own, kept open from the first run until {@link #stop()}: H2
     * closes a database when its last connection closes, and asserts then that no version is held (with forced
     * commits one nearly always is).
     *
     * @return whether any chunk was rewritten (a run that finds compaction paused rewrites none; one that checked
     *         just before a pause began may still finish its compaction)
     */
    public boolean run() {
        try {
            Connection c = keeper();
            if (c == null) {
                return false;
            }
            MVStore store = store(c);
            if (store == null || store.isClosed() || stopped) {
                return false;
            }
            FileStore<?> file = store.getFileStore();
            boolean compact = !compactionPaused()
                    && idle.shouldCompact(store.getCurrentVersion(), file.getChunksFillRate());
            boolean rewrote = false;
            try {
                if (compact) {
                    // compact() takes H2's store lock; the commits then free the chunks that became dead. (Calling
                    // FileStore.dropUnusedChunks() here, outside that lock, raced with a commit and tripped an
                    // assertion of H2's in a test run with assertions on.) H2 rewrites only chunks older than its
                    // retention time, and frees none younger meanwhile.
                    file.setRetentionTime(youngestRewrittenMillis);
                    try {
                        rewrote = store.compact(TARGET_FILL_RATE, REWRITE_BYTES);
                    } finally {
                        file.setRetentionTime(stopped ? file.getDefaultRetentionTime() : 0);
                    }
                    if (rewrote) {
                        store.tryCommit();   // the rewritten pages stored now, as H2's background writer would: the
                                             // next run then sees what they gained
                    }
                }
            } finally {
                hold(store, true);   // even after a failed compaction: else H2 would free nothing until a run succeeds
            }
            if (compact) {
                // The version after the run: compact() itself stores when its pages outgrow H2's unsaved memory, so
                // the run's own stores cannot be told from a writer's commit meanwhile; such a commit counts as the
                // run's, and its dead space waits for the next write (a ledger being written to commits again within
                // a run or two).
                idle.compacted(store.getCurrentVersion());
            }
            return rewrote;
        } catch (SQLException e) {
            throw new LedgerStorageException("could not reclaim the H2 file's dead space: " + e.getMessage(), e);
        }
    }

    /**
     * The runs' connection, opened by the first run (outside any lock: a pool may make it wait); null once stopped, or
     * where a run at the same moment opened it (that run does the work).
     */
    private Connection keeper() throws SQLException {
        synchronized (this) {
            if (stopped || keeper != null && !keeper.isClosed()) {
                return stopped ? null : keeper;
            }
        }
        Connection opened = dataSource.getConnection();
        synchronized (this) {
            if (!stopped && (keeper == null || keeper.isClosed())) {
                keeper = opened;
                return opened;
            }
        }
        opened.close();
        return null;
    }

    /**
     * Forces the file to disk after commits ({@link ForcedCommits}), and moves the version held as a run does, without
     * the run's compaction or header. Held from one run to the next, the version cost each commit time in proportion
     * to the commits since (H2 walks each changed map's roots back to the version held): one client's commits ran
     * about 40 % slower (BENCHMARKS.md). Moved at each force, it is held across a commit or two. Does not wait for a
     * chunk that another commit is writing (see {@link #hold}). After {@link #stop()} it only forces the file.
     */
    public void forceAfterCommit(MVStore store) {
        hold(store, false);
    }

    /**
     * Where commits are not forced ({@code forceCommits(false)}): forces the file and moves the version held as a
     * {@link #forceAfterCommit force} does, between runs. The ledger then calls it {@link #SYNCS_PER_RUN} times an
     * interval, so that the version held is at most that much older than the newest commit (held from one run to the
     * next it made one client about 40 % slower, slower than with each commit forced), and no acknowledged commit
     * waits longer than that for the disk. Does nothing before the first run, or once stopped.
     */
    public void syncBetweenRuns() {
        try {
            Connection c;
            synchronized (this) {
                c = stopped || keeper == null || keeper.isClosed() ? null : keeper;   // closed: the next run opens one
            }
            MVStore store = c == null ? null : store(c);
            if (store != null && !store.isClosed()) {
                hold(store, false);
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not force the H2 file to the disk: " + e.getMessage(), e);
        }
    }

    /** How many times an interval the file is forced where commits are not ({@link #syncBetweenRuns}). */
    public static final int SYNCS_PER_RUN = 10;

    /**
     * Holds H2's current version, forces the file to disk, then releases the version held before: every chunk stored
     * before the new one was taken is then on disk, so H2 may free the chunks that died before it.
     * With {@code header}, if H2's file header does not name its newest chunk, H2 first writes it with a chunk of its
     * own: after a power loss H2 finds the newest chunk by following the chunks from the one its header names, so the
     * header forced here must lead only through chunks that stay allocated until the next run. Else the chain could
     * pass through a chunk freed and written over since, and H2 would open the file as it was before this run (seen in
     * simulated power losses, BENCHMARKS.md). Where commits move the hold at each force, chunks on that chain could be
     * freed before the next run: so a force, after its sync, has H2 write its header naming the newest chunk
     * ({@link HeaderAtForce}), and keeps the version held before until the next force has put that header on disk.
     *
     * <p>A run takes the version under H2's store lock. A force without the header does not, where H2 writes on the
     * committing thread ({@code WRITE_DELAY=0}): a commit holds that lock while it writes its chunk, and with four
     * clients the forces waited there for about a fifth of their time, each keeping the next force waiting too
     * (BENCHMARKS.md, 2026-12-05). It takes the current version as it is, and holds it only if that version's chunk is
     * in the file already (H2 moves to a version while it serialises the version's chunk, and names the chunk last
     * written once its pages are written; the file header H2 may write with it can come just after, as a power loss
     * may leave H2 older anyway); else it forces the file and keeps the version held before, which the next force
     * moves on. Where H2 writes on threads of its own, the force waits for them under the lock, as a run does.
     */
    private synchronized void hold(MVStore store, boolean withHeader) {
        if (store.isClosed()) {   // closed since the caller took it: its hold, if any, went with it (H2 closes
                                  // without forcing the file, so a commit's force cannot be made now)
            throw new LedgerStorageException("the H2 store was closed before it could be forced to the disk", null);
        }
        if (stopped || keeper == null) {   // stopped, or no run yet to keep the database open: H2's own rules
            if (!withHeader) {
                store.sync();
            }
            return;
        }
        if (held != null && held.store() != store) {   // the database was closed and opened again
            release();
        }
        FileStore<?> file = store.getFileStore();
        if (withHeader) {
            file.setRetentionTime(0);   // the version held keeps what must be kept (not from a commit's force: it
                                        // may come while a run compacts, which needs its minimum age meanwhile)
        }
        Held[] taken = new Held[1];
        boolean[] header = new boolean[1];
        if (withHeader || file.getAutoCommitDelay() != 0) {
            // under H2's store lock, once H2's own threads have written what they were given: no chunk is being
            // written, and every chunk of an earlier version is in the file
            store.executeFilestoreOperation(() -> {
                taken[0] = new Held(store, store.registerVersionUsage());
                header[0] = withHeader && !HeaderAtForce.namesLastChunk(file);
            });
        } else {
            taken[0] = new Held(store, store.registerVersionUsage());
            if (file.lastChunkVersion() < taken[0].version().version) {
                // that version's chunk is being written now: force and keep the version held before
                try {
                    store.sync();
                } finally {
                    taken[0].release();
                }
                return;
            }
        }
        try {
            // Taken after the hold, so that no chunk the header's chain passes through can be freed before the next
            // run. H2 writes its header with the next chunk once its "clean" mark is taken off (as after a clean
            // close); an unchanged setting of H2's own, which its SQL layer never reads, gives that chunk. Not where
            // H2 stores in the background (WRITE_DELAY above 0): its own header writes there could carry the mark.
            // (Not committed inside executeFilestoreOperation: where H2 stores on threads of its own, the store
            // would wait there for a lock that the operation holds.)
            if (header[0] && file.getAutoCommitDelay() == 0) {
                store.executeFilestoreOperation(() -> HeaderAtForce.withHeaderLock(file,
                        () -> file.getStoreHeader().put("clean", 1)));
                store.setStoreVersion(store.getStoreVersion());
                store.commit();
            }
            store.sync();
            if (!withHeader) {
                // After the force, so that it names a chunk on disk; before the version held moves on, which lets a
                // later commit write over the chunk an older header names (a process killed between that chunk's
                // write and H2's header after it opened an older version: HeaderAtForce). This header reaches the
                // disk with the next force, so the version held before is kept until then: after a power loss the
                // header on disk names this chunk or the one before it, and neither is written over.
                HeaderAtForce.nameLastChunk(file);
            }
        } catch (RuntimeException e) {
            taken[0].release();
            throw e;
        }
        if (withHeader) {
            release();   // a run's header is on disk: nothing older to keep
        } else {
            if (previous != null) {
                previous.release();
            }
            previous = held;
        }
        held = taken[0];
    }

    /** The version held now, or -1 (for tests). */
    synchronized long heldVersion() {
        return held == null ? -1 : held.version().version;
    }

    /** Releases the versions held, if any (called holding {@code this}). */
    private void release() {
        if (previous != null) {
            previous.release();
            previous = null;
        }
        if (held != null) {
            held.release();
            held = null;
        }
    }

    /**
     * Runs {@code work} with compaction paused (the runs only sync meanwhile), and returns what it returns. Pauses
     * nest: compaction resumes when the last of them ends.
     */
    public <T> T pausedDuring(Supplier<T> work) {
        pauses.incrementAndGet();
        try {
            return work.get();
        } finally {
            pauses.decrementAndGet();
        }
    }

    /**
     * When to compact a file that nothing else writes to. H2's compaction rewrites the oldest and emptiest chunks
     * while the chunks' fill is below the target, whether or not that raises it. On a 6 GB file that many replays had
     * rewritten, it kept a quarter of a core busy on an idle ledger for minutes, the chunks' fill at 80 % throughout
     * (BENCHMARKS.md, 2026-12-04 evening). So once {@code limit} runs in a row with nothing else committed have not
     * raised the fill, runs stop compacting until something else commits. A file being written to is compacted every
     * run, as before: its writes are what compaction keeps from growing the file. (The fill is a whole percent: on a
     * large file a slow gain may not show within {@code limit} runs, and is then left for the next write.)
     */
    static final class IdleCompaction {
        private final int limit;
        /** The store's version when the last compaction ended (-1: none yet). */
        private long versionAfter = -1;
        /** The highest chunks' fill seen since something else last committed. */
        private int bestFill = -1;
        /** Runs in a row, since something else last committed, whose compaction did not raise the fill. */
        private int fruitless;

        IdleCompaction(int limit) {
            this.limit = limit;
        }

        /** Whether this run compacts, given the store's version and the chunks' fill now; counts it if not useful. */
        synchronized boolean shouldCompact(long version, int chunksFill) {
            if (version != versionAfter) {   // something else committed since the last compaction (or none yet)
                bestFill = chunksFill;
                fruitless = 0;
                return true;
            }
            if (chunksFill > bestFill) {
                bestFill = chunksFill;
                fruitless = 0;
                return true;
            }
            if (fruitless < limit) {
                fruitless++;
            }
            return fruitless < limit;
        }

        /** A run compacted, and left the store at {@code version}. */
        synchronized void compacted(long version) {
            versionAfter = version;
        }
    }

    /** Whether a caller of {@link #pausedDuring} is running now, so that runs do not compact. */
    public boolean compactionPaused() {
        return pauses.get() > 0;
    }

    /**
     * Hands the file back to H2's own rules, for when the rounds stop while the database may stay open: releases the
     * version held, so that H2 frees dead chunks again without runs, and puts H2's own retention time back (45 s). A
     * database already closed needs nothing; a failure is logged, not thrown (this runs while closing).
     */
    public void stop() {
        Connection kept;
        synchronized (this) {
            stopped = true;
            release();
            kept = keeper;
            keeper = null;
        }
        try (Connection c = kept != null && !kept.isClosed() ? kept : dataSource.getConnection()) {
            MVStore store = store(c);
            if (store != null && !store.isClosed()) {
                FileStore<?> file = store.getFileStore();
                file.setRetentionTime(file.getDefaultRetentionTime());
            }
        } catch (SQLException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(H2Housekeeping.class).warn("could not restore H2's retention time: {}",
                    e.toString());
        }
    }

    /**
     * Whether the connection is to an H2 database in this process (not through H2's TCP server): a statement costs no
     * round trip. Call only on a connection to H2 ({@link Sql#isH2}): it needs H2's classes.
     */
    static boolean inProcess(Connection c) throws SQLException {
        return localSession(c) != null;
    }

    /** The connection's H2 session if the database is in this process, else null. */
    static SessionLocal localSession(Connection c) throws SQLException {
        return c.isWrapperFor(JdbcConnection.class)
                && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local ? local : null;
    }

    static MVStore store(Connection c) throws SQLException {
        SessionLocal local = localSession(c);
        if (local == null || !local.getDatabase().isPersistent()) {
            return null;
        }
        var store = local.getDatabase().getStore();
        if (store == null || store.getMvStore().getFileStore() == null) {
            return null;
        }
        return store.getMvStore();
    }
}
