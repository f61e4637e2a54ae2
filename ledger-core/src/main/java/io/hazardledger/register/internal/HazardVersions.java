package io.hazardledger.register.internal;

import io.hazardledger.hazard.HazardReported;
import io.hazardledger.projection.RecordedEvent;
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

    /** Reads committed entries {@code [from, to)} with their events, in order. */
    @FunctionalInterface
    public interface Entries {
        long read(long from, long to, Consumer<RecordedEvent> consumer);
    }

    private final DataSource dataSource;
    private final Entries entries;

    public HazardVersions(DataSource dataSource, Entries entries) {
        this.dataSource = dataSource;
        this.entries = entries;
    }

    /** Forgets every version, in the transaction of a replay: they are folded again from the first entry. */
    static void reset(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM hazard_version")) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE hazard_version_head SET next_index = 0")) {
            ps.executeUpdate();
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
                throw new SQLException("the hazard_version_head row is missing");
            }
            return rs.getLong(1);
        }
    }

    /** One batch; false when the versions already reach {@code size}. */
    private boolean step(long size) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long next;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT next_index FROM hazard_version_head WHERE id = 1 FOR UPDATE");
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the hazard_version_head row is missing");
                    }
                    next = rs.getLong(1);
                }
                if (next >= size) {
                    c.rollback();
                    return false;
                }
                long end = Math.min(size, next + BATCH);
                List<RecordedEvent> events = new ArrayList<>();
                long read = entries.read(next, end, ev -> {
                    if (ev.payload() instanceof HazardReported || HazardRow.changes(ev.payload())) {
                        events.add(ev);
                    }
                });
                if (read != end - next) {
                    throw new SQLException("read " + read + " entries from " + next + " where " + (end - next)
                            + " were committed");
                }
                fold(c, events);
                try (PreparedStatement ps = c.prepareStatement("UPDATE hazard_version_head SET next_index = ?")) {
                    ps.setLong(1, end);
                    ps.executeUpdate();
                }
                c.commit();
                return end < size;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Writes the versions the events make: new ones in one batch, the end of the stored ones they replace in another. */
    private static void fold(Connection c, List<RecordedEvent> events) throws SQLException {
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
                made = before.after(ev);
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
                + ", valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
