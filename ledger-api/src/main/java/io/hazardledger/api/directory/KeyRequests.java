package io.hazardledger.api.directory;

import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.directory.RotateKey;

import java.time.Instant;

/** Request bodies of the key endpoints. */
public final class KeyRequests {

    private KeyRequests() {
    }

    /** {@code publicKey}: base64 DER SubjectPublicKeyInfo (Ed25519 or SM2); {@code validFrom}: now when absent. */
    public record Registration(String publicKey, Instant validFrom, String registeredBy, SignatureBody signature) {
        public RegisterKey toCommand(String personId) {
            return new RegisterKey(personId, publicKey, validFrom, registeredBy);
        }
    }

    /** {@code effectiveAt}: now when absent; earlier when the key was compromised earlier. */
    public record Revocation(String reason, Instant effectiveAt, String revokedBy, SignatureBody signature) {
        public RevokeKey toCommand(String personId, String keyId) {
            return new RevokeKey(personId, keyId, reason, effectiveAt, revokedBy);
        }
    }

    /** Signed with the old key. */
    public record Rotation(String oldKeyId, String newPublicKey, SignatureBody signature) {
        public RotateKey toCommand(String personId) {
            return new RotateKey(personId, oldKeyId, newPublicKey);
        }
    }
}
