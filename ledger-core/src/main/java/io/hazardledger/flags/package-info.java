/**
 * Integrity flags (虚假整改、纸面整改): the signals of fake or "paper" rectification that an auditor looks for, each a
 * named, versioned {@link io.hazardledger.flags.FlagRule} with documented parameters
 * ({@link io.hazardledger.flags.FlagParameters}). {@link io.hazardledger.flags.FlagEngine} reads ledger entries in
 * index order and raises {@link io.hazardledger.flags.IntegrityFlag}s, each citing the entries (index and entry
 * hash) that support it. The engine depends only on the entries: the same entries always give the same flags, and
 * the flags raised by the first {@code n} entries are exactly those a rebuild from those entries gives.
 */
package io.hazardledger.flags;
