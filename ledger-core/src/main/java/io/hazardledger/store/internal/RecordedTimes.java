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
 */
public final class RecordedTimes {

    private final DataSource dataSource;
    private long[] nanos = new long[1024];
    private long read;

    public RecordedTimes(DataSource dataSource) {
        this.dataSource = dataSource;
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
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT l.ledger_index, e.time_stamp FROM ledger_entry l "
                     + "JOIN ledger_domain_event e ON e.event_identifier = l.event_id "
                     + "WHERE l.ledger_index >= ? AND l.ledger_index < ? ORDER BY l.ledger_index")) {
            ps.setFetchSize(1000);
            ps.setLong(1, read);
            ps.setLong(2, head);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) != read) {
                        throw new LedgerStorageException("entry " + read + " or its event is missing; verify names "
                                + "the break", null);
                    }
                    if (read == nanos.length) {
                        nanos = Arrays.copyOf(nanos, nanos.length * 2);
                    }
                    nanos[(int) read] = nanosSinceEpoch(Instant.parse(rs.getString(2)));
                    read++;
                }
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the entries' recorded times: " + e.getMessage(), e);
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
