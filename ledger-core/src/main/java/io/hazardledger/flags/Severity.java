package io.hazardledger.flags;

/** How strongly a flag points at fake or paper rectification. */
public enum Severity {
    /** Worth a look: often innocent (a statement signed late, a general hazard verified without photos). */
    LOW,
    /** A pattern that paper rectification produces, with innocent explanations possible. */
    MEDIUM,
    /** Hard to explain without rectification on paper only (reused or backdated evidence, self-verification). */
    HIGH
}
