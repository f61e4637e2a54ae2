package io.hazardledger;

/**
 * The store's schema is not the one this version of the ledger reads, and the ledger refused to open it: a newer
 * version wrote it ({@code schema-newer}: this version would misread it, and the ledger never moves a schema back),
 * or an older one did and the ledger was built not to migrate it ({@code schema-older}). Nothing was read or written.
 */
public class StoreSchemaException extends LedgerException {

    private final String storeVersion;
    private final String ledgerVersion;

    public StoreSchemaException(String code, String message, String storeVersion, String ledgerVersion) {
        super(code, message);
        this.storeVersion = storeVersion;
        this.ledgerVersion = ledgerVersion;
    }

    /** The highest schema version recorded in the store's {@code ledger_schema_history} ("none" for none). */
    public String storeVersion() {
        return storeVersion;
    }

    /** The schema version this version of the ledger reads and writes (its last migration's). */
    public String ledgerVersion() {
        return ledgerVersion;
    }

    /** True when a newer version of the ledger wrote the store. */
    public boolean newer() {
        return "schema-newer".equals(code());
    }
}
