package io.hazardledger;

/**
 * The ledger's store failed under a call (the database could not be reached, or refused a statement): not a refusal
 * of what was asked, which may succeed when tried again. A write that throws it was not acknowledged, and was rolled
 * back unless the failure came while its commit was under way (a connection lost then leaves the outcome to the
 * database: {@link Ledger#log()} tells whether its entry is there). The message names the failure; the cause is the
 * database's or the framework's exception.
 */
public class StorageFailureException extends RuntimeException {
    public StorageFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
