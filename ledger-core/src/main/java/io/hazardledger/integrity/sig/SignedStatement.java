package io.hazardledger.integrity.sig;

import java.util.Base64;
import java.util.Objects;

/** A statement with its signature (base64: Ed25519 raw 64 bytes, SM2 DER). */
public record SignedStatement(Statement statement, String signature) {

    public SignedStatement {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs a statement with a signer. */
    public static SignedStatement sign(Statement statement, StatementSigner signer) {
        return new SignedStatement(statement, Base64.getEncoder().encodeToString(signer.sign(statement.canonicalBytes())));
    }

    /** Checks the signature with the key (over the bytes its base64 decodes to, however it is spelled). */
    public void verifyWith(VerificationKey key) throws InvalidSignatureException {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("the signature is not base64");
        }
        key.verify(statement.canonicalBytes(), sig);
    }

    /**
     * Refuses a signature that is not padded standard base64 (RFC 4648 section 4) in its one spelling: Java's decoder
     * also takes it unpadded or with stray bits in its last character, which a verifier following the format
     * (OpenSSL's, Python's) refuses. The write checks it; verification does not, since a ledger written before this
     * check may hold such a spelling, over which the signature still verifies (FORMAT 12.9).
     */
    public void requireCanonicalSpelling() throws InvalidSignatureException {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("the signature is not base64");
        }
        if (!Base64.getEncoder().encodeToString(sig).equals(signature)) {
            throw new InvalidSignatureException("the signature is not padded standard base64 in its one spelling "
                    + "(RFC 4648 section 4: '=' padding, no bits set past the last byte)");
        }
    }
}
