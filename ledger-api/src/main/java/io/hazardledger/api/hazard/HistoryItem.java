package io.hazardledger.api.hazard;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.hazardledger.register.HistoryEntry;

/** One event of a hazard's history: ledger index, entry hash, event type, and the entry exactly as hashed. */
public record HistoryItem(long index, String entryHash, String eventType, @JsonRawValue String entry) {
    static HistoryItem of(HistoryEntry e) {
        return new HistoryItem(e.index(), e.entryHash(), e.eventType(), e.entryJson());
    }
}
