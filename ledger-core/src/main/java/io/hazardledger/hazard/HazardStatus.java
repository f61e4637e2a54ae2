package io.hazardledger.hazard;

/**
 * Where a hazard stands in its closed loop. "Overdue" is not a status: it is a due date ended with no rectification
 * submitted before the end that passed or awaits verification (docs/FORMAT.md 8.1).
 */
public enum HazardStatus {
    /** Reported (or reopened); awaiting a rectification plan. */
    REPORTED,
    /** A plan with owner and due date exists; awaiting (re)submission of the rectification. */
    RECTIFICATION_PLANNED,
    /** A rectification was submitted and awaits verification. */
    RECTIFICATION_SUBMITTED,
    /** The latest submission passed verification; awaiting close-out. */
    VERIFIED,
    /** Closed out (销号). */
    CLOSED
}
