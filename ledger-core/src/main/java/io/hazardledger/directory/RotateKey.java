package io.hazardledger.directory;

import io.hazardledger.integrity.sig.VerificationKey;
import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a person's key by a new one: the new key is valid and the old one revoked from the same moment. */
public record RotateKey(@TargetAggregateIdentifier String personId, String oldKeyId, String newPublicKey) {
    public RotateKey {
        Checks.id("personId", personId);
        Checks.id("oldKeyId", oldKeyId);
        RegisterKey.parse("newPublicKey", newPublicKey);
    }

    public VerificationKey newKey() {
        return RegisterKey.parse("newPublicKey", newPublicKey);
    }
}
