package io.hazardledger;

import io.hazardledger.integrity.LedgerIntegrityException;

/** An operation that needs an intact ledger (a replay) was refused because the ledger does not verify. */
public class IntegrityRefusalException extends LedgerException {

    private final long index;

    public IntegrityRefusalException(LedgerIntegrityException cause) {
        super("ledger-integrity", "the ledger does not verify, so nothing was rebuilt: " + cause.getMessage());
        initCause(cause);
        this.index = cause.index();
    }

    /** The first index that does not verify. */
    public long index() {
        return index;
    }
}
