package io.hazardledger.hazard;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The rectification was not closed out by its due date: recorded by the ledger itself when the deadline passed (or,
 * if no server was running then, as soon as one was), signed by nobody. {@code overdueSince} is the moment the due
 * date ended (the start of the next day in the park's time zone); the entry's recorded time is when it was noticed.
 */
public record RectificationOverdue(String hazardId, LocalDate dueDate, Instant overdueSince) {
}
