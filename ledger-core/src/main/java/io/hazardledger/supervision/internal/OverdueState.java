package io.hazardledger.supervision.internal;

import java.time.LocalDate;

/**
 * What a weekly report folds of a hazard's rectification to tell whether it is overdue (docs/FORMAT.md section 8.1):
 * its due date, its status as far as the rule asks, and the day its latest submission was recorded. The one fold
 * behind both {@link WeeklyReports} (from the entries) and {@link WeeklyTally} (from the facts).
 */
final class OverdueState {

    private enum Stage { NONE, PLANNED, SUBMITTED, ANSWERED }

    private Stage stage = Stage.NONE;
    private LocalDate dueDate;
    /** The day, in the park, on which the latest submission was recorded. */
    private LocalDate submittedOn;

    /**
     * A due date set: a plan's when none is in force (an extension needs one), which makes the rectification
     * planned; otherwise an extension's, which changes no status.
     */
    void due(LocalDate date) {
        if (dueDate == null) {
            stage = Stage.PLANNED;
        }
        dueDate = date;
    }

    void submitted(LocalDate on) {
        stage = Stage.SUBMITTED;
        submittedOn = on;
    }

    /** A verification: passed answers the due date; failed sends the rectification back to its owner. */
    void verified(boolean passed) {
        stage = passed ? Stage.ANSWERED : Stage.PLANNED;
    }

    void reopened() {
        stage = Stage.NONE;
        dueDate = null;
        submittedOn = null;
    }

    /**
     * Whether it is overdue once {@code lastDay} has ended: its due date is that day or earlier, and it is planned, or
     * awaits the verification of a submission recorded after the due date's end (on a later day). A closed-out hazard
     * passed verification before it was closed out: never overdue.
     */
    boolean overdueBy(LocalDate lastDay) {
        return dueDate != null && !dueDate.isAfter(lastDay)
                && (stage == Stage.PLANNED || stage == Stage.SUBMITTED && submittedOn.isAfter(dueDate));
    }
}
