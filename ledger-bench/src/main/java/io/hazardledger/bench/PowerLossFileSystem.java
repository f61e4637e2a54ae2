package io.hazardledger.bench;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An H2 file system ({@code jdbc:h2:powerloss:/path/name}) that passes everything to the disk and remembers, for
 * each H2 file ({@code .mv.db}), what a power loss could leave of it: its contents as of its last {@code force}, and
 * every write since. {@link #afterPowerLoss} makes one such file, as one of two {@link Model}s has it; in both the
 * file's length is its forced one or its current one.
 */
public final class PowerLossFileSystem extends FilePathWrapper {

    static final String SCHEME = "powerloss";
    private static final int PAGE = 4096;
    private static final Map<String, Journal> JOURNALS = new ConcurrentHashMap<>();

    static {
        FilePath.register(new PowerLossFileSystem());
    }

    /** For H2, which makes one instance for each path it is given. */
    public PowerLossFileSystem() {
    }

    /** Registers the file system with H2 (once). */
    static void register() {
        // the static initialiser did
    }

    /** What a power loss may leave of the writes since the last force. */
    public enum Model {
        /** Each write on disk whole or not at all, in any order: writes reordered, none torn. */
        WRITES,
        /**
         * Each 4 KB page written since the last force with any one of the contents it had since then: what an
         * operating system's page cache may leave, written back page by page in any order (a write may be torn).
         */
        PAGES,
        /**
         * Every write made, in order, the file's length as written: what a killed process leaves (the operating system
         * keeps what it was handed), as a crash of the JVM or {@code kill -9} does, not a power loss.
         */
        KILL
    }

    /** What a power loss now could leave of the file at {@code path} (the path without the scheme). */
    static byte[] afterPowerLoss(String path, Model model, Random random) {
        Journal journal = JOURNALS.get(path);
        if (journal == null) {
            throw new IllegalStateException("no file written at " + path);
        }
        return journal.after(model, random);
    }

    /**
     * From now on, at every {@code every}th force of the file at {@code path}, just before the force is applied (its
     * writes on disk or not as the model has it), hands {@code sink} what a power loss then could leave of the file.
     */
    static void lossesAtForces(String path, int every, Model model, Random random,
                               java.util.function.Consumer<byte[]> sink) {
        Journal journal = JOURNALS.get(path);
        if (journal == null) {
            throw new IllegalStateException("no file written at " + path);
        }
        journal.atForces(every, () -> sink.accept(journal.after(model, random)));
    }

    /**
     * From now on, after every {@code every}th write (or truncation) of the file at {@code path}, hands {@code sink}
     * what a killed process would leave of it then ({@link Model#KILL}): a kill at any moment, not only at a force.
     */
    static void killsAtWrites(String path, int every, java.util.function.Consumer<byte[]> sink) {
        Journal journal = JOURNALS.get(path);
        if (journal == null) {
            throw new IllegalStateException("no file written at " + path);
        }
        journal.atWrites(every, () -> sink.accept(journal.afterKill()));
    }

    /**
     * From now on, just before each force of the file at {@code path} is applied, hands {@code beforeForce} the number
     * of that force (from 1), holding the file's journal: it may take {@link #afterPowerLoss} then.
     */
    static void atEveryForce(String path, java.util.function.IntConsumer beforeForce) {
        Journal journal = JOURNALS.get(path);
        if (journal == null) {
            throw new IllegalStateException("no file written at " + path);
        }
        journal.atEveryForce(beforeForce);
    }

    /** How many times the file at {@code path} was forced to disk. */
    static int forces(String path) {
        Journal journal = JOURNALS.get(path);
        return journal == null ? 0 : journal.forces;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel base = super.open(mode);
        String path = unwrap(name).toString();
        if (!path.endsWith(".mv.db") || mode.equals("r")) {
            return base;
        }
        Journal journal = JOURNALS.computeIfAbsent(path, p -> new Journal());
        journal.opened(base.size());
        return new Journaled(base, journal);
    }

    /** The forced contents of one file and its writes since. */
    private static final class Journal {
        private byte[] forced = new byte[0];
        private long forcedLength;
        private long length;
        /** Writes since the last force, in order: position and bytes; a truncation is a write of no bytes. */
        private final List<Write> pending = new ArrayList<>();
        private int forces;

        private record Write(long position, byte[] bytes, long truncateTo) {
            /** This write, or truncation (zeros from its length on), made on {@code file}. */
            void applyTo(byte[] file) {
                if (bytes == null) {
                    Arrays.fill(file, (int) truncateTo, file.length, (byte) 0);
                } else {
                    System.arraycopy(bytes, 0, file, (int) position, bytes.length);
                }
            }
        }

        synchronized void opened(long size) {
            if (forcedLength == 0 && length == 0 && size > 0) {
                throw new IllegalStateException("a file written before it was journaled");
            }
        }

        synchronized void write(long position, byte[] bytes) {
            pending.add(new Write(position, bytes, -1));
            length = Math.max(length, position + bytes.length);
            written();
        }

        synchronized void truncate(long size) {
            if (size < length) {
                pending.add(new Write(0, null, size));
                length = size;
                written();
            }
        }

        /** Every {@code killEvery}th write, {@code kill} runs just after it; 0: never. */
        private int killEvery;
        private Runnable kill;
        private long writes;

        synchronized void atWrites(int every, Runnable kill) {
            this.killEvery = every;
            this.kill = kill;
        }

        private void written() {
            writes++;
            if (killEvery > 0 && writes % killEvery == 0) {
                kill.run();
            }
        }

        /** Every {@code every}th force, {@code loss} runs just before it is applied; 0: never. */
        private int lossEvery;
        private Runnable loss;

        synchronized void atForces(int every, Runnable loss) {
            this.lossEvery = every;
            this.loss = loss;
        }

        private java.util.function.IntConsumer beforeEach;

        synchronized void atEveryForce(java.util.function.IntConsumer beforeForce) {
            this.beforeEach = beforeForce;
        }

        synchronized void force() {
            if (beforeEach != null) {
                beforeEach.accept(forces + 1);
            }
            if (lossEvery > 0 && (forces + 1) % lossEvery == 0) {
                loss.run();
            }
            forced = Arrays.copyOf(forced, (int) Math.max(forced.length, maxEnd()));
            pending.forEach(w -> w.applyTo(forced));
            pending.clear();
            forcedLength = length;
            forces++;
        }

        private long maxEnd() {
            long end = length;
            for (Write w : pending) {
                if (w.bytes != null) {
                    end = Math.max(end, w.position + w.bytes.length);
                }
            }
            return end;
        }

        /** What the file would hold now under {@code model}. */
        synchronized byte[] after(Model model, Random random) {
            return switch (model) {
                case WRITES -> afterPowerLossWholeWrites(random);
                case PAGES -> afterPowerLoss(random);
                case KILL -> afterKill();
            };
        }

        /** Every write, in order, and the length as written. */
        synchronized byte[] afterKill() {
            byte[] image = Arrays.copyOf(forced, (int) Math.max(forced.length, maxEnd()));
            for (Write w : pending) {
                w.applyTo(image);
            }
            return Arrays.copyOf(image, (int) length);
        }

        /** Each write since the last force either all on disk or not at all, in any order, the length either. */
        synchronized byte[] afterPowerLossWholeWrites(Random random) {
            int size = (int) Math.max(forced.length, maxEnd());
            byte[] image = Arrays.copyOf(forced, size);
            for (Write w : pending) {
                if (random.nextBoolean()) {
                    w.applyTo(image);
                }
            }
            long keptLength = random.nextBoolean() ? forcedLength : length;
            return Arrays.copyOf(image, (int) keptLength);
        }

        /** Each page written since the last force at any one of its contents since then, the length either. */
        synchronized byte[] afterPowerLoss(Random random) {
            int size = (int) Math.max(forced.length, maxEnd());
            byte[] now = Arrays.copyOf(forced, size);
            // each page written since the last force: every content it has had since then, the forced one first
            Map<Integer, List<byte[]>> versions = new TreeMap<>();
            for (Write w : pending) {
                long from = w.bytes == null ? w.truncateTo : w.position;
                long to = w.bytes == null ? size : w.position + w.bytes.length;
                for (int page = (int) (from / PAGE); (long) page * PAGE < to; page++) {
                    int p = page;
                    versions.computeIfAbsent(page, k -> new ArrayList<>(List.of(page(now, p))));
                }
                w.applyTo(now);
                for (int page = (int) (from / PAGE); (long) page * PAGE < to; page++) {
                    versions.get(page).add(page(now, page));
                }
            }
            long keptLength = random.nextBoolean() ? forcedLength : length;
            byte[] image = Arrays.copyOf(forced, size);
            versions.forEach((page, contents) -> System.arraycopy(contents.get(random.nextInt(contents.size())), 0,
                    image, page * PAGE, Math.min(PAGE, size - page * PAGE)));
            return Arrays.copyOf(image, (int) keptLength);
        }

        private static byte[] page(byte[] file, int page) {
            return Arrays.copyOfRange(file, page * PAGE, page * PAGE + PAGE);
        }
    }

    /** A file channel that tells its journal of every write, truncation and force. */
    private static final class Journaled extends FileBase {
        private final FileChannel base;
        private final Journal journal;

        Journaled(FileChannel base, Journal journal) {
            this.base = base;
            this.journal = journal;
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
            long position = base.position();
            byte[] bytes = new byte[src.remaining()];
            src.duplicate().get(bytes);
            int written = base.write(src);
            journal.write(position, Arrays.copyOf(bytes, written));
            return written;
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            byte[] bytes = new byte[src.remaining()];
            src.duplicate().get(bytes);
            int written = base.write(src, position);
            journal.write(position, Arrays.copyOf(bytes, written));
            return written;
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
            journal.truncate(size);
            return this;
        }

        @Override
        public synchronized void force(boolean metaData) throws IOException {
            base.force(metaData);
            journal.force();
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
