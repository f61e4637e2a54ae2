package io.hazardledger.api.support;

import io.hazardledger.Receipt;

import java.util.List;

/** The answer to every write: the resource id, and the ledger entries written (index and entry hash of the last). */
public record WriteResponse(String id, long index, String entryHash, List<Receipt.Entry> entries) {

    public static WriteResponse of(String id, Receipt receipt) {
        return new WriteResponse(id, receipt.index(), receipt.entryHash(), receipt.entries());
    }
}
