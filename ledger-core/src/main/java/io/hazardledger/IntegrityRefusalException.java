package io.hazardledger;

import io.hazardledger.integrity.LedgerIntegrityException;

/** An operation that needs an intact ledger (a replay, a health check of the head) was refused because it does not verify. */
public class IntegrityRefusalException extends LedgerException {

    private final long index;

    public IntegrityRefusalException(LedgerIntegrityException cause) {
        this("the ledger does not verify, so nothing was rebuilt", cause);
    }

    /** Refused for {@code what} (a sentence without a final period), because of {@code cause}. */
    public IntegrityRefusalException(String what, LedgerIntegrityException cause) {
        super("ledger-integrity", what + ": " + cause.getMessage());
        initCause(cause);
        this.index = cause.index();
    }

    /** The first index that does not verify. */
    public long index() {
        return index;
    }
}
