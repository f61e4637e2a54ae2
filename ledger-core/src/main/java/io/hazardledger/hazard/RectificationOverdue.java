package io.hazardledger.hazard;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The due date ended unanswered: no rectification submitted before its end passed verification (docs/FORMAT.md
 * section 8.1). Recorded by the ledger itself, signed by nobody, once per due date: when the due date ended with the
 * rectification planned (or, if no server was running then, as soon as one was), or in the write of the act after the
 * end that showed it, right after that act's entry: a late submission, a failed verification, or an extension (its
 * {@code dueDate} then the one replaced). Entries written before the store reached schema version 22 may stand for a
 * rectification submitted in time: they decide nothing. {@code overdueSince} is the moment the due date ended (the
 * start of the next day in the park's time zone); the entry's recorded time is when it was noticed.
 */
public record RectificationOverdue(String hazardId, LocalDate dueDate, Instant overdueSince) {
}
