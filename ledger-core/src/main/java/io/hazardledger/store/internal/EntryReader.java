package io.hazardledger.store.internal;

import io.hazardledger.integrity.EntryContent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored entries in index order with their events, a batch at a time, as two range scans instead of a
 * join: the entries by index, {@value #CHUNK} indexes a query, and the events by {@code global_index}, which follows
 * the ledger's order (the event is inserted under the chain head's lock), as many rows a query. Each entry takes its
 * event from those read ahead; an event that is not among them (a ledger out of order, or one whose event is missing)
 * is looked up by its id, as the join did, once three chunks of events are waiting or none are left.
 * H2 copies a result larger than its in-memory limit to a temporary file before the first row, hence the chunks.
 */
final class EntryReader {

    static final int CHUNK = 1_000;
    private static final String ENTRIES = "SELECT ledger_index, event_id, aggregate_id, entry_hash, entry, event_type "
            + "FROM ledger_entry WHERE ledger_index >= ? AND ledger_index < ? ORDER BY ledger_index";
    private static final String EVENTS = "SELECT e.global_index, " + EventRows.COLUMNS + " FROM ledger_domain_event e "
            + "WHERE e.global_index > ? ORDER BY e.global_index FETCH FIRST ? ROWS ONLY";
    private static final String EVENT = "SELECT " + EventRows.COLUMNS + " FROM ledger_domain_event e "
            + "WHERE e.event_identifier = ?";

    /** A batch: entries in index order, and each one's event (null when none is stored). */
    record Batch(List<EntryRow> entries, List<EntryContent> events) {
        int size() {
            return entries.size();
        }
    }

    private final Connection c;
    private final int chunk;
    private final long below;
    private long from;
    private long lastGlobalIndex = Long.MIN_VALUE;
    private boolean eventsLeft = true;
    private final Map<String, EntryContent> ahead = new HashMap<>();
    /** Events that entries took from those read ahead; each was read once, as the only row with its id so far. */
    private long taken;
    private boolean lookedUp;
    private boolean repeatedId;

    /** Entries from {@code from} (inclusive) to {@code below} (exclusive), {@code chunk} indexes or events a query. */
    EntryReader(Connection c, int chunk, long from, long below) {
        this.c = c;
        this.chunk = chunk;
        this.from = from;
        this.below = below;
    }

    /** The next entries (empty at the end). */
    Batch next() throws SQLException {
        List<EntryRow> entries = new ArrayList<>();
        while (entries.isEmpty() && from < below) {
            long to = Math.min(below, from + chunk);
            entries.addAll(Sql.query(c, ENTRIES, rs -> new EntryRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getBytes(5), rs.getString(6)), from, to));
            from = to;
        }
        List<EntryContent> events = new ArrayList<>(entries.size());
        for (EntryRow entry : entries) {
            events.add(eventOf(entry.eventId()));
        }
        return new Batch(entries, events);
    }

    private EntryContent eventOf(String eventId) throws SQLException {
        EntryContent event = ahead.remove(eventId);
        while (event == null && eventsLeft && ahead.size() < 3 * chunk) {
            readEvents();
            event = ahead.remove(eventId);
        }
        if (event != null) {
            taken++;
            return event;
        }
        lookedUp = true;
        try (PreparedStatement ps = c.prepareStatement(EVENT)) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? EventRows.read(rs, 1) : null;
            }
        }
    }

    /**
     * True when the entries read took {@code storedEvents} events, all from the scan of the events and each once: then
     * every stored event is an entry's (the rows they were read from are that many distinct rows).
     */
    boolean tookEveryEvent(long storedEvents) {
        return !lookedUp && !repeatedId && taken == storedEvents;
    }

    private void readEvents() throws SQLException {
        int read = 0;
        try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
            ps.setLong(1, lastGlobalIndex);
            ps.setInt(2, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lastGlobalIndex = rs.getLong(1);
                    EntryContent event = EventRows.read(rs, 2);
                    repeatedId |= ahead.put(event.eventId(), event) != null;
                    read++;
                }
            }
        }
        eventsLeft = read == chunk;
    }
}
