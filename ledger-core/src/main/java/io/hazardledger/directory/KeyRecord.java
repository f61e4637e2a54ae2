package io.hazardledger.directory;

import io.hazardledger.integrity.sig.SignatureAlgorithm;

import java.time.Instant;

/** A registered key as the directory knows it now; {@code revokedAt} is null while it is not revoked. */
public record KeyRecord(String keyId, String personId, SignatureAlgorithm algorithm, String publicKey,
                        Instant validFrom, Instant revokedAt, String revokeReason, String registeredBy) {

    /** Whether a signature claimed at {@code at} may use this key. */
    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && (revokedAt == null || at.isBefore(revokedAt));
    }
}
