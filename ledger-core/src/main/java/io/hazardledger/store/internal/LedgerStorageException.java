package io.hazardledger.store.internal;

/**
 * The ledger could not be written or read; a write's unit of work rolls back and nothing is stored. The library's
 * callers catch it as the public {@link io.hazardledger.StorageFailureException}.
 */
public final class LedgerStorageException extends io.hazardledger.StorageFailureException {
    public LedgerStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
