package io.hazardledger.flags;

import io.hazardledger.InvalidInputException;

import java.time.Instant;

/**
 * Which flags to list; a null field does not filter. {@code from} and {@code to} bound when the flag was raised
 * (the recorded time of the entry that raised it: from inclusive, to exclusive). {@code atIndex} (a ledger size:
 * the first {@code atIndex} entries) or {@code asOf} (a time: the entries before the first one recorded after it)
 * asks for the flags as the ledger stood then; at most one of them, checked against the ledger when the query is
 * asked ({@code Ledger.sizeAsOf}). {@code limit} 1–1000, default 100.
 */
public record FlagQuery(String enterpriseId, String hazardId, String personId, FlagRule rule, Instant from,
                        Instant to, Long atIndex, Instant asOf, Integer limit, Integer offset) {

    public static final FlagQuery ALL = new FlagQuery(null, null, null, null, null, null, null, null, null, null);

    public FlagQuery {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        limit = io.hazardledger.internal.Checks.limit(limit);
        offset = io.hazardledger.internal.Checks.offset(offset);
    }
}
