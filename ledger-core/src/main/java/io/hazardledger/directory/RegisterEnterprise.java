package io.hazardledger.directory;

import io.hazardledger.internal.Checks;

/** Registers an enterprise of the park (驻园企业); {@code size} may be null (not stated). */
public record RegisterEnterprise(String enterpriseId, String name, String sector, boolean highRisk, EnterpriseSize size) {
    public RegisterEnterprise {
        Checks.id("enterpriseId", enterpriseId);
        Checks.text("name", name, 200);
        Checks.text("sector", sector, 100);
    }

    /** An enterprise whose size is not stated. */
    public RegisterEnterprise(String enterpriseId, String name, String sector, boolean highRisk) {
        this(enterpriseId, name, sector, highRisk, null);
    }
}
