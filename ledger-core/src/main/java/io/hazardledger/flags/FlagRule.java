package io.hazardledger.flags;

/**
 * The signals of fake and paper rectification ({@code ../shared/DOMAIN.md}, "Fake and paper rectification"), each
 * with a stable code, a version (raised when the rule's meaning changes, so that old flags keep saying which rule
 * raised them) and a severity. Parameters are in {@link FlagParameters}; docs/FLAGS.md states each rule exactly.
 */
public enum FlagRule {
    /** A close-out of a submission whose latest verification did not pass, or that was never verified. */
    CLOSED_WITHOUT_PASSED_VERIFICATION("closed-without-passed-verification", Severity.HIGH),
    /** A passed verification of a submission that carried no evidence. */
    VERIFIED_WITHOUT_EVIDENCE("verified-without-evidence", Severity.LOW),
    /** A passed verification by the rectification owner, the submitter, or the reporter of a self-found hazard. */
    VERIFIER_INVOLVED("verifier-involved", Severity.HIGH),
    /** Rectification evidence claimed to be captured before the hazard was found. */
    EVIDENCE_BEFORE_FACT("evidence-before-fact", Severity.HIGH),
    /** An evidence file (same SHA-256) already attached to a different hazard. */
    EVIDENCE_REUSED("evidence-reused", Severity.HIGH),
    /** Rectification ("after") evidence identical to the hazard's report ("before") evidence. */
    AFTER_EQUALS_BEFORE("after-equals-before", Severity.HIGH),
    /** A close-out within the last hours before the deadline, of a submission that brought no new evidence. */
    LAST_MINUTE_CLOSURE("last-minute-closure", Severity.MEDIUM),
    /** The deadline of one hazard extended repeatedly. */
    REPEATED_EXTENSIONS("repeated-extensions", Severity.MEDIUM),
    /** Many close-outs by one person within minutes. */
    CLOSURE_BURST("closure-burst", Severity.MEDIUM),
    /** A hazard of the same category at the same place reported soon after another was closed out. */
    RECURRENCE("recurrence", Severity.MEDIUM),
    /** A signature by a key that was revoked, or not yet valid, at the time the signer claims. */
    KEY_NOT_VALID("key-not-valid", Severity.HIGH),
    /** A signature whose claimed time is far from the time the ledger recorded the act. */
    CLAIMED_TIME_FAR("claimed-time-far", Severity.LOW),
    /** A quarter in which an enterprise's self-inspections found nothing while supervisory inspections found hazards. */
    SILENT_SELF_INSPECTION("silent-self-inspection", Severity.MEDIUM);

    private final String code;
    private final Severity severity;

    FlagRule(String code, Severity severity) {
        this.code = code;
        this.severity = severity;
    }

    /** The stable name used in flag ids, the API and the documentation. */
    public String code() {
        return code;
    }

    /** The rule's version: 1 for every rule so far. */
    public int version() {
        return 1;
    }

    public Severity severity() {
        return severity;
    }

    /** The rule with this code (or this constant's name, as JSON shows it). */
    public static FlagRule ofCode(String code) {
        for (FlagRule r : values()) {
            if (r.code.equals(code) || r.name().equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no flag rule is named '" + code + "'");
    }
}
