package io.hazardledger.directory;

import java.time.Instant;

public record KeyRevoked(String personId, String keyId, String reason, Instant effectiveAt, String revokedBy) {
}
