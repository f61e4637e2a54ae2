package io.hazardledger.directory;

/** An enterprise as the directory knows it now; {@code principalId} is null until appointed. */
public record EnterpriseRecord(String enterpriseId, String name, String sector, boolean highRisk, String principalId) {
}
