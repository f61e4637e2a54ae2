package io.hazardledger.store.internal;

/** The ledger could not be written; the unit of work rolls back and nothing is stored. */
public final class LedgerStorageException extends RuntimeException {
    public LedgerStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
