package io.hazardledger.whistleblower;

import io.hazardledger.Receipt;

/** An opened identity, with the access entry that was written before it was opened. */
public record RevealedIdentity(String reportId, Identity identity, Receipt access) {

    @Override
    public String toString() {
        return "RevealedIdentity[" + reportId + ", access at index " + access.index() + "]";
    }
}
