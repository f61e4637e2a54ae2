package io.hazardledger.store.internal;

import io.hazardledger.integrity.StoredEntry;

/** A ledger_entry row: the stored entry and the event_type column kept beside it for queries. */
record EntryRow(long index, String eventId, String aggregateId, String entryHash, byte[] bytes, String eventType) {

    StoredEntry stored() {
        return new StoredEntry(index, eventId, aggregateId, entryHash, bytes);
    }
}
