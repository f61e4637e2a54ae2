package io.hazardledger;

import java.time.Duration;

/**
 * Told of every write the ledger executes, after it committed or was refused, on the writing thread: for metrics and
 * monitoring in the embedding application ({@link Ledger.Builder#writeObserver}). It must be quick and must not
 * throw; what it throws is logged and ignored.
 */
public interface WriteObserver {

    /** A command committed: its entries are durable in the ledger. {@code took}: from the call to the commit. */
    void committed(Object command, Receipt receipt, Duration took);

    /** A command was refused (nothing was stored): {@code problem} is what the caller is thrown. */
    default void refused(Object command, LedgerException problem, Duration took) {
    }
}
