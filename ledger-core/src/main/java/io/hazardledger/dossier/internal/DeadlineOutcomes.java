package io.hazardledger.dossier.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.dossier.HazardDossier.Deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The due dates of one hazard, one after another, and the outcome of each (docs/FORMAT.md 16.3), from its entries
 * walked in ledger order with their recorded times as the clock. The dossier's builder makes its deadlines so, and
 * {@code verify-dossier} makes them again from the entries a dossier proves.
 */
public final class DeadlineOutcomes {

    private final ZoneId zone;
    private final List<Deadline> done = new ArrayList<>();
    private Open current;
    /** When the submission awaiting verification was recorded; null when none awaits. */
    private Instant awaiting;

    /**
     * A zone as a dossier names it (FORMAT.md 16.1): its IANA region id, or its fixed offset ({@code +08:00},
     * {@code +05:45:30}, {@code Z}) for a zone without one.
     */
    public static String idOf(ZoneId zone) {
        return ZoneId.getAvailableZoneIds().contains(zone.getId()) ? zone.getId()
                : zone.normalized().getId();
    }

    /** The zone a dossier names ({@link #idOf}'s forms only), or null when it names none of them. */
    public static ZoneId parse(String id) {
        if (id == null || !(ZoneId.getAvailableZoneIds().contains(id) || id.equals("Z")
                || id.matches("[+-][0-9]{2}:[0-9]{2}(:[0-9]{2})?"))) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** @param zone the park's zone: a due date ends at the start of the next day there */
    public DeadlineOutcomes(ZoneId zone) {
        this.zone = zone;
    }

    /** A due date in force: it ends when its day ends in the park's zone. */
    private static final class Open {
        final LocalDate due;
        final String kind;
        final long setIndex;
        final String setEntryHash;
        final String setBy;
        final LocalDate previous;
        final String reason;
        final Instant end;
        /** a rectification was submitted in time and awaits verification */
        boolean submittedInTime;

        Open(LocalDate due, String kind, long setIndex, String setEntryHash, String setBy, LocalDate previous,
             String reason, ZoneId zone) {
            this.due = due;
            this.kind = kind;
            this.setIndex = setIndex;
            this.setEntryHash = setEntryHash;
            this.setBy = setBy;
            this.previous = previous;
            this.reason = reason;
            this.end = due.plusDays(1).atStartOfDay(zone).toInstant();
        }

        Deadline outcome(String outcome, Long index) {
            return new Deadline(due, kind, setIndex, setEntryHash, setBy, previous, reason, outcome, index);
        }
    }

    /**
     * The hazard's next entry (section 1's JSON, with its {@code index} and hash): time reaches its recorded time,
     * then a plan or an extension sets a due date, a submission, a verification or a reopening acts on it.
     *
     * @throws java.time.format.DateTimeParseException when a time or a date it needs does not parse
     */
    public void accept(long index, String entryHash, JsonNode entry) {
        JsonNode p = entry.path("payload");
        Instant recorded = Instant.parse(entry.path("recordedAt").asText());
        timePasses(recorded);
        switch (entry.path("eventType").asText()) {
            case "RectificationPlanned" -> set(new Open(LocalDate.parse(p.path("dueDate").asText()), "planned", index,
                    entryHash, text(p.path("plannedBy")), null, null, zone));
            case "DeadlineExtended" -> set(new Open(LocalDate.parse(p.path("newDueDate").asText()), "extended", index,
                    entryHash, text(p.path("approverId")), LocalDate.parse(p.path("previousDueDate").asText()),
                    text(p.path("reason")), zone));
            case "RectificationSubmitted" -> submitted(recorded);
            case "RectificationVerified" -> verified(p.path("passed").asBoolean(), index, recorded);
            case "HazardReopened" -> {
                awaiting = null;
                replaced(index);
            }
            default -> {
                // no other entry acts on a due date
            }
        }
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }

    /** Every due date set, in the order set, with its outcome as judged at {@code moment} (after the last entry). */
    public List<Deadline> at(Instant moment) {
        timePasses(moment);
        List<Deadline> out = new ArrayList<>(done);
        if (current != null) {
            out.add(current.outcome("pending", null));
        }
        out.sort(java.util.Comparator.comparingLong(Deadline::setIndex));
        return List.copyOf(out);
    }

    /** Time reaches {@code t}: a due date that ended with nothing submitted in time is missed. */
    private void timePasses(Instant t) {
        if (current != null && !current.submittedInTime && !t.isBefore(current.end)) {
            done.add(current.outcome("missed", null));
            current = null;
        }
    }

    /**
     * A new due date replaces the one in force; a submission made before its end and still awaiting verification
     * counts for it too (an extension granted while the verifier has not yet come).
     */
    private void set(Open next) {
        replaced(next.setIndex);
        next.submittedInTime = awaiting != null && awaiting.isBefore(next.end);
        current = next;
    }

    private void replaced(long index) {
        if (current != null) {
            done.add(current.outcome("replaced", index));
            current = null;
        }
    }

    private void submitted(Instant t) {
        awaiting = t;
        if (current != null && t.isBefore(current.end)) {
            current.submittedInTime = true;
        }
    }

    private void verified(boolean passed, long index, Instant t) {
        awaiting = null;
        if (current == null) {
            return;
        }
        if (passed && current.submittedInTime) {
            done.add(current.outcome("met", index));
            current = null;
        } else if (!passed) {
            current.submittedInTime = false;
            timePasses(t);
        }
    }
}
