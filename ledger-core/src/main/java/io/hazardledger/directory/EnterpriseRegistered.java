package io.hazardledger.directory;

public record EnterpriseRegistered(String enterpriseId, String name, String sector, boolean highRisk) {
}
