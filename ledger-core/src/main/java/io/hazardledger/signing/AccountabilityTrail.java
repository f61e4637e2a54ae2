package io.hazardledger.signing;

import io.hazardledger.LedgerPosition;

import java.util.List;

/** Who signed what. */
public interface AccountabilityTrail {

    /** Everything a person signed, in ledger order. */
    List<SignedAct> signedBy(String personId);

    /**
     * Everything a person signed or asked for (as the {@link SignedAct#caller()} of an act, signed or not, such as a
     * registration), in ledger order.
     */
    List<SignedAct> actsOf(String personId);

    /** A person's acts as the ledger stood at {@code at}, judged as {@link #signedBy(String, LedgerPosition)}. */
    List<SignedAct> actsOf(String personId, LedgerPosition at);

    /** The chain of responsibility of a hazard (or any aggregate): every event, signed or not, in ledger order. */
    List<SignedAct> responsibilityFor(String aggregateId);

    /**
     * A person's trail as the ledger stood at {@code at}: the acts among its first {@code at.size()} entries, each
     * signature judged by the key revocations recorded before that point (a later revocation is not yet known).
     */
    List<SignedAct> signedBy(String personId, LedgerPosition at);

    /** A chain of responsibility as the ledger stood at {@code at}, judged as {@link #signedBy(String, LedgerPosition)}. */
    List<SignedAct> responsibilityFor(String aggregateId, LedgerPosition at);
}
