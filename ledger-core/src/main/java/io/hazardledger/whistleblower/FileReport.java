package io.hazardledger.whistleblower;

import io.hazardledger.internal.Checks;

/**
 * What a whistleblower files: the enterprise, where, what, and (optional) who they are and how to reach them. The
 * ledger seals the identity and stores the report ({@link io.hazardledger.Ledger#fileWhistleblowerReport}).
 */
public record FileReport(String enterpriseId, String location, String description, Identity identity) {
    public FileReport {
        Checks.id("enterpriseId", enterpriseId);
        Checks.text("location", location, 200);
        Checks.text("description", description, 4000);
    }
}
