package io.hazardledger.directory;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Revokes a key from {@code effectiveAt} on (now when null; earlier when it was compromised earlier): signatures
 * claimed at or after that time are no longer valid.
 */
public record RevokeKey(@TargetAggregateIdentifier String personId, String keyId, String reason, Instant effectiveAt,
                        String revokedBy) {
    public RevokeKey {
        Checks.id("personId", personId);
        Checks.id("keyId", keyId);
        Checks.text("reason", reason, 2000);
        Checks.id("revokedBy", revokedBy);
        Checks.plausible("effectiveAt", effectiveAt);
    }
}
