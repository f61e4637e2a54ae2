package io.hazardledger.signing;

import java.util.List;

/** Who signed what. */
public interface AccountabilityTrail {

    /** Everything a person signed, in ledger order. */
    List<SignedAct> signedBy(String personId);

    /** The chain of responsibility of a hazard (or any aggregate): every event, signed or not, in ledger order. */
    List<SignedAct> responsibilityFor(String aggregateId);
}
