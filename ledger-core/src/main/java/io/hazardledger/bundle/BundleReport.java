package io.hazardledger.bundle;

import java.util.List;

/**
 * A bundle that verified: its origin, tree size and root (base64), which trusted key verified the checkpoint (or
 * that only the bundle's own key did, when the auditor gave none), how many entries carried signed statements, and
 * the signatures that no longer hold (a key revoked from before the claimed time), and the clock steps among the
 * entries' recorded times (a warning, as {@code verify} gives it: docs/FORMAT.md section 6).
 */
public record BundleReport(String origin, long treeSize, String rootHash, String verifiedWith, boolean keyFromBundle,
                           long signedEntries, List<String> signatureFindings,
                           List<io.hazardledger.integrity.VerifiedLedger.ClockStep> clockSteps) {

    public BundleReport {
        signatureFindings = List.copyOf(signatureFindings);
        clockSteps = List.copyOf(clockSteps);
    }

    /** As before clock steps were reported: none. */
    public BundleReport(String origin, long treeSize, String rootHash, String verifiedWith, boolean keyFromBundle,
                        long signedEntries, List<String> signatureFindings) {
        this(origin, treeSize, rootHash, verifiedWith, keyFromBundle, signedEntries, signatureFindings, List.of());
    }
}
