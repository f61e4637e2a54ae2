package io.hazardledger.whistleblower.internal;

import io.hazardledger.whistleblower.SealedIdentity;

/**
 * The command a filing becomes once its identity is sealed: the ledger's part and the wrapped data key, which the
 * aggregate keeps beside the ledger in the same transaction. Made only by {@link io.hazardledger.Ledger}.
 */
public record FileSealedReport(String reportId, String enterpriseId, String location, String description,
                               SealedIdentity sealedIdentity, byte[] wrappedKey) {

    @Override
    public String toString() {
        return "FileSealedReport[" + reportId + "]";
    }
}
