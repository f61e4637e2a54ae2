package io.hazardledger.whistleblower;

/**
 * The public half of the park office's sealing key: {@code keyId} as a sealed identity names it (the first 32 hex
 * digits of the SHA-256 of the key's DER SubjectPublicKeyInfo), {@code algorithm} {@code X25519}, and {@code publicKey}
 * that DER in standard base64 (docs/FORMAT.md 18.1).
 */
public record SealingPublicKey(String keyId, String algorithm, String publicKey) {
}
