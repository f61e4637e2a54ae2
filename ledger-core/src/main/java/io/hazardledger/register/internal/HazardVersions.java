package io.hazardledger.register.internal;

import io.hazardledger.hazard.HazardReported;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.internal.HeadLocks;
import io.hazardledger.store.internal.LedgerStorageException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code hazard_version} table: every state each hazard's register row has been in, made by the entry
 * {@code last_index} and replaced by the entry {@code valid_to} ({@link #CURRENT} while it is the current state), so
 * that the register as the ledger stood at size S is the versions with {@code last_index < S <= valid_to}.
 *
 * <p>Kept off the write path: a commit writes only the current register, and the versions catch up from the
 * committed entries, in batches, before a question as of a position is answered. {@code hazard_version_head.next_index} is the first entry not yet folded in; its row lock makes one
 * catch-up at a time, across every process on the store.
 */
public final class HazardVersions {

    /** {@code valid_to} of a version that is still its hazard's current state. */
    static final long CURRENT = Long.MAX_VALUE;
    private static final int BATCH = 5_000;

    /**
     * Reads committed entries {@code [from, to)} with their events, in order, on the catch-up's connection (a second
     * one taken while holding the first could wait for ever on a pool its holders exhausted).
     */
    @FunctionalInterface
    public interface Entries {
        long read(Connection c, long from, long to, Consumer<RecordedEvent> consumer) throws SQLException;
    }

    private final DataSource dataSource;
    private final Entries entries;
    /** The park's time zone, in which a submission's day is told. */
    private final java.time.ZoneId zone;

    public HazardVersions(DataSource dataSource, Entries entries, java.time.ZoneId zone) {
        this.dataSource = dataSource;
        this.entries = entries;
        this.zone = zone;
    }

    /**
     * Forgets every version, in the transaction of a replay: they are folded again from the first entry; how many. The
     * head row is written again if it was missing.
     */
    static int reset(Connection c) throws SQLException {
        int deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM hazard_version")) {
            deleted = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE hazard_version_head SET next_index = 0")) {
            if (ps.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO hazard_version_head (id, next_index) VALUES (1, 0)")) {
                    insert.executeUpdate();
                }
            }
        }
        return deleted;
    }

    /**
     * How far the stored versions reach, read under the head row's lock (held until the transaction ends, so that no
     * catch-up adds versions meanwhile); {@link #MISSING} when the head row is missing (deleted by hand: a replay
     * writes it again, and no catch-up runs without it).
     */
    static long lockFolded(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT next_index FROM hazard_version_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : MISSING;
        }
    }

    /** What {@link #lockFolded} returns when the head row is missing. */
    static final long MISSING = -1;

    /**
     * The versions as a multiset, for a replay to tell whether the stored ones are those the entries below
     * {@code folded} make: each row's values (its key among them) and, apart, each version's key with its end.
     * Two digests are equal when they hold the same rows (each row's keyed hash added modulo 2^256, in any order).
     *
     * <p>Each row's hash is SHA-256 of a secret key drawn once in each process followed by the row's encoding. Without
     * the key, whoever can write the table could compute each row's hash, and a sum of public hashes modulo 2^256 can
     * be matched by other rows (Wagner's generalised birthday: some tens of thousands of altered rows, each with tens
     * of thousands of variants tried, some 2^31 hashes in all), so that a replay would keep a history it should have
     * rewritten. With the key, a row's hash is unknown to anyone outside the process that compares.
     */
    static final class Digest {
        /** This process's key (never stored or shown): the digests compared are made in one process. */
        private static final byte[] PROCESS_KEY = randomKey();

        /** Sums of the rows' hashes, as 256-bit numbers in four words, the most significant first. */
        private final long[] rows = new long[4];
        private final long[] ends = new long[4];
        private long count;
        private final java.security.MessageDigest sha;
        private final byte[] key;

        Digest() {
            this(PROCESS_KEY);
        }

        /** With a key of one's own: only to show what the key changes. */
        Digest(byte[] key) {
            this.key = key.clone();
            try {
                sha = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        private static byte[] randomKey() {
            byte[] k = new byte[32];
            new java.security.SecureRandom().nextBytes(k);
            return k;
        }

        /** A version: the row as {@link HazardRow#values()} holds it. */
        void row(Object[] values) {
            add(rows, values);
            count++;
        }

        /** A version's end: the entry that replaced it, or {@link #CURRENT}. */
        void end(String hazardId, long lastIndex, long validTo) {
            add(ends, new Object[] {hazardId, lastIndex, validTo});
        }

        /** The encoding of the row being added. */
        private byte[] buffer = new byte[512];
        private int length;

        /** The last row's hash. */
        private final long[] hashed = new long[4];

        /** Adds the row's keyed hash to the sum. */
        private void add(long[] sum, Object[] values) {
            add(sum, hash(values));
        }

        /**
         * The row's keyed hash as four words, the most significant first (valid until the next row): SHA-256 of the
         * key, then the encoding of {@link #encode}.
         */
        long[] hash(Object[] values) {
            encode(values);
            sha.update(key);
            sha.update(buffer, 0, length);
            byte[] d = sha.digest();
            for (int w = 0; w < 4; w++) {
                long word = 0;
                for (int b = 0; b < 8; b++) {
                    word = (word << 8) | (d[w * 8 + b] & 0xff);
                }
                hashed[w] = word;
            }
            return hashed;
        }

        /** The first 64 bits of the row's keyed hash: to tell, in this process, whether a row is as it was. */
        long fingerprint(Object[] values) {
            return hash(values)[0];
        }

        /**
         * Encodes the values into the buffer, each typed and length-prefixed so that no two rows encode alike: a
         * string as its code units ({@link #chars}), a number as its eight bytes, a date as its epoch day, anything else as its
         * class name and text (a digest is compared only with another made in the same process).
         */
        private void encode(Object[] values) {
            length = 0;
            for (Object v : values) {
                if (v == null) {
                    put((byte) 0);
                } else if (v instanceof String text) {
                    put((byte) 1);
                    chars(text);
                } else if (v instanceof Integer number) {
                    put((byte) 2);
                    word(number);
                } else if (v instanceof Long number) {
                    put((byte) 3);
                    word(number);
                } else if (v instanceof java.time.LocalDate date) {
                    put((byte) 4);
                    word(date.toEpochDay());
                } else {
                    put((byte) 5);
                    chars(v.getClass().getName());
                    chars(v.toString());
                }
            }
        }

        /**
         * The string's width (1: every code unit below 256, written as one byte; 2: written as two), its length, then
         * its code units: every string its own encoding (UTF-8 would write an unpaired surrogate as a question mark,
         * as it writes a question mark), and most of a row's strings (identifiers, times, hashes) half as many bytes
         * to hash as in UTF-16.
         */
        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): each unit's low byte, a copy here
        private void chars(String text) {
            int n = text.length();
            boolean wide = false;
            for (int i = 0; i < n; i++) {
                if (text.charAt(i) > 0xFF) {
                    wide = true;
                    break;
                }
            }
            room(5 + (wide ? 2L : 1L) * n);
            byte[] b = buffer;
            int at = length;
            b[at] = wide ? (byte) 2 : (byte) 1;
            b[at + 1] = (byte) (n >>> 24);
            b[at + 2] = (byte) (n >>> 16);
            b[at + 3] = (byte) (n >>> 8);
            b[at + 4] = (byte) n;
            int j = at + 5;
            if (wide) {
                for (int i = 0; i < n; i++) {
                    char ch = text.charAt(i);
                    b[j] = (byte) (ch >>> 8);
                    b[j + 1] = (byte) ch;
                    j += 2;
                }
            } else {
                // every unit below 256: its low byte is all of it (for most strings, a copy of the string's own bytes)
                text.getBytes(0, n, b, j);
                j += n;
            }
            length = j;
        }

        private void word(long value) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[length++] = (byte) (value >>> shift);
            }
        }

        private void room(long bytes) {
            if (length + bytes > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.toIntExact(Math.max(2L * buffer.length, length + bytes)));
            }
        }

        private void put(byte b) {
            if (length == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, 2 * buffer.length);
            }
            buffer[length++] = b;
        }

        /** Adds another digest's rows and ends to this one (made with the same key: this process's). */
        void merge(Digest other) {
            if (!java.util.Arrays.equals(key, other.key)) {
                throw new IllegalArgumentException("digests made with different keys do not add up");
            }
            add(rows, other.rows);
            add(ends, other.ends);
            count += other.count;
        }

        /** Adds {@code words} to {@code sum}, modulo 2^256. */
        private static void add(long[] sum, long[] words) {
            long carry = 0;
            for (int w = 3; w >= 0; w--) {
                long partial = sum[w] + words[w];
                long total = partial + carry;
                carry = (Long.compareUnsigned(partial, sum[w]) < 0 || Long.compareUnsigned(total, partial) < 0) ? 1 : 0;
                sum[w] = total;   // the carry out of the top word is dropped: modulo 2^256
            }
        }

        boolean sameAs(Digest other) {
            return count == other.count && java.util.Arrays.equals(rows, other.rows)
                    && java.util.Arrays.equals(ends, other.ends);
        }

        /**
         * The stored versions: every row whose first index is one of the entries folded is digested, and every other
         * row counted (a version outside what was folded, beyond it or before the first entry, is never the entries'
         * own, so any such row makes the digests differ). On H2 the table is read in its own order, {@code chunk}
         * rows a query (the digest is a sum: the order does not matter), with no index look-up a row; elsewhere
         * {@code chunk} first indexes a query, the rows outside them counted at the end.
         */
        static Digest stored(Connection c, long folded, int chunk) throws SQLException {
            Digest d = new Digest();
            long read = 0;
            if (io.hazardledger.store.internal.Sql.isH2(c)) {
                String select = "SELECT _ROWID_, " + HazardRow.COLUMNS + ", valid_to FROM hazard_version ";
                // the first query has no lower bound: a row may be given any _ROWID_, the lowest long included
                try (PreparedStatement first = c.prepareStatement(select + "ORDER BY _ROWID_ LIMIT " + chunk);
                     PreparedStatement next = c.prepareStatement(select + "WHERE _ROWID_ > ? ORDER BY _ROWID_ LIMIT "
                             + chunk)) {
                    Long after = null;
                    for (int inQuery = chunk; inQuery == chunk; read += inQuery) {
                        inQuery = 0;
                        if (after != null) {
                            next.setLong(1, after);
                        }
                        try (ResultSet rs = (after == null ? first : next).executeQuery()) {
                            while (rs.next()) {
                                inQuery++;
                                after = rs.getLong(1);
                                d.stored(HazardRow.read(rs, 2), rs.getLong(HazardRow.WIDTH + 2), folded);
                            }
                        }
                    }
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + HazardRow.COLUMNS + ", valid_to FROM "
                        + "hazard_version WHERE first_index >= ? AND first_index < ?")) {
                    for (long from = 0; from < folded; from += chunk) {
                        ps.setLong(1, from);
                        ps.setLong(2, Math.min(folded, from + chunk));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                read++;
                                d.stored(HazardRow.read(rs, 1), rs.getLong(HazardRow.WIDTH + 1), folded);
                            }
                        }
                    }
                }
            }
            // every row the table holds must have been read: any other (on PostgreSQL, every version outside what was
            // folded) is counted, and makes the digests differ
            long rows = io.hazardledger.store.internal.Sql.query(c, "SELECT COUNT(*) FROM hazard_version",
                    rs -> rs.getLong(1)).get(0);
            d.count += Math.abs(rows - read);
            return d;
        }

        /** A stored version, valid until the entry {@code validTo}: digested if it is one the entries folded made. */
        private void stored(HazardRow row, long validTo, long folded) {
            Object[] values = row.valuesShared();
            long first = (Long) values[21];
            if (first < 0 || first >= folded) {
                count++;
                return;
            }
            this.row(values);
            end(row.hazardId(), (Long) values[22], validTo);
        }
    }

    /**
     * A {@link Digest} made on a thread of its own, a batch of versions at a time, while the replay folds the next
     * ones: the digest is a sum, so batches digested apart add up to the digest of them all. At most {@link
     * #OUTSTANDING} batches wait at a time (the replay waits for the oldest beyond that), so the versions held for it
     * stay few whatever the threads' speeds. The rows handed to it are not changed afterwards.
     */
    static final class Digesting {
        private static final int OUTSTANDING = 4;
        private final int batch;
        private final java.util.concurrent.ExecutorService thread;
        private final java.util.ArrayDeque<java.util.concurrent.Future<Digest>> waiting = new java.util.ArrayDeque<>();
        private final Digest total = new Digest();
        private Object[][] rows;
        private int rowCount;
        private String[] endIds;
        private long[] endLasts;
        private long[] endTos;
        private int endCount;
        private boolean aborted;

        Digesting(int batch) {
            if (batch < 1) {
                throw new IllegalArgumentException("a batch holds at least one version, not " + batch);
            }
            this.batch = batch;
            this.thread = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "ledger-replay-digest");
                t.setDaemon(true);
                return t;
            });
            fresh();
        }

        private void fresh() {
            rows = new Object[batch][];
            rowCount = 0;
            endIds = new String[batch];
            endLasts = new long[batch];
            endTos = new long[batch];
            endCount = 0;
        }

        /** As {@link Digest#row}. */
        void row(Object[] values) {
            open();
            rows[rowCount++] = values;
            if (rowCount == batch) {
                hand();
            }
        }

        /** As {@link Digest#end}. */
        void end(String hazardId, long lastIndex, long validTo) {
            open();
            endIds[endCount] = hazardId;
            endLasts[endCount] = lastIndex;
            endTos[endCount] = validTo;
            if (++endCount == batch) {
                hand();
            }
        }

        private void open() {
            if (aborted) {
                throw new IllegalStateException("the digest was aborted");
            }
        }

        /** Hands the batch so far to the thread. */
        private void hand() {
            if (rowCount == 0 && endCount == 0) {
                return;
            }
            Object[][] r = rows;
            int nr = rowCount;
            String[] ids = endIds;
            long[] lasts = endLasts;
            long[] tos = endTos;
            int ne = endCount;
            fresh();
            if (waiting.size() >= OUTSTANDING) {
                total.merge(join(waiting.poll()));
            }
            waiting.add(thread.submit(() -> {
                Digest d = new Digest();
                for (int i = 0; i < nr; i++) {
                    d.row(r[i]);
                }
                for (int i = 0; i < ne; i++) {
                    d.end(ids[i], lasts[i], tos[i]);
                }
                return d;
            }));
        }

        /** A batch's digest; what the thread threw is thrown as it was (an unchecked exception or an error). */
        private static Digest join(java.util.concurrent.Future<Digest> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while digesting the register's versions", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("could not digest the register's versions: " + e.getCause(),
                        e.getCause());
            }
        }

        /** The digest of every version and end handed so far; the thread ends. */
        Digest finish() {
            open();
            try {
                hand();
                while (!waiting.isEmpty()) {
                    total.merge(join(waiting.poll()));
                }
                return total;
            } finally {
                thread.shutdown();
            }
        }

        /** A replay that does not finish, or that no longer needs the digest: the thread ends, its work dropped. */
        void abort() {
            aborted = true;
            waiting.forEach(f -> f.cancel(true));
            waiting.clear();
            thread.shutdownNow();
        }
    }

    /** Folds the entries below {@code size} that are not folded yet. */
    public synchronized void catchUp(long size) {
        try {
            if (folded() >= size) {
                return; // a plain read: only a catch-up that has work to do takes the head row's lock
            }
            while (step(size)) {
                // one batch per transaction, so that writers and other readers wait at most one batch
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not bring the hazard versions up to entry " + size + ": "
                    + e.getMessage(), e);
        }
    }

    /** How far the versions reach: the first entry not folded in yet. */
    private long folded() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT next_index FROM hazard_version_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the hazard_version_head row is missing: a replay writes it again");
            }
            return rs.getLong(1);
        }
    }

    /** One batch; false when the versions already reach {@code size}. */
    private boolean step(long size) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            java.sql.Savepoint afterLock = null;   // the versions' head locked: never a plain rollback (HeadLocks)
            try {
                long next;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT next_index FROM hazard_version_head WHERE id = 1 FOR UPDATE");
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the hazard_version_head row is missing: a replay writes it again");
                    }
                    next = rs.getLong(1);
                }
                if (next >= size) {
                    HeadLocks.release(c);
                    return false;
                }
                afterLock = c.setSavepoint();
                long end = Math.min(size, next + BATCH);
                List<RecordedEvent> events = new ArrayList<>();
                long read = entries.read(c, next, end, ev -> {
                    if (ev.payload() instanceof HazardReported || HazardRow.changes(ev.payload())) {
                        events.add(ev);
                    }
                });
                if (read != end - next) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT size FROM ledger_head WHERE id = 1");
                         ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getLong(1) < size) {   // a position made by hand, past the head
                            throw new io.hazardledger.InvalidInputException("at", "a position of " + size
                                    + " entries is beyond the ledger's " + rs.getLong(1) + " (Ledger.position gives "
                                    + "one it has)");
                        }
                    }
                    throw new SQLException("read " + read + " entries from " + next + " where " + (end - next)
                            + " were committed");
                }
                fold(c, events, zone);
                try (PreparedStatement ps = c.prepareStatement("UPDATE hazard_version_head SET next_index = ?")) {
                    ps.setLong(1, end);
                    ps.executeUpdate();
                }
                c.commit();
                afterLock = null;
                return end < size;
            } catch (SQLException | RuntimeException | Error e) {
                HeadLocks.undoAfterFailure(c, afterLock, e);
                throw e;
            }
        }
    }

    /** Writes the versions the events make: new ones in one batch, the end of the stored ones they replace in another. */
    private static void fold(Connection c, List<RecordedEvent> events, java.time.ZoneId zone) throws SQLException {
        Map<String, HazardRow> current = new HashMap<>();      // each touched hazard's latest state
        Map<String, Long> replacedBy = new HashMap<>();        // hazard -> entry that ended its stored current version
        Map<HazardRow, Long> pending = new LinkedHashMap<>();  // versions made in this batch -> valid_to
        for (RecordedEvent ev : events) {
            HazardRow made = HazardRow.reported(ev);
            if (made == null) {
                HazardRow before = current.containsKey(ev.aggregateId()) ? current.get(ev.aggregateId())
                        : stored(c, ev.aggregateId());
                if (before == null) {
                    continue; // an event of a hazard whose report is not in the ledger (imported data): no row
                }
                if (pending.containsKey(before)) {
                    pending.put(before, ev.index());
                } else {
                    replacedBy.put(before.hazardId(), ev.index());
                }
                made = before.after(ev, zone);
            }
            current.put(made.hazardId(), made);
            pending.put(made, CURRENT);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE hazard_version SET valid_to = ? WHERE hazard_id = ? "
                + "AND valid_to = " + CURRENT)) {
            for (Map.Entry<String, Long> r : replacedBy.entrySet()) {
                ps.setLong(1, r.getValue());
                ps.setString(2, r.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hazard_version (" + HazardRow.COLUMNS
                + ", valid_to) VALUES (" + String.join(", ", java.util.Collections.nCopies(HazardRow.WIDTH + 1, "?"))
                + ")")) {
            for (Map.Entry<HazardRow, Long> p : pending.entrySet()) {
                Object[] values = p.getKey().values();
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                ps.setLong(values.length + 1, p.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A hazard's current version as stored, or null when it has none. */
    private static HazardRow stored(Connection c, String hazardId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HazardRow.COLUMNS + " FROM hazard_version "
                + "WHERE hazard_id = ? AND valid_to = " + CURRENT)) {
            ps.setString(1, hazardId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? HazardRow.read(rs, 1) : null;
            }
        }
    }
}
