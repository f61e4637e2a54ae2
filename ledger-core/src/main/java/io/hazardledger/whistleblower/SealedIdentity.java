package io.hazardledger.whistleblower;

/**
 * A sealed identity as the ledger stores it (docs/FORMAT.md 18.2): {@code scheme} names the construction,
 * {@code keyId} the office sealing key its data key was wrapped for, {@code nonce} and {@code ciphertext} (base64) the
 * AES-256-GCM encryption of the identity, and {@code commitment} the SHA-256 (hex) of the sealed plaintext.
 */
public record SealedIdentity(String scheme, String keyId, String nonce, String ciphertext, String commitment) {
}
