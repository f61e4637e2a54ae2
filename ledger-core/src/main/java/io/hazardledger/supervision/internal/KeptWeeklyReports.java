package io.hazardledger.supervision.internal;

import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.InvalidSignatureException;
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
 * SHA-256 and (V18) a note signed with the log's checkpoint keys over the week, the sizes and that SHA-256, written
 * once. A second keep of the same week (another node, a retry) changes nothing. A kept report is served only when its
 * note verifies under one of the log's keys and names its row and document: replacing a document and its SHA-256
 * together in the table needs the log's key.
 */
public final class KeptWeeklyReports {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeptWeeklyReports.class);

    private final DataSource dataSource;
    private final List<NoteSigner> signers;
    private final String origin;

    /**
     * @param signers the log's checkpoint keys (the first signs, any of them verifies); none: no report is kept or
     *                served as kept
     * @param origin  the log's origin, the name of its keys
     */
    public KeptWeeklyReports(DataSource dataSource, List<NoteSigner> signers, String origin) {
        this.dataSource = dataSource;
        this.signers = List.copyOf(signers);
        this.origin = origin;
    }

    /** The signed text of a kept report (FORMAT section 17): the origin, the week, the sizes, the document's SHA-256. */
    private String signedText(LocalDate week, long atSize, long checkpointSize, String sha256) {
        return origin + "\nweekly-report " + week + "\n" + atSize + "\n" + checkpointSize + "\n" + sha256 + "\n";
    }

    /** Keeps the report's JSON document unless its week has one; true when this call kept it. */
    boolean keep(WeeklyReport r, Instant madeAt) {
        byte[] json = WeeklyReportDocuments.json(r);
        try (Connection c = dataSource.getConnection()) {
            if (!Sql.query(c, "SELECT 1 FROM weekly_report WHERE week = ?", rs -> 1, r.week()).isEmpty()) {
                return false;
            }
            if (signers.isEmpty()) {
                throw new IllegalStateException("a weekly report is kept signed with the log's checkpoint keys; none");
            }
            String sha256 = Hashes.sha256Hex(json);
            String note = signers.get(0).sign(signedText(r.week(), r.atSize(), r.checkpointSize(), sha256));
            Sql.update(c, "INSERT INTO weekly_report (week, at_size, checkpoint_size, sha256, document, made_at, note) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", r.week(), r.atSize(), r.checkpointSize(), sha256,
                    json, madeAt.toString(), note);
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;   // another node kept it between the look and the insert
            }
            throw new LedgerStorageException("could not keep the weekly report of " + r.week() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The kept report of the week ending on {@code week}, if its document still hashes to its SHA-256 and its note
     * verifies under one of the log's keys over this week, its sizes and that SHA-256 (a row that does not is reported
     * in the log and treated as absent: the report is then computed again from the ledger; so is a row kept before
     * V18, which has no note).
     */
    Optional<WeeklyReport> find(LocalDate week) {
        record Row(long atSize, long checkpointSize, String sha256, byte[] document, String note) {
        }
        List<Row> rows;
        try (Connection c = dataSource.getConnection()) {
            rows = Sql.query(c, "SELECT at_size, checkpoint_size, sha256, document, note FROM weekly_report "
                    + "WHERE week = ?", rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4),
                    rs.getString(5)), week);
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
        if (!signed(row.note(), signedText(week, row.atSize(), row.checkpointSize(), computed))) {
            LOG.warn("the kept weekly report of {} is not signed by this log's keys ({}): computing it again from the "
                    + "ledger", week, row.note() == null ? "kept before notes were" : "its note does not verify");
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerSerializer.objectMapper().readValue(row.document(), WeeklyReport.class));
        } catch (IOException e) {
            throw new LedgerStorageException("the kept weekly report of " + week + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** Whether the note verifies under one of the log's keys and its signed text is {@code text}. */
    private boolean signed(String note, String text) {
        if (note == null) {
            return false;
        }
        for (NoteSigner signer : signers) {
            try {
                if (NoteVerifier.parse(signer.verifierKey()).verify(note).equals(text)) {
                    return true;
                }
            } catch (InvalidSignatureException e) {
                // not this key's: the next one
            }
        }
        return false;
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
