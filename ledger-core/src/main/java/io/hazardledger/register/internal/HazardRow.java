package io.hazardledger.register.internal;

import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.internal.InstantText;
import io.hazardledger.projection.RecordedEvent;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One hazard's register row, and how each hazard event changes it: the one fold behind both the current register
 * ({@code hazard_view}) and its history ({@code hazard_version}). Values are in {@link #COLUMNS} order.
 */
final class HazardRow {

    static final String COLUMNS = "hazard_id, enterprise_id, level, source, status, criterion_ref, category, "
            + "location, description, found_at, reported_by, reported_at, owner_id, due_date, funding, submissions, "
            + "last_submitted_by, last_verifier_id, extensions, reopenings, closed_at, first_index, last_index, "
            + "last_entry_hash, submitted_on";

    /** How many columns a row has. */
    static final int WIDTH = 25;

    /**
     * Whether a row is overdue on a day (a SQL condition, its one parameter the day; docs/FORMAT.md 8.1): its due date
     * ended before the day began, and it is rectification-planned (nothing submitted, or the latest submission failed
     * verification) or it awaits the verification of a submission recorded after that end ({@code submitted_on}, the
     * submission's day in the park, after the due date). A submission made before the end answers the due date unless
     * its verification fails; passed verification and close-out answer it for good.
     */
    static final String OVERDUE = "(due_date < ? AND (status = 'RECTIFICATION_PLANNED' "
            + "OR (status = 'RECTIFICATION_SUBMITTED' AND submitted_on > due_date)))";

    private final Object[] v;

    private HazardRow(Object[] values) {
        this.v = values;
    }

    /** The row a report makes; null for any other event. */
    static HazardRow reported(RecordedEvent ev) {
        if (!(ev.payload() instanceof HazardReported e)) {
            return null;
        }
        return new HazardRow(new Object[] {e.hazardId(), e.enterpriseId(), e.level().name(), e.source().name(),
                HazardStatus.REPORTED.name(), e.criterionRef(), e.category(), e.location(), e.description(),
                InstantText.of(e.foundAt()), e.reportedBy(), InstantText.of(ev.recordedAt()), null, null, null, 0, null,
                null, 0, 0, null, ev.index(), ev.index(), ev.entryHash(), null});
    }

    /** Whether the event changes a hazard's row (every hazard event but the report, which makes it). */
    static boolean changes(Object payload) {
        return payload instanceof RectificationPlanned || payload instanceof RectificationSubmitted
                || payload instanceof RectificationVerified || payload instanceof HazardClosedOut
                || payload instanceof HazardReopened || payload instanceof DeadlineExtended
                || payload instanceof io.hazardledger.hazard.RectificationOverdue
                || payload instanceof io.hazardledger.hazard.HazardEscalated;
    }

    /** The row after {@code ev}, one of the events {@link #changes} accepts; {@code zone} the park's. */
    HazardRow after(RecordedEvent ev, java.time.ZoneId zone) {
        Object[] n = v.clone();
        Object p = ev.payload();
        if (p instanceof RectificationPlanned e) {
            n[4] = HazardStatus.RECTIFICATION_PLANNED.name();
            n[12] = e.ownerId();
            n[13] = e.dueDate();
            n[14] = e.funding();
        } else if (p instanceof RectificationSubmitted e) {
            n[4] = HazardStatus.RECTIFICATION_SUBMITTED.name();
            n[15] = e.submissionNo();
            n[16] = e.submittedBy();
            n[24] = java.time.LocalDate.ofInstant(ev.recordedAt(), zone);
        } else if (p instanceof RectificationVerified e) {
            n[4] = (e.passed() ? HazardStatus.VERIFIED : HazardStatus.RECTIFICATION_PLANNED).name();
            n[17] = e.verifierId();
        } else if (p instanceof HazardClosedOut) {
            n[4] = HazardStatus.CLOSED.name();
            n[20] = InstantText.of(ev.recordedAt());
        } else if (p instanceof HazardReopened) {
            n[4] = HazardStatus.REPORTED.name();
            n[20] = null;
            n[12] = null;
            n[13] = null;
            n[14] = null;
            n[19] = (Integer) v[19] + 1;
            n[24] = null;
        } else if (p instanceof DeadlineExtended e) {
            n[13] = e.newDueDate();
            n[18] = (Integer) v[18] + 1;
        } else if (p instanceof io.hazardledger.hazard.RectificationOverdue
                || p instanceof io.hazardledger.hazard.HazardEscalated) {
            return withLatest(n, ev);   // only the row's latest entry changes
        } else {
            throw new IllegalArgumentException("not an event that changes a hazard's row: " + p);
        }
        return withLatest(n, ev);
    }

    private static HazardRow withLatest(Object[] n, RecordedEvent ev) {
        n[22] = ev.index();
        n[23] = ev.entryHash();
        return new HazardRow(n);
    }

    String hazardId() {
        return (String) v[0];
    }

    /** Whether the two rows hold the same values (as {@link #read} reads them back). */
    boolean sameAs(HazardRow other) {
        return java.util.Arrays.equals(v, other.v);
    }

    /** The values in {@link #COLUMNS} order, as statement parameters. */
    Object[] values() {
        return v.clone();
    }

    /** The values themselves, for a reader that does not change them (a row never changes once made). */
    Object[] valuesShared() {
        return v;
    }

    /** A row read from {@code SELECT COLUMNS ...}, its first column at {@code from}. */
    static HazardRow read(ResultSet rs, int from) throws SQLException {
        Object[] n = new Object[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            n[i] = switch (i) {
                case 13, 24 -> rs.getObject(from + i, java.time.LocalDate.class);
                case 15, 18, 19 -> rs.getInt(from + i);
                case 21, 22 -> rs.getLong(from + i);
                default -> rs.getString(from + i);
            };
        }
        return new HazardRow(n);
    }

}
