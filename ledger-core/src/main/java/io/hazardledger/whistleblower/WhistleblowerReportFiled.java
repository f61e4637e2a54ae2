package io.hazardledger.whistleblower;

/**
 * A whistleblower report was filed, without an account. {@code sealedIdentity} is null when the reporter gave no
 * identity at all. The entry is signed by nobody.
 */
public record WhistleblowerReportFiled(String reportId, String enterpriseId, String location, String description,
                                       SealedIdentity sealedIdentity) {
}
