package io.hazardledger.integrity;

import java.util.List;

/**
 * A ledger whose chain verified: how many entries, the hash of the last one (64 zeros when empty), the
 * signatures that no longer hold although the chain is intact (a key revoked, after the fact, from a time
 * before the claimed signing time), and the stored checkpoints that the entries were compared with.
 * {@link #holds()} is true only when no signature finding was made.
 */
public record VerifiedLedger(long size, String headHash, List<SignatureFinding> signatureFindings,
                             Checkpoints checkpoints, List<ClockStep> clockSteps,
                             List<java.time.LocalDate> weeklyReportsNotServed) {

    public VerifiedLedger {
        signatureFindings = List.copyOf(signatureFindings);
        java.util.Objects.requireNonNull(checkpoints, "checkpoints");
        clockSteps = List.copyOf(clockSteps);
        weeklyReportsNotServed = List.copyOf(weeklyReportsNotServed);
    }

    public VerifiedLedger(long size, String headHash, List<SignatureFinding> signatureFindings,
                          Checkpoints checkpoints, List<ClockStep> clockSteps) {
        this(size, headHash, signatureFindings, checkpoints, clockSteps, List.of());
    }

    /**
     * The same, with the weeks (their Thursdays) whose kept weekly report is not served (docs/FORMAT.md section 17):
     * its row does not hash to its SHA-256 or its note is not the log's; a warning, not counted in {@link #holds()}:
     * the week's report is then computed again from the entries, which verified.
     */
    public VerifiedLedger withWeeklyReportsNotServed(List<java.time.LocalDate> weeks) {
        return new VerifiedLedger(size, headHash, signatureFindings, checkpoints, clockSteps, weeks);
    }

    public VerifiedLedger(long size, String headHash, List<SignatureFinding> signatureFindings,
                          Checkpoints checkpoints) {
        this(size, headHash, signatureFindings, checkpoints, List.of());
    }

    public VerifiedLedger(long size, String headHash, List<SignatureFinding> signatureFindings) {
        this(size, headHash, signatureFindings, Checkpoints.NONE);
    }

    public VerifiedLedger(long size, String headHash) {
        this(size, headHash, List.of());
    }

    /**
     * The checkpoints stored beside the entries, up to the verified size (docs/FORMAT.md section 6, check 7b):
     * {@code agreeing} of them state the root that the entries make at their size; the largest of those that the log's
     * keys sign is of size {@code latest} (null when none: 0 is the empty tree's; a larger agreeing row that the log
     * did not sign is counted ignored instead); {@code ignored} are not the log's (its keys do not sign them) and were
     * passed over. A stored checkpoint that the log signed and that the entries do not make breaks verification
     * instead. {@link #NONE} for a ledger without a checkpoint key, and for a chain verified without a store (a
     * bundle).
     */
    public record Checkpoints(long agreeing, Long latest, long ignored) {
        public static final Checkpoints NONE = new Checkpoints(0, null, 0);
    }

    /** True when the chain verified and every signature holds. */
    public boolean holds() {
        return signatureFindings.isEmpty();
    }

    /**
     * The first entry of a run whose recorded times lie more than a minute ({@link ChainVerifier#CLOCK_STEP_SECONDS})
     * before the latest recorded before them (docs/FORMAT.md section 6), by {@code secondsBack} (whole seconds): the
     * writing server's clock went back, or a write waited that long for the chain head. Not a break (the chain proves
     * the order), and not counted in {@link #holds()}; an auditor asks why, since a clock set back makes entries look
     * earlier than they were.
     */
    public record ClockStep(long index, String recordedAt, String latestBefore, long secondsBack) {

        /** The line the command-line verifiers print for it, after {@code WARNING: }. */
        public String warning() {
            return "entry " + index + " was recorded at " + recordedAt + ", " + secondsBack + " s before an earlier "
                    + "entry (" + latestBefore + "): the writing server's clock went back, or the write waited that "
                    + "long; answers as of a time in between leave it out";
        }
    }

    /** A signature that does not hold, at a ledger index, with the reason ({@code key-revoked}, ...). */
    public record SignatureFinding(long index, String signerId, String keyId, String check, String detail) {
    }
}
