package io.hazardledger.directory;

import io.hazardledger.InvalidInputException;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.VerificationKey;
import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Registers a person's public key (base64 DER SubjectPublicKeyInfo, Ed25519 or SM2), valid from {@code validFrom}
 * (now when null). {@code registeredBy} is the person themself, or a registrar acting for them.
 */
public record RegisterKey(@TargetAggregateIdentifier String personId, String publicKey, Instant validFrom,
                          String registeredBy) {
    public RegisterKey {
        Checks.id("personId", personId);
        Checks.id("registeredBy", registeredBy);
        Checks.plausible("validFrom", validFrom);
        parse(publicKey);
    }

    /** The parsed key. */
    public VerificationKey key() {
        return parse(publicKey);
    }

    static VerificationKey parse(String publicKey) {
        return parse("publicKey", publicKey);
    }

    /** The key a command's member {@code field} holds; refused naming that member. */
    static VerificationKey parse(String field, String publicKey) {
        try {
            return VerificationKey.fromBase64Spki(publicKey);
        } catch (InvalidSignatureException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }
}
