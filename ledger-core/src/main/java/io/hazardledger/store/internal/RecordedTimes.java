package io.hazardledger.store.internal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The recorded time of every committed entry, in memory (8 bytes an entry), for questions asked "as of" a time: the
 * ledger as it stood at {@code t} is its first {@link #sizeAsOf} entries, those before the first entry recorded
 * after {@code t}. (Recorded times are taken before the chain head is locked, so two writers' entries can be a few
 * milliseconds out of order; the first later one ends the prefix.) The times are read from the events'
 * {@code time_stamp} column and compared in Java: as strings they do not sort (their fractions vary in length).
 * Each full block of {@value #BLOCK} entries' times is then kept in {@code recorded_time_block} (V16: the nanoseconds
 * as big-endian longs), so that a process that starts on a large ledger reads a few megabytes instead of joining
 * every entry with its event; an entry below the head never changes, and nor does its block.
 */
public final class RecordedTimes {

    /** Entries per stored block: 128 KB of times. */
    public static final int BLOCK = 16_384;

    private final DataSource dataSource;
    private final int block;
    private long[] nanos = new long[1024];
    private long read;
    /** Blocks known to be in {@code recorded_time_block} (all of those below). */
    private long storedBlocks;

    public RecordedTimes(DataSource dataSource) {
        this(dataSource, BLOCK);
    }

    /** With blocks of another size: for tests, on a store of their own (a store's blocks are all of one size). */
    public RecordedTimes(DataSource dataSource, int block) {
        this.dataSource = dataSource;
        this.block = block;
    }

    /**
     * Forgets what was read: the next question reads the kept blocks and the entries again (after a replay, which
     * corrects blocks that differ from the entries' times: {@link RecordedTimeBlocks}).
     */
    public synchronized void forget() {
        read = 0;
        storedBlocks = 0;
    }

    /** The number of entries before the first one recorded after {@code t}, among the first {@code head}. */
    public synchronized long sizeAsOf(Instant t, long head) {
        catchUp(head);
        long limit = nanosSinceEpoch(t);
        long n = Math.min(head, read);
        for (int i = 0; i < n; i++) {
            if (nanos[i] > limit) {
                return i;
            }
        }
        return n;
    }

    /** When entry {@code index} (below {@code head}, the ledger's size) was recorded. */
    public synchronized Instant recordedAt(long index, long head) {
        if (index < 0 || index >= head) {
            throw new IndexOutOfBoundsException("entry " + index + " of a ledger of " + head);
        }
        catchUp(head);
        long n = nanos[(int) index];
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    private void catchUp(long head) {
        if (read >= head) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            loadBlocks(c, head);
            readEntries(c, head);
            storeBlocks(c);
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the entries' recorded times: " + e.getMessage(), e);
        }
    }

    /** The stored blocks from the first one not read yet, while they follow each other and lie below {@code head}. */
    private void loadBlocks(Connection c, long head) throws SQLException {
        if (read % block != 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT block, nanos FROM recorded_time_block "
                + "WHERE block >= ? AND block < ? ORDER BY block")) {
            ps.setLong(1, read / block);
            ps.setLong(2, head / block);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && rs.getLong(1) == read / block) {
                    java.nio.LongBuffer times = java.nio.ByteBuffer.wrap(rs.getBytes(2)).asLongBuffer();
                    if (times.remaining() != block) {
                        throw new LedgerStorageException("recorded_time_block " + rs.getLong(1) + " holds "
                                + times.remaining() + " times, not " + block, null);
                    }
                    grow(read + block);
                    times.get(nanos, (int) read, block);
                    read += block;
                    storedBlocks = Math.max(storedBlocks, read / block);
                }
            }
        }
    }

    /** Keeps the blocks that the entries read have filled; another process may have kept one already (the same). */
    private void storeBlocks(Connection c) throws SQLException {
        for (long k = storedBlocks; k < read / block; k++) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(block * Long.BYTES);
            bytes.asLongBuffer().put(nanos, (int) (k * block), block);
            try {
                Sql.update(c, "INSERT INTO recorded_time_block (block, nanos) VALUES (?, ?)", k, bytes.array());
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
            }
            storedBlocks = k + 1;
        }
    }

    private void grow(long size) {
        if (size > nanos.length) {
            nanos = Arrays.copyOf(nanos, (int) Math.max(size, nanos.length * 2L));
        }
    }

    /**
     * The entries' times from the first not read yet to {@code head}, a block's worth a query: a larger result H2 copies
     * into a temporary one on disk before its first row.
     */
    private void readEntries(Connection c, long head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT l.ledger_index, e.time_stamp FROM ledger_entry l "
                     + "JOIN ledger_domain_event e ON e.event_identifier = l.event_id "
                     + "WHERE l.ledger_index >= ? AND l.ledger_index < ? ORDER BY l.ledger_index")) {
            while (read < head) {
                long to = Math.min(head, read + block);
                ps.setLong(1, read);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(1) != read) {
                            throw new LedgerStorageException("entry " + read + " or its event is missing; verify names "
                                    + "the break", null);
                        }
                        grow(read + 1);
                        nanos[(int) read] = nanosSinceEpoch(StoredInstants.parse(rs.getString(2)));
                        read++;
                    }
                }
                if (read < to) {
                    throw new LedgerStorageException("entry " + read + " or its event is missing; verify names the break",
                            null);
                }
            }
        }
    }

    /** Nanoseconds since the epoch, exact between 1677 and 2262 and clamped outside. */
    public static long nanosSinceEpoch(Instant t) {
        if (t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (t.getEpochSecond() <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
