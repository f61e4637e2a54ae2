package io.hazardledger.integrity;

import java.util.List;

/**
 * A ledger whose chain verified: how many entries, the hash of the last one (64 zeros when empty), and the
 * signatures that no longer hold although the chain is intact (a key revoked, after the fact, from a time
 * before the claimed signing time). {@link #holds()} is true only when there are none.
 */
public record VerifiedLedger(long size, String headHash, List<SignatureFinding> signatureFindings) {

    public VerifiedLedger {
        signatureFindings = List.copyOf(signatureFindings);
    }

    public VerifiedLedger(long size, String headHash) {
        this(size, headHash, List.of());
    }

    /** True when the chain verified and every signature holds. */
    public boolean holds() {
        return signatureFindings.isEmpty();
    }

    /** A signature that does not hold, at a ledger index, with the reason ({@code key-revoked}, ...). */
    public record SignatureFinding(long index, String signerId, String keyId, String check, String detail) {
    }
}
