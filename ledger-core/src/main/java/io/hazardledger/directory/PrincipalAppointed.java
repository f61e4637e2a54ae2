package io.hazardledger.directory;

public record PrincipalAppointed(String enterpriseId, String personId) {
}
