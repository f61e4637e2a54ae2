package io.hazardledger.directory;

import io.hazardledger.integrity.sig.SignatureAlgorithm;

import java.time.Instant;

public record KeyRegistered(String personId, String keyId, SignatureAlgorithm algorithm, String publicKey,
                            Instant validFrom, String registeredBy) {
}
