package io.hazardledger.supervision.internal;

import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.store.internal.ForcedCommits;
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
    private final List<NoteVerifier> verifiers;
    private final String origin;
    private final ForcedCommits forced;

    /**
     * @param signers the log's checkpoint keys (each signs a kept report's note, any of them verifies it); none: no
     *                report is kept or served as kept
     * @param origin  the log's origin, the name of its keys
     * @param forced  forces the file after a report is kept, before it is served (an embedded H2 file), or null
     */
    public KeptWeeklyReports(DataSource dataSource, List<NoteSigner> signers, String origin, ForcedCommits forced) {
        this.dataSource = dataSource;
        this.forced = forced;
        this.signers = List.copyOf(signers);
        this.verifiers = this.signers.stream().map(NoteSigner::verifier).toList();
        this.origin = origin;
    }

    /** The signed text of a kept report (FORMAT section 17): the origin, the week, the sizes, the document's SHA-256. */
    private String signedText(LocalDate week, long atSize, long checkpointSize, String sha256) {
        return origin + "\nweekly-report " + week + "\n" + atSize + "\n" + checkpointSize + "\n" + sha256 + "\n";
    }

    /** A stored row. */
    private record Row(LocalDate week, long atSize, long checkpointSize, String sha256, byte[] document, String note) {
    }

    private static final String SELECT = "SELECT week, at_size, checkpoint_size, sha256, document, note FROM weekly_report";

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBytes(5),
                rs.getString(6));
    }

    /** The note of a report: its signed text with a signature line of each of the log's keys. */
    private String note(LocalDate week, long atSize, long checkpointSize, String sha256) {
        String text = signedText(week, atSize, checkpointSize, sha256);
        StringBuilder note = new StringBuilder(text).append('\n');
        for (NoteSigner signer : signers) {
            note.append(signer.signatureLine(text)).append('\n');
        }
        return note.toString();
    }

    /**
     * Keeps the report's JSON document unless its week has one; true when this call kept it. A week kept without a
     * note the log's keys verify (before V18, or under a key no longer configured) whose document is this very
     * report is signed now; one whose document differs is left as it is, and logged (it is not served).
     */
    boolean keep(WeeklyReport r, Instant madeAt) {
        if (signers.isEmpty()) {
            throw new IllegalStateException("a weekly report is kept signed with the log's checkpoint keys; none");
        }
        byte[] json = WeeklyReportDocuments.json(r);
        String sha256 = Hashes.sha256Hex(json);
        String note = note(r.week(), r.atSize(), r.checkpointSize(), sha256);
        try (Connection c = dataSource.getConnection()) {
            List<Row> rows = Sql.query(c, SELECT + " WHERE week = ?", KeptWeeklyReports::row, r.week());
            if (!rows.isEmpty()) {
                Row row = rows.get(0);
                if (valid(row)) {
                    return false;
                }
                if (java.util.Arrays.equals(row.document(), json) && row.atSize() == r.atSize()
                        && row.checkpointSize() == r.checkpointSize()) {
                    Sql.update(c, "UPDATE weekly_report SET sha256 = ?, note = ? WHERE week = ?", sha256, note,
                            r.week());
                    forced(c);
                    LOG.info("signed the kept weekly report of {}: its document is the report the ledger makes",
                            r.week());
                    return true;
                }
                LOG.warn("the kept weekly report of {} is not signed by this log's keys and is not the report the "
                        + "ledger makes: left as it is, and not served", r.week());
                return false;
            }
            Sql.update(c, "INSERT INTO weekly_report (week, at_size, checkpoint_size, sha256, document, made_at, note) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", r.week(), r.atSize(), r.checkpointSize(), sha256,
                    json, madeAt.toString(), note);
            forced(c);
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;   // another node kept it between the look and the insert
            }
            throw new LedgerStorageException("could not keep the weekly report of " + r.week() + ": " + e.getMessage(), e);
        }
    }

    /** Commits a kept report's row and forces it to the disk, before it is served. */
    private void forced(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
        if (forced != null) {
            forced.afterCommit(c);
        }
    }

    /**
     * The kept report of the week ending on {@code week}, if its document still hashes to its SHA-256 and its note
     * verifies under one of the log's keys over this week, its sizes and that SHA-256 (a row that does not is reported
     * in the log and treated as absent: the report is then computed again from the ledger; so is a row kept before
     * V18, which has no note, until the schedule signs it).
     */
    Optional<WeeklyReport> find(LocalDate week) {
        Optional<Row> kept = keptRow(week);
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        Row row = kept.get();
        if (!valid(row)) {
            if (row.note() == null) {
                LOG.info("the kept weekly report of {} was kept before reports were signed: computing it again from "
                        + "the ledger", week);
            } else {
                LOG.warn("the kept weekly report of {} does not hash to its SHA-256 or is not signed by this log's "
                        + "keys: computing it again from the ledger", week);
            }
            return Optional.empty();
        }
        return Optional.of(document(row));
    }

    /** The row's document, as the report it is. */
    private static WeeklyReport document(Row row) {
        try {
            return LedgerSerializer.objectMapper().readValue(row.document(), WeeklyReport.class);
        } catch (IOException e) {
            throw new LedgerStorageException("the kept weekly report of " + row.week() + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** The size of the kept report of the week ending on {@code week}, when it is served (as {@link #find}). */
    Optional<Long> atSize(LocalDate week) {
        return keptRow(week).filter(this::valid).map(Row::atSize);
    }

    /**
     * Where the kept report of the week ending on {@code week} began its own entries ({@code fromSize}), when it is
     * served and says so (format /4 and later).
     */
    Optional<Long> fromSize(LocalDate week) {
        return keptRow(week).filter(this::valid).map(row -> document(row).fromSize());
    }

    /** The signed note of the kept report of the week ending on {@code week}, when it is served (as {@link #find}). */
    Optional<String> note(LocalDate week) {
        return keptRow(week).filter(this::valid).map(Row::note);
    }

    /** The row kept for the week ending on {@code week}, valid or not. */
    private Optional<Row> keptRow(LocalDate week) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.query(c, SELECT + " WHERE week = ?", KeptWeeklyReports::row, week).stream().findFirst();
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the weekly report of " + week + ": " + e.getMessage(), e);
        }
    }

    /** Whether the row's document hashes to its SHA-256 and its note verifies, under one of the log's keys, over it. */
    private boolean valid(Row row) {
        String computed = Hashes.sha256Hex(row.document());
        if (!computed.equals(row.sha256()) || row.note() == null) {
            return false;
        }
        return NoteVerifier.verifyWithAny(verifiers, row.note())
                .filter(signedText(row.week(), row.atSize(), row.checkpointSize(), computed)::equals).isPresent();
    }

    /**
     * The weeks whose kept row fails its check: a signed row whose document does not hash to its SHA-256, or whose
     * note no key of the log signs (changed outside the ledger, or signed by a key no longer configured). A row kept
     * before V18, with no note yet, is not among them (the schedule signs it). Empty for a ledger without the log's
     * keys, which can tell no row's signature.
     */
    List<LocalDate> failingTheirCheck() {
        if (verifiers.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return Sql.query(c, SELECT + " ORDER BY week", KeptWeeklyReports::row).stream()
                    .filter(this::failsItsCheck).map(Row::week).toList();
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the kept weekly reports: " + e.getMessage(), e);
        }
    }

    /** Whether the row kept for the week ending on {@code week} fails its check (as {@link #failingTheirCheck}). */
    boolean failsItsCheck(LocalDate week) {
        return !verifiers.isEmpty() && keptRow(week).filter(this::failsItsCheck).isPresent();
    }

    private boolean failsItsCheck(Row row) {
        return row.note() != null && !valid(row);
    }

    /** The latest week with a kept report that the log's keys signed. */
    Optional<LocalDate> latest() {
        try (Connection c = dataSource.getConnection()) {
            return Sql.query(c, SELECT + " ORDER BY week DESC", KeptWeeklyReports::row).stream()
                    .filter(this::valid).map(Row::week).findFirst();
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the kept weekly reports: " + e.getMessage(), e);
        }
    }
}
