package io.hazardledger.directory;

/**
 * An enterprise joins the park's directory. {@code size} is null when it was not stated, and in the entries recorded
 * before enterprises had a size (their payload has no {@code size} member; read back, it is null).
 */
public record EnterpriseRegistered(String enterpriseId, String name, String sector, boolean highRisk,
                                   EnterpriseSize size) {

    /** An enterprise whose size is not stated. */
    public EnterpriseRegistered(String enterpriseId, String name, String sector, boolean highRisk) {
        this(enterpriseId, name, sector, highRisk, null);
    }
}
