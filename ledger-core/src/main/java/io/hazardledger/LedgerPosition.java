package io.hazardledger;

import java.time.Instant;
import java.util.Objects;

/**
 * The ledger as it stood at an earlier point: its first {@code size} entries, at {@code moment} (the time against
 * which time-dependent answers, such as "overdue", are judged). {@link Ledger#position} makes one from a question's
 * {@code atIndex} or {@code asOf}.
 */
public record LedgerPosition(long size, Instant moment) {

    public LedgerPosition {
        if (size < 0) {
            throw new IllegalArgumentException("a ledger position's size must not be negative, got " + size);
        }
        Objects.requireNonNull(moment, "moment");
    }
}
