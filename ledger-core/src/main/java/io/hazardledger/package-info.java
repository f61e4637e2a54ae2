/**
 * The hazard ledger library. Start at {@link io.hazardledger.Ledger}: build one over a {@code DataSource},
 * send it command records ({@code io.hazardledger.hazard}, {@code io.hazardledger.directory}), query its
 * register, and verify its hash chain. Refusals are {@link io.hazardledger.LedgerException}s.
 */
package io.hazardledger;
