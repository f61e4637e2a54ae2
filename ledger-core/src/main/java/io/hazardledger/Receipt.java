package io.hazardledger;

import java.util.List;

/** What a write produced: the ledger entries its events became, in ledger order (at least one). */
public record Receipt(List<Entry> entries) {

    /** One ledger entry: its index, its hash (lowercase hex) and the event type it records. */
    public record Entry(long index, String entryHash, String eventType) {
    }

    public Receipt {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a receipt names at least one entry");
        }
    }

    /** The index of the last entry written. */
    public long index() {
        return entries.get(entries.size() - 1).index();
    }

    /** The hash of the last entry written. */
    public String entryHash() {
        return entries.get(entries.size() - 1).entryHash();
    }
}
