package io.hazardledger;

import java.time.Duration;

/**
 * Told of every write the ledger executes, after it committed, was refused or failed, on the writing thread: for metrics and
 * monitoring in the embedding application ({@link Ledger.Builder#writeObserver}). It must be quick and must not
 * throw; what it throws is logged and ignored.
 */
public interface WriteObserver {

    /** A command committed: its entries are durable in the ledger. {@code took}: from the call to the commit. */
    void committed(Object command, Receipt receipt, Duration took);

    /** A command was refused (nothing was stored): {@code problem} is what the caller is thrown. */
    default void refused(Object command, LedgerException problem, Duration took) {
    }

    /**
     * A command failed for another reason than a refusal (the store failed, a bug): nothing was acknowledged, and
     * {@code error} is what the caller is thrown.
     */
    default void failed(Object command, RuntimeException error, Duration took) {
    }
}
