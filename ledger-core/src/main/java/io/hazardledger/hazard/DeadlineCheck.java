package io.hazardledger.hazard;

import java.util.List;

/**
 * What a comparison of the hazards' pending deadlines with the deadline scheduler's rows found ({@code
 * Ledger.compareDeadlines()}, {@code Ledger.restoreDeadlines()}).
 *
 * @param hazardsWaiting the hazards that wait for a deadline (open, with a due date, and not past the ladder's last
 *                       step), each for one
 * @param rowsRead       the scheduler's deadline rows read (those that serve no pending deadline included: a due date
 *                       replaced, a hazard closed out; they do nothing when they fire)
 * @param unreadableRows of those, the rows whose data could not be read (they serve no deadline, and fail when they
 *                       fire)
 * @param unserved       the pending deadlines that no row serves, in the register's order of hazards
 * @param failing        the pending deadlines whose rows all failed the last time they fired (the scheduler tries
 *                       them again a few minutes later; the escalation does not go on meanwhile: the server's log
 *                       says why), in the same order
 * @param setAgain       whether each unserved one was set again (a new row of the scheduler), or only reported
 */
public record DeadlineCheck(int hazardsWaiting, int rowsRead, int unreadableRows, List<PendingDeadline> unserved,
                            List<Failing> failing, boolean setAgain) {

    public DeadlineCheck {
        unserved = List.copyOf(unserved);
        failing = List.copyOf(failing);
    }

    /**
     * A pending deadline served only by rows that failed when they fired.
     *
     * @param deadline            the deadline
     * @param consecutiveFailures how often in a row the serving row that failed least often failed
     * @param lastFailure         when it last failed
     */
    public record Failing(PendingDeadline deadline, int consecutiveFailures, java.time.Instant lastFailure) {
    }

    /** Whether every pending deadline has a row that serves it. */
    public boolean holds() {
        return unserved.isEmpty();
    }
}
