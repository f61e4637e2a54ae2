package io.hazardledger.inspection;

import io.hazardledger.internal.Checks;

/** A person the checklist asks to co-sign, and in which role. */
public record CoSigner(String personId, CoSignerRole role) {
    public CoSigner {
        Checks.id("coSigners.personId", personId);
        Checks.required("coSigners.role", role);
    }
}
