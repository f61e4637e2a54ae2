package io.hazardledger.integrity.sig;

/** The signature algorithms the ledger accepts. */
public enum SignatureAlgorithm {
    /** Ed25519, RFC 8032 (pure, no context); the default. */
    ED25519,
    /** SM2 with SM3 and the user ID {@code 1234567812345678} (GB/T 32918, GB/T 35276). */
    SM2_SM3
}
