package io.hazardledger.integrity.sig;

/**
 * Signs statements for one person with one key. Pluggable: a PKCS#8 PEM file ({@link PemSigner}), a hardware
 * token or a signing service. The private key need never leave its owner.
 */
public interface StatementSigner {

    /** The verification key that goes with the signing key. */
    VerificationKey verificationKey();

    /** Signs the bytes: Ed25519 raw 64 bytes, or SM2-with-SM3 DER (r, s) with the default user ID. */
    byte[] sign(byte[] message);
}
