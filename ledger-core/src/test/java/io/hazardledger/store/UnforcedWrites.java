package io.hazardledger.store;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An H2 file system ({@code jdbc:h2:unforced:/path/name}) that passes everything to the disk and counts, for each H2
 * file ({@code .mv.db}), the writes made to it and how many of them no {@code force} has followed yet: the writes a
 * power loss could take.
 */
public final class UnforcedWrites extends FilePathWrapper {

    static final String SCHEME = "unforced";
    private static final Map<String, Counts> FILES = new ConcurrentHashMap<>();

    static {
        FilePath.register(new UnforcedWrites());
    }

    /** For H2, which makes one instance for each path it is given. */
    public UnforcedWrites() {
    }

    /** The URL of an H2 database named {@code name} in {@code dir} through this file system. */
    public static String url(java.nio.file.Path dir, String name) {
        return url(dir, name, 0);
    }

    /** As {@link #url(java.nio.file.Path, String)}, with H2's {@code WRITE_DELAY} in milliseconds. */
    public static String url(java.nio.file.Path dir, String name, int writeDelay) {
        return "jdbc:h2:" + SCHEME + ":" + dir.resolve(name).toAbsolutePath() + ";WRITE_DELAY=" + writeDelay;
    }

    /**
     * A data source of the database {@code name} in {@code dir} through this file system. The database stays open until
     * a {@code SHUTDOWN} (H2 closes it with its last connection, and compacts it then).
     */
    public static org.h2.jdbcx.JdbcDataSource dataSource(java.nio.file.Path dir, String name) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(url(dir, name) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    /** The counts of the H2 file of the database {@code name} in {@code dir}. */
    public static Counts of(java.nio.file.Path dir, String name) {
        return FILES.computeIfAbsent(dir.resolve(name).toAbsolutePath() + ".mv.db", p -> new Counts());
    }

    /** Writes to one file: all of them, and those since its last force. */
    public static final class Counts {
        private long writes;
        private long unforced;
        private long forces;
        /** Runs before each write to the file, on the writing thread (a test's pause); none by default. */
        private volatile Runnable beforeWrite = () -> { };

        /** Has {@code hook} run before each write to the file, on the writing thread. */
        public void beforeEachWrite(Runnable hook) {
            beforeWrite = hook;
        }

        synchronized void written() {
            writes++;
            unforced++;
        }

        synchronized void forced() {
            unforced = 0;
            forces++;
        }

        public synchronized long writes() {
            return writes;
        }

        public synchronized long unforced() {
            return unforced;
        }

        public synchronized long forces() {
            return forces;
        }
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel base = super.open(mode);
        String path = unwrap(name).toString();
        return !path.endsWith(".mv.db") || mode.equals("r") ? base
                : new Counted(base, FILES.computeIfAbsent(path, p -> new Counts()));
    }

    /** A file channel that counts its writes and forces. */
    private static final class Counted extends FileBase {
        private final FileChannel base;
        private final Counts counts;

        Counted(FileChannel base, Counts counts) {
            this.base = base;
            this.counts = counts;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public synchronized int write(ByteBuffer src) throws IOException {
            counts.beforeWrite.run();
            int n = base.write(src);
            counts.written();
            return n;
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            counts.beforeWrite.run();
            int n = base.write(src, position);
            counts.written();
            return n;
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public synchronized FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            counts.written();
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            synchronized (counts) {   // no write counted between the force and the count's reset
                base.force(metaData);
                counts.forced();
            }
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
