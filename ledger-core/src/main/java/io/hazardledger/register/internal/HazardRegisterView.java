package io.hazardledger.register.internal;

import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.LedgerPosition;
import io.hazardledger.internal.InstantText;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.register.HazardRegister;
import io.hazardledger.register.HazardSummary;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.register.OpenMajorHazards;
import io.hazardledger.register.RegisterFilter;
import io.hazardledger.store.internal.LedgerStorageException;
import io.hazardledger.store.internal.Sql;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code hazard_view} table (each hazard as it stands) and {@code hazard_version} (every state each hazard has
 * been in, with the entries that made and replaced it): a projection of hazard events, and the register queries on
 * them, now and as of an earlier ledger position.
 */
public final class HazardRegisterView implements Projection, HazardRegister {

    private static final String COLUMNS = HazardRow.COLUMNS;
    /** A hazard's row, its values in {@link HazardRow#COLUMNS} order. */
    static final String INSERT = "INSERT INTO hazard_view (" + COLUMNS + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(HazardRow.WIDTH, "?")) + ")";
    private static final String OVERDUE = HazardRow.OVERDUE;

    private final ConnectionProvider connections;
    private final Clock clock;
    private final HazardVersions versions;
    private final io.hazardledger.whistleblower.WhistleblowerReports outsideFindings;
    private volatile Boolean postgres;

    public HazardRegisterView(ConnectionProvider connections, Clock clock, HazardVersions versions,
                              io.hazardledger.whistleblower.WhistleblowerReports outsideFindings) {
        this.connections = connections;
        this.clock = clock;
        this.versions = versions;
        this.outsideFindings = outsideFindings;
    }

    /**
     * The rows with who reported them and their outside findings (linked by entries below {@code size}; any when
     * null): a hazard of source {@code SELF_INSPECTION} counts as self-reported when its reporter is registered with
     * its enterprise (a person's enterprise never changes), and then the earliest linked tip filed before it is looked up.
     */
    private List<HazardSummary> withOutsideFindings(List<HazardSummary> rows, Long size) {
        List<HazardSummary> claimed = rows.stream().filter(HazardSummary::selfReported).toList();
        if (claimed.isEmpty()) {
            return rows;
        }
        java.util.Map<String, String> enterpriseOf = new java.util.HashMap<>();
        List<Object> reporters = claimed.stream().map(HazardSummary::reportedBy).distinct()
                .map(Object.class::cast).toList();
        Sql.query(connections, "SELECT person_id, enterprise_id FROM person_view WHERE person_id IN ("
                + String.join(", ", java.util.Collections.nCopies(reporters.size(), "?")) + ")",
                rs -> enterpriseOf.put(rs.getString(1), rs.getString(2)), reporters.toArray());
        java.util.Map<String, Long> selfReported = new java.util.HashMap<>();
        for (HazardSummary row : claimed) {
            if (row.enterpriseId().equals(enterpriseOf.get(row.reportedBy()))) {
                selfReported.put(row.hazardId(), row.firstIndex());
            }
        }
        java.util.Map<String, Long> found = outsideFindings.outsideFindingsBefore(selfReported, size);
        return rows.stream().map(r -> !r.selfReported() ? r
                : !selfReported.containsKey(r.hazardId()) ? r.notSelfReported()
                : found.containsKey(r.hazardId()) ? r.withOutsideFinding(found.get(r.hazardId())) : r).toList();
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public void reset(Connection c) throws SQLException {
        Sql.update(c, "DELETE FROM hazard_view");
        HazardVersions.reset(c);
    }

    /** The versions' own head row, which their catch-up locks without the chain head. */
    @Override
    public void lockForReplay(Connection c) throws SQLException {
        HazardVersions.lockFolded(c);
    }

    /** A replay writes each hazard's row once, where it differs from the stored one ({@link RegisterRebuild}). */
    @Override
    public Rebuild rebuild(Connection c) throws SQLException {
        return rebuild(c, RegisterRebuild.ROWS);
    }

    /** As {@link #rebuild(Connection)}, keeping at most {@code rows} rows in memory. */
    Rebuild rebuild(Connection c, int rows) throws SQLException {
        return new RegisterRebuild(c, rows, HazardVersions.lockFolded(c), connections, clock.getZone());
    }

    /** As {@link #rebuild(Connection, int)}, the history's versions digested {@code digested} a batch. */
    Rebuild rebuild(Connection c, int rows, int digested) throws SQLException {
        return new RegisterRebuild(c, rows, HazardVersions.lockFolded(c), connections, clock.getZone(), digested);
    }

    /**
     * The current row of each hazard, changed by one SQL statement per event (a read of the row first cost a tenth
     * of the write throughput). {@link HazardRow} folds the same changes in Java for the history; AsOfRebuildProperties
     * holds the two to the same answers.
     */
    @Override
    public void apply(Connection c, RecordedEvent ev) throws SQLException {
        Object p = ev.payload();
        HazardRow reported = HazardRow.reported(ev);
        if (reported != null) {
            Sql.update(c, INSERT, reported.values());
        } else if (p instanceof RectificationPlanned e) {
            touch(c, ev, "status = ?, owner_id = ?, due_date = ?, funding = ?",
                    HazardStatus.RECTIFICATION_PLANNED, e.ownerId(), e.dueDate(), e.funding());
        } else if (p instanceof RectificationSubmitted e) {
            touch(c, ev, "status = ?, submissions = ?, last_submitted_by = ?, submitted_on = ?",
                    HazardStatus.RECTIFICATION_SUBMITTED, e.submissionNo(), e.submittedBy(),
                    LocalDate.ofInstant(ev.recordedAt(), clock.getZone()));
        } else if (p instanceof RectificationVerified e) {
            touch(c, ev, "status = ?, last_verifier_id = ?",
                    e.passed() ? HazardStatus.VERIFIED : HazardStatus.RECTIFICATION_PLANNED, e.verifierId());
        } else if (p instanceof HazardClosedOut) {
            touch(c, ev, "status = ?, closed_at = ?", HazardStatus.CLOSED, InstantText.of(ev.recordedAt()));
        } else if (p instanceof HazardReopened) {
            touch(c, ev, "status = ?, closed_at = NULL, owner_id = NULL, due_date = NULL, funding = NULL, "
                    + "reopenings = reopenings + 1, submitted_on = NULL", HazardStatus.REPORTED);
        } else if (p instanceof DeadlineExtended e) {
            touch(c, ev, "due_date = ?, extensions = extensions + 1", e.newDueDate());
        } else if (p instanceof io.hazardledger.hazard.RectificationOverdue
                || p instanceof io.hazardledger.hazard.HazardEscalated) {
            // no column of the row changes ("overdue" is judged from the due date, the status and the submission's
            // day), but its latest entry does
            touch(c, ev, "status = status");
        }
    }

    private static void touch(Connection c, RecordedEvent ev, String set, Object... params) throws SQLException {
        Object[] all = new Object[params.length + 3];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = ev.index();
        all[params.length + 1] = ev.entryHash();
        all[params.length + 2] = ev.aggregateId();
        Sql.update(c, "UPDATE hazard_view SET " + set + ", last_index = ?, last_entry_hash = ? WHERE hazard_id = ?", all);
    }

    @Override
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Override
    public List<HazardSummary> find(RegisterFilter f) {
        return find(f, today(), null);
    }

    @Override
    public List<HazardSummary> find(RegisterFilter f, LedgerPosition at) {
        versions.catchUp(at.size());
        return find(f, dayOf(at), at.size());
    }

    /** Now ({@code size} null, from hazard_view) or at a ledger size (from hazard_version). */
    private List<HazardSummary> find(RegisterFilter f, LocalDate today, Long size) {
        // Now, on PostgreSQL, two things (at 10^6 events, BENCHMARKS.md). An equality filter makes its column a
        // constant, and PostgreSQL then counts the ledger-order index as giving the page's order too: it walked that
        // index, filtering row by row, wherever it guessed the matching rows spread evenly (a status whose hazards
        // are all recent: 140-600 ms a page). Written as a range of one value, the filter's column stays in the
        // order, which only the filter's own index gives. And the page's first indexes (each hazard's own: one
        // report an entry) are read from that index (alone, by enterprise and status, on pages a vacuum has marked
        // all-visible), then the page's rows: the rows the offset skips are not read from the table. H2 reads the
        // page from the filter's index as it is; the second form was slower there.
        boolean keysFirst = size == null && postgres();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        params.add(Date.valueOf(today));
        if (size != null) {
            // first_index < size bounds the index range read; the version's own interval picks its state
            where.append(" AND first_index < ? AND last_index < ? AND valid_to >= ?");
            params.add(size);
            params.add(size);
            params.add(size);
        }
        if (f.enterpriseId() != null) {
            // (with a status, the status's range keeps that order: the enterprise's equality is the index's prefix)
            boolean range = keysFirst && f.status() == null;
            where.append(range ? " AND enterprise_id >= ? AND enterprise_id <= ?" : " AND enterprise_id = ?");
            params.add(f.enterpriseId());
            if (range) {
                params.add(f.enterpriseId());
            }
        }
        if (f.level() != null) {
            where.append(" AND level = ?");
            params.add(f.level().name());
        }
        if (f.status() != null) {
            where.append(keysFirst ? " AND status >= ? AND status <= ?" : " AND status = ?");
            params.add(f.status().name());
            if (keysFirst) {
                params.add(f.status().name());
            }
        }
        if (f.source() != null) {
            where.append(" AND source = ?");
            params.add(f.source().name());
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " AND " + OVERDUE : " AND NOT COALESCE(" + OVERDUE + ", FALSE)");
            params.add(Date.valueOf(today));
        }
        params.add(f.limit());
        params.add(f.offset());
        // Ledger order; the columns filtered by equality first (constant in the result, so the same order), which
        // lets the database read the page from the matching index (V8, V10) instead of sorting every matching row.
        String order = (f.enterpriseId() != null ? "enterprise_id, " : "") + (f.status() != null ? "status, " : "")
                + "first_index";
        String select = "SELECT " + COLUMNS + ", CASE WHEN " + OVERDUE + " THEN TRUE ELSE FALSE END FROM ";
        String page = " ORDER BY " + order + " LIMIT ? OFFSET ?";
        return withOutsideFindings(Sql.query(connections, keysFirst
                ? select + "hazard_view WHERE first_index IN (SELECT first_index FROM hazard_view" + where + page
                        + ") ORDER BY first_index"
                : select + (size == null ? "hazard_view" : "hazard_version") + where + page,
                HazardRegisterView::summary, params.toArray()), size);
    }

    /** Whether the store is PostgreSQL (asked of the first connection, once). */
    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection c = connections.getConnection()) {
                known = Sql.isPostgres(c);
            } catch (SQLException e) {
                throw new LedgerStorageException("could not tell the store's database: " + e.getMessage(), e);
            }
            postgres = known;
        }
        return known;
    }

    @Override
    public Optional<HazardSummary> get(String hazardId) {
        return withOutsideFindings(Sql.query(connections, "SELECT " + COLUMNS + ", CASE WHEN " + OVERDUE
                        + " THEN TRUE ELSE FALSE END FROM hazard_view WHERE hazard_id = ?",
                HazardRegisterView::summary, Date.valueOf(today()), hazardId), null).stream().findFirst();
    }

    @Override
    public Optional<HazardSummary> get(String hazardId, LedgerPosition at) {
        versions.catchUp(at.size());
        return withOutsideFindings(Sql.query(connections, "SELECT " + COLUMNS + ", CASE WHEN " + OVERDUE
                        + " THEN TRUE ELSE FALSE END FROM hazard_version WHERE hazard_id = ? AND last_index < ? "
                        + "AND valid_to >= ?",
                HazardRegisterView::summary, Date.valueOf(dayOf(at)), hazardId, at.size(), at.size()), at.size())
                .stream().findFirst();
    }

    /** The day in the park's time zone against which "overdue" is judged at a position. */
    private LocalDate dayOf(LedgerPosition at) {
        return LocalDate.ofInstant(at.moment(), clock.getZone());
    }

    @Override
    public List<OpenMajorHazards> openMajorHazards() {
        return openMajorHazards(today(), null);
    }

    @Override
    public List<OpenMajorHazards> openMajorHazards(LedgerPosition at) {
        versions.catchUp(at.size());
        return openMajorHazards(dayOf(at), at.size());
    }

    private List<OpenMajorHazards> openMajorHazards(LocalDate today, Long size) {
        // One branch per open status, so that each is an equality range of hazard_view_open_major (V9) or
        // hazard_version_open_major (V10) that reads only open major hazards; "status <> 'CLOSED'" or
        // "status IN (...)" read every major hazard instead.
        StringBuilder open = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (HazardStatus status : HazardStatus.values()) {
            if (status != HazardStatus.CLOSED) {
                params.add(Date.valueOf(today));   // the branch's overdue
                open.append(open.isEmpty() ? "" : " UNION ALL ")
                        .append("SELECT enterprise_id, CASE WHEN ").append(OVERDUE)
                        .append(" THEN 1 ELSE 0 END AS overdue FROM ")
                        .append(size == null ? "hazard_view" : "hazard_version")
                        .append(" WHERE level = 'MAJOR' AND status = '").append(status.name()).append('\'');
                if (size != null) {
                    open.append(" AND last_index < ? AND valid_to >= ?");
                    params.add(size);
                    params.add(size);
                }
            }
        }
        if (size == null) {
            return Sql.query(connections, "SELECT e.enterprise_id, e.name, COUNT(o.enterprise_id), "
                            + "COALESCE(SUM(o.overdue), 0) "
                            + "FROM enterprise_view e LEFT JOIN (" + open + ") o ON o.enterprise_id = e.enterprise_id "
                            + "GROUP BY e.enterprise_id, e.name ORDER BY e.enterprise_id",
                    rs -> new OpenMajorHazards(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                    params.toArray());
        }
        // As of a size: the counts in one scan of the versions, then the enterprises registered by then. Joined in
        // SQL, the database pushed the enterprise into the versions' scan and read them once per enterprise.
        java.util.Map<String, long[]> counts = new java.util.HashMap<>();
        Sql.query(connections, "SELECT enterprise_id, COUNT(*), SUM(overdue) FROM ("
                        + open + ") o GROUP BY enterprise_id",
                rs -> counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}), params.toArray());
        return Sql.query(connections, "SELECT enterprise_id, name FROM enterprise_view WHERE first_index < ? "
                        + "ORDER BY enterprise_id",
                rs -> {
                    long[] c = counts.getOrDefault(rs.getString(1), new long[2]);
                    return new OpenMajorHazards(rs.getString(1), rs.getString(2), c[0], c[1]);
                }, size);
    }

    @Override
    public List<HistoryEntry> history(String aggregateId) {
        return Sql.query(connections, "SELECT ledger_index, entry_hash, event_type, entry FROM ledger_entry "
                        + "WHERE aggregate_id = ? ORDER BY ledger_index",
                rs -> new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                        new String(rs.getBytes(4), StandardCharsets.UTF_8)), aggregateId);
    }

    @Override
    public List<HistoryEntry> history(String aggregateId, LedgerPosition at) {
        return Sql.query(connections, "SELECT ledger_index, entry_hash, event_type, entry FROM ledger_entry "
                        + "WHERE aggregate_id = ? AND ledger_index < ? ORDER BY ledger_index",
                rs -> new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                        new String(rs.getBytes(4), StandardCharsets.UTF_8)), aggregateId, at.size());
    }

    private static HazardSummary summary(ResultSet rs) throws SQLException {
        Date due = rs.getDate(14);
        return new HazardSummary(rs.getString(1), rs.getString(2), HazardLevel.valueOf(rs.getString(3)),
                HazardSource.valueOf(rs.getString(4)), HazardStatus.valueOf(rs.getString(5)),
                rs.getBoolean(HazardRow.WIDTH + 1),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), due == null ? null : due.toLocalDate(),
                rs.getString(15), rs.getInt(16), rs.getString(17), rs.getString(18), rs.getInt(19), rs.getInt(20),
                rs.getString(21), rs.getLong(22), rs.getLong(23), rs.getString(24),
                HazardSource.valueOf(rs.getString(4)) == HazardSource.SELF_INSPECTION, null,
                HazardSource.valueOf(rs.getString(4)) == HazardSource.SELF_INSPECTION);
    }
}
