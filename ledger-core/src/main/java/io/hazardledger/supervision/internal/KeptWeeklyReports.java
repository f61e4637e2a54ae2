package io.hazardledger.supervision.internal;

import io.hazardledger.integrity.Hashes;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStorageException;
import io.hazardledger.store.internal.Sql;
import io.hazardledger.supervision.WeeklyReport;
import io.hazardledger.supervision.WeeklyReportDocuments;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The {@code weekly_report} table (V16): the JSON document of each ended week's report as the schedule made it, with its
 * SHA-256, written once. A second keep of the same week (another node, a retry) changes nothing.
 */
public final class KeptWeeklyReports {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeptWeeklyReports.class);

    private final DataSource dataSource;

    public KeptWeeklyReports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps the report's JSON document unless its week has one; true when this call kept it. */
    boolean keep(WeeklyReport r, Instant madeAt) {
        byte[] json = WeeklyReportDocuments.json(r);
        try (Connection c = dataSource.getConnection()) {
            if (!Sql.query(c, "SELECT 1 FROM weekly_report WHERE week = ?", rs -> 1, r.week()).isEmpty()) {
                return false;
            }
            Sql.update(c, "INSERT INTO weekly_report (week, at_size, checkpoint_size, sha256, document, made_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", r.week(), r.atSize(), r.checkpointSize(), Hashes.sha256Hex(json),
                    json, madeAt.toString());
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;   // another node kept it between the look and the insert
            }
            throw new LedgerStorageException("could not keep the weekly report of " + r.week() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The kept report of the week ending on {@code week}, if its document still hashes to its SHA-256 (a row that does
     * not is reported in the log and treated as absent: the report is then computed again from the ledger).
     */
    Optional<WeeklyReport> find(LocalDate week) {
        record Row(String sha256, byte[] document) {
        }
        List<Row> rows;
        try (Connection c = dataSource.getConnection()) {
            rows = Sql.query(c, "SELECT sha256, document FROM weekly_report WHERE week = ?",
                    rs -> new Row(rs.getString(1), rs.getBytes(2)), week);
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the weekly report of " + week + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row row = rows.get(0);
        String computed = Hashes.sha256Hex(row.document());
        if (!computed.equals(row.sha256())) {
            LOG.warn("the kept weekly report of {} does not hash to its SHA-256 (kept {}, computed {}): computing it "
                    + "again from the ledger", week, row.sha256(), computed);
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerSerializer.objectMapper().readValue(row.document(), WeeklyReport.class));
        } catch (IOException e) {
            throw new LedgerStorageException("the kept weekly report of " + week + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** The latest week with a kept report. */
    Optional<LocalDate> latest() {
        try (Connection c = dataSource.getConnection()) {
            return Sql.query(c, "SELECT MAX(week) FROM weekly_report", rs -> rs.getObject(1, LocalDate.class)).stream()
                    .filter(java.util.Objects::nonNull).findFirst();
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the kept weekly reports: " + e.getMessage(), e);
        }
    }
}
