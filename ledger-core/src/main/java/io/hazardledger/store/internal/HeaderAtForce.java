package io.hazardledger.store.internal;

import org.h2.mvstore.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Has H2 write its file header, naming its newest chunk, each time the ledger has forced the file: after the force,
 * so that it names a chunk on disk (the header itself reaches the disk with the next force, and the housekeeping keeps
 * the version it held before until then), and before the version the housekeeping holds moves on.
 *
 * <p>Why: H2 opens a file that was not closed from the chunk its header names, and H2 writes that header only now and
 * then (after a chunk it did not predict the place of, every 20 versions, or with a clean close). With the
 * housekeeping's retention time of none, the chunk the header names may die and be freed as soon as the held version
 * passes it, and a later commit's chunk be written over it. H2 then writes the header again, right after that chunk:
 * a process killed between the two writes left a header naming a chunk that is no longer there, and H2 opened the file
 * at an older version, without commits the ledger had acknowledged (a server killed while clients wrote lost three,
 * and {@code PowerLoss … kill} about one in seventy kills, 2026-12-07). Named at each force, the header always names
 * a chunk at least as new as every acknowledged commit, and that chunk is not freed before a later header is on disk.
 *
 * <p>H2 keeps the header's writer private: it is called by reflection, under H2's own lock for writing chunks (which
 * every write of the header holds), and only when no clean mark waits in the header (the housekeeping's run puts one
 * there for the next chunk to write: a header written with it would say the file was closed cleanly). Where H2's
 * classes differ from those of H2 2.4.240, it logs once and does nothing, as before.
 */
final class HeaderAtForce {

    private static final Logger log = LoggerFactory.getLogger(HeaderAtForce.class);
    private static final Method WRITE_HEADER;
    private static final Field SAVE_CHUNK_LOCK;

    static {
        Method write = null;
        Field lock = null;
        try {
            write = Class.forName("org.h2.mvstore.RandomAccessStore").getDeclaredMethod("writeStoreHeader");
            write.setAccessible(true);
            lock = FileStore.class.getDeclaredField("saveChunkLock");
            lock.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("H2's file header cannot be written at each force (H2's classes are not those of 2.4.240: {});"
                    + " a killed process may open its file older than its last acknowledged commit", e.toString());
            write = null;
            lock = null;
        }
        WRITE_HEADER = write;
        SAVE_CHUNK_LOCK = lock;
    }

    private HeaderAtForce() {
    }

    /** Writes the header naming the newest chunk, unless it names it already (or H2's classes do not allow it). */
    static void nameLastChunk(FileStore<?> file) {
        if (WRITE_HEADER == null || !WRITE_HEADER.getDeclaringClass().isInstance(file)) {
            return;
        }
        withHeaderLock(file, () -> {
            if (file.getStoreHeader().containsKey("clean") || file.lastChunkVersion() < 0 || namesLastChunk(file)) {
                return;
            }
            try {
                WRITE_HEADER.invoke(file);
            } catch (ReflectiveOperationException e) {
                throw new LedgerStorageException("could not write the H2 file's header: " + e.getCause(), e);
            }
        });
    }

    /** Runs {@code work} holding H2's lock for writing chunks and the header (where it can be taken). */
    static void withHeaderLock(FileStore<?> file, Runnable work) {
        ReentrantLock lock = null;
        try {
            lock = SAVE_CHUNK_LOCK == null ? null : (ReentrantLock) SAVE_CHUNK_LOCK.get(file);
        } catch (IllegalAccessException e) {
            lock = null;
        }
        if (lock != null) {
            lock.lock();
        }
        try {
            work.run();
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    /**
     * Whether the header, as last written, names the newest chunk (its version as read from the file, in hex, or as
     * written); called under one of H2's locks that its header's writers hold.
     */
    static boolean namesLastChunk(FileStore<?> file) {
        Object named = file.getStoreHeader().get("version");
        long version = named == null ? -1 : named instanceof Number n ? n.longValue()
                : Long.parseLong(named.toString(), 16);
        return version == file.lastChunkVersion();
    }
}
