package io.hazardledger.directory;

import io.hazardledger.internal.Checks;

/** Registers an enterprise of the park (驻园企业). */
public record RegisterEnterprise(String enterpriseId, String name, String sector, boolean highRisk) {
    public RegisterEnterprise {
        Checks.id("enterpriseId", enterpriseId);
        Checks.text("name", name, 200);
        Checks.text("sector", sector, 100);
    }
}
