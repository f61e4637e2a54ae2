package io.hazardledger.directory;

/**
 * An enterprise as the directory knows it now; {@code principalId} is null until appointed, {@code size} when it
 * was not stated.
 */
public record EnterpriseRecord(String enterpriseId, String name, String sector, boolean highRisk, String principalId,
                               EnterpriseSize size) {

    /** An enterprise whose size is not stated. */
    public EnterpriseRecord(String enterpriseId, String name, String sector, boolean highRisk, String principalId) {
        this(enterpriseId, name, sector, highRisk, principalId, null);
    }
}
