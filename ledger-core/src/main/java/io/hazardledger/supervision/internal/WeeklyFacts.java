package io.hazardledger.supervision.internal;

import io.hazardledger.directory.EnterpriseRegistered;
import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.internal.InstantText;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.internal.LedgerStorageException;
import io.hazardledger.store.internal.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * The {@code weekly_fact} table (V16): of each entry that a weekly report counts, the one fact it adds, keyed by its
 * index. Written in the entry's own transaction (so the facts below a committed size are all there), rebuilt by replay.
 */
public final class WeeklyFacts implements Projection {

    /** What an entry did, for a weekly report. */
    public enum Kind {
        /** An enterprise registered: {@code subjectId}, {@code name}. */
        ENTERPRISE('E'),
        /** A hazard reported: {@code subjectId}, {@code enterpriseId}, {@code level}, {@code source}, {@code foundAt}. */
        REPORTED('R'),
        /** A due date set by a plan or an extension: {@code dueDate}. */
        DUE('D'),
        /** A close-out, at {@code recordedAt}. */
        CLOSED_OUT('C'),
        /** A reopening. */
        REOPENED('O'),
        /** A rectification submitted, at {@code recordedAt}. */
        SUBMITTED('S'),
        /** A verification that passed. */
        PASSED('P'),
        /** A verification that failed. */
        FAILED('F');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no weekly fact of kind " + code);
        }
    }

    /** One row; the fields a kind does not use are null. */
    public record Fact(long index, Kind kind, String subjectId, String enterpriseId, String name, HazardLevel level,
                       HazardSource source, Instant foundAt, LocalDate dueDate, Instant recordedAt) {

        /** The fact an entry adds, or null when a weekly report does not count it. */
        public static Fact of(RecordedEvent ev) {
            Object p = ev.payload();
            long i = ev.index();
            if (p instanceof EnterpriseRegistered e) {
                return new Fact(i, Kind.ENTERPRISE, e.enterpriseId(), null, e.name(), null, null, null, null, null);
            } else if (p instanceof HazardReported e) {
                return new Fact(i, Kind.REPORTED, e.hazardId(), e.enterpriseId(), null, e.level(), e.source(),
                        e.foundAt(), null, null);
            } else if (p instanceof RectificationPlanned e) {
                return new Fact(i, Kind.DUE, e.hazardId(), null, null, null, null, null, e.dueDate(), null);
            } else if (p instanceof DeadlineExtended e) {
                return new Fact(i, Kind.DUE, e.hazardId(), null, null, null, null, null, e.newDueDate(), null);
            } else if (p instanceof HazardClosedOut e) {
                return new Fact(i, Kind.CLOSED_OUT, e.hazardId(), null, null, null, null, null, null, ev.recordedAt());
            } else if (p instanceof HazardReopened e) {
                return new Fact(i, Kind.REOPENED, e.hazardId(), null, null, null, null, null, null, null);
            } else if (p instanceof RectificationSubmitted e) {
                return new Fact(i, Kind.SUBMITTED, e.hazardId(), null, null, null, null, null, null,
                        ev.recordedAt());
            } else if (p instanceof RectificationVerified e) {
                return new Fact(i, e.passed() ? Kind.PASSED : Kind.FAILED, e.hazardId(), null, null, null, null, null,
                        null, null);
            }
            return null;
        }
    }

    private static final String COLUMNS = "ledger_index, kind, subject_id, enterprise_id, name, hazard_level, source, "
            + "found_at, due_date, recorded_at";

    /** Ledger indexes a query reads, below H2's default of rows kept in memory (40,000). */
    static final int CHUNK = 20_000;

    private final DataSource dataSource;
    private final int chunk;

    public WeeklyFacts(DataSource dataSource) {
        this(dataSource, CHUNK);
    }

    /** Reading {@code chunk} indexes a query (tests read in small chunks to cross their boundaries). */
    public WeeklyFacts(DataSource dataSource, int chunk) {
        this.dataSource = dataSource;
        this.chunk = chunk;
    }

    @Override
    public String name() {
        return "weekly-facts";
    }

    @Override
    public void reset(Connection c) throws SQLException {
        Sql.update(c, "DELETE FROM weekly_fact");
    }

    @Override
    public void apply(Connection c, RecordedEvent ev) throws SQLException {
        Fact f = Fact.of(ev);
        if (f != null) {
            Sql.update(c, INSERT, row(f));
        }
    }

    private static final String INSERT = "INSERT INTO weekly_fact (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The fact's row, in {@link #COLUMNS} order, as it is written. */
    private static Object[] row(Fact f) {
        return new Object[] {f.index(), String.valueOf(f.kind().code), f.subjectId(), f.enterpriseId(), f.name(),
                f.level() == null ? null : f.level().name(), f.source() == null ? null : f.source().name(),
                text(f.foundAt()), f.dueDate(), text(f.recordedAt())};
    }

    /**
     * A replay compares each entry's fact with the stored row of its index (read in index order, {@code chunk} indexes
     * a query) and writes only the difference: a missing fact inserted, a different one updated, a row no entry makes
     * deleted. A replay over facts that are right changes no row. Rows are compared as stored (text as text), so
     * that a row that could not be read back as a fact, or reads back the same from other text, is written again.
     */
    @Override
    public Rebuild rebuild(Connection c) {
        return new FactsRebuild(c);
    }

    private final class FactsRebuild implements Rebuild {

        private final Connection c;
        /** Stored rows read but not matched yet, in index order ({@link #COLUMNS}, the index first). */
        private final java.util.ArrayDeque<Object[]> stored = new java.util.ArrayDeque<>();
        private final java.util.List<Object[]> inserts = new java.util.ArrayList<>();
        private final java.util.List<Object[]> updates = new java.util.ArrayList<>();
        private final java.util.List<Long> deletes = new java.util.ArrayList<>();
        /** Stored rows below this index have been read. */
        private long read;
        /** Every index below this one holds what the entries make, once the writes kept are done. */
        private long settled;
        private long changed;

        FactsRebuild(Connection c) {
            this.c = c;
        }

        @Override
        public void apply(RecordedEvent ev) throws SQLException {
            Fact f = Fact.of(ev);
            if (f == null) {
                return;
            }
            // the rows written are all below what is read: a later read never sees this rebuild's writes
            while (read <= f.index()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM weekly_fact "
                        + "WHERE ledger_index >= ? AND ledger_index < ? ORDER BY ledger_index")) {
                    ps.setLong(1, read);
                    ps.setLong(2, read + chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            stored.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                    rs.getObject(9, LocalDate.class), rs.getString(10)});
                        }
                    }
                }
                read += chunk;
            }
            while (!stored.isEmpty() && (Long) stored.peek()[0] < f.index()) {
                deletes.add((Long) stored.poll()[0]);
            }
            Object[] row = row(f);
            if (!stored.isEmpty() && (Long) stored.peek()[0] == f.index()) {
                if (!java.util.Arrays.equals(stored.poll(), row)) {
                    updates.add(row);
                }
            } else {
                inserts.add(row);
            }
            settled = f.index() + 1;
            if (inserts.size() + updates.size() + deletes.size() >= 1_000) {
                write();
            }
        }

        @Override
        public long finish() throws SQLException {
            write();
            // beyond the last fact, and before the first entry: rows no entry makes, which no range read reaches
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM weekly_fact WHERE ledger_index >= ? OR ledger_index < 0")) {
                ps.setLong(1, settled);
                changed += ps.executeUpdate();
            }
            return changed;
        }

        private void write() throws SQLException {
            if (!deletes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM weekly_fact WHERE ledger_index = ?")) {
                    for (long index : deletes) {
                        ps.setLong(1, index);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            batch(INSERT, inserts);
            batch("UPDATE weekly_fact SET kind = ?, subject_id = ?, enterprise_id = ?, name = ?, hazard_level = ?, "
                    + "source = ?, found_at = ?, due_date = ?, recorded_at = ? WHERE ledger_index = ?",
                    updates.stream().map(Sql::keyLast).toList());
            changed += deletes.size() + inserts.size() + updates.size();
            deletes.clear();
            inserts.clear();
            updates.clear();
        }

        /** Each of {@code params} as a batch of {@code sql}. */
        private void batch(String sql, java.util.List<Object[]> params) throws SQLException {
            if (params.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] p : params) {
                    Sql.bind(ps, p);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static String text(Instant t) {
        return InstantText.of(t);
    }

    /**
     * Feeds {@code consumer} the facts of the entries below {@code size}, in index order, {@value #CHUNK} indexes a
     * query: a larger result H2 copies into a temporary one on disk before its first row (most of a report's time at a
     * million entries, measured), and PostgreSQL reads into memory whole outside a transaction. The rows below a
     * committed size never change (a replay writes them again the same), so the queries need not share a snapshot.
     */
    public void read(long size, Consumer<Fact> consumer) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM weekly_fact "
                     + "WHERE ledger_index >= ? AND ledger_index < ? ORDER BY ledger_index")) {
            for (long from = 0; from < size; from += chunk) {
                ps.setLong(1, from);
                ps.setLong(2, Math.min(size, from + chunk));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(read(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the weekly report facts: " + e.getMessage(), e);
        }
    }

    private static Fact read(ResultSet rs) throws SQLException {
        Kind kind = Kind.of(rs.getString(2).charAt(0));
        String level = rs.getString(6);
        String source = rs.getString(7);
        String foundAt = rs.getString(8);
        LocalDate due = rs.getObject(9, LocalDate.class);
        String recordedAt = rs.getString(10);
        return new Fact(rs.getLong(1), kind, rs.getString(3), rs.getString(4), rs.getString(5),
                level == null ? null : HazardLevel.valueOf(level), source == null ? null : HazardSource.valueOf(source),
                foundAt == null ? null : Instant.parse(foundAt), due,
                recordedAt == null ? null : Instant.parse(recordedAt));
    }
}
