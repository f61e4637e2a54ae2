package io.hazardledger.store.internal;

import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.h2.mvstore.MVStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forces an embedded H2 file to the disk after a commit, before the ledger answers. H2 writes each commit to its file
 * ({@code WRITE_DELAY=0}), so a killed process loses nothing, but it never forces the file: the operating system may
 * hold the write in its cache for seconds, and a power loss or a crash of the system would take writes the ledger had
 * acknowledged. A force is the file's {@code fsync}, whatever wrote to it.
 *
 * <p>Commits that end while a force runs share the next one: a caller waits for a force begun after its own commit was
 * written, which then covers every commit written before it began (group commit, as a database's log flush is).
 * Where H2 writes in the background ({@code WRITE_DELAY} above 0) a force first has H2 store what was committed.
 * Uses H2's engine classes: create it only where H2 is on the class path and the store is an embedded H2 file
 * ({@link H2Housekeeping#applies}); on any other connection it does nothing. Without the housekeeping no version is
 * held, and H2's own rule frees a dead chunk 45 s after it was written: another writer's commit could then write over
 * a chunk that a commit not yet forced made dead.
 */
public final class ForcedCommits {

    /** Moves its held version at each force, or null (no housekeeping: H2's own rules free dead chunks). */
    private final H2Housekeeping housekeeping;

    /**
     * @param housekeeping the file's housekeeping, which then holds H2's version from one force to the next, so that no
     *                     chunk a commit made dead is written over before that commit is on disk; or null
     */
    public ForcedCommits(H2Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    /** Commits written so far, counted when each returned. */
    private final AtomicLong written = new AtomicLong();
    private final Object forcing = new Object();
    /** The count of commits written before the last force began; guarded by {@link #forcing}. */
    private long forced;
    private final AtomicLong forces = new AtomicLong();

    /**
     * Has the unit of work force the file after it commits on {@code c}: call it when the unit of work takes its
     * connection, before Axon's wrapper registers the commit itself. The unit of work's commit handlers run in the
     * reverse of their order, so the force then follows the commit, in the commit phase: a failure to force is the
     * commit's failure, and the caller is not told its write is stored.
     */
    public void afterCommitOf(UnitOfWork<?> unitOfWork, Connection c) throws SQLException {
        Runnable force = forceOf(c);
        if (force != null) {
            unitOfWork.onCommit(u -> force.run());
        }
    }

    /** Forces the file after a commit on {@code c} returned (nothing for a connection to another store). */
    public void afterCommit(Connection c) throws SQLException {
        Runnable force = forceOf(c);
        if (force != null) {
            force.run();
        }
    }

    /** What forces the file of {@code c}'s store after a commit on it, or null for another store. */
    private Runnable forceOf(Connection c) throws SQLException {
        MVStore store = H2Housekeeping.store(c);
        return store == null ? null : () -> force(() -> sync(store));
    }

    /** How many times the file was forced (commits that shared a force count once). */
    public long forces() {
        return forces.get();
    }

    private void sync(MVStore store) {
        if (store.getAutoCommitDelay() != 0) {
            // H2 writes in the background (WRITE_DELAY above 0): the commit may not be in the file yet. Stored now,
            // unless H2's own writer already has it in hand (then commit() does nothing), so wait for that writer too
            store.commit();
            store.executeFilestoreOperation(() -> { });
        }
        if (housekeeping != null) {
            housekeeping.forceAfterCommit(store);
        } else {
            store.sync();
        }
    }

    /**
     * Called once a commit's writes are in the file: returns once {@code sync} (a force of the file; it throws if the
     * store was closed meanwhile, as H2 closes without forcing) has run after they were.
     */
    void force(Runnable sync) {
        long mine = written.incrementAndGet();
        synchronized (forcing) {
            if (forced >= mine) {
                return;   // a force that began after this commit was written has run
            }
            long upTo = written.get();   // each counted after its commit returned: all in the file now
            try {
                sync.run();
            } catch (LedgerStorageException e) {
                throw e;
            } catch (RuntimeException e) {   // H2's, say a failed fsync: the write may not be on the disk
                throw new LedgerStorageException("could not force the H2 file to the disk: " + e.getMessage(), e);
            }
            forced = upTo;
            forces.incrementAndGet();
        }
    }
}
