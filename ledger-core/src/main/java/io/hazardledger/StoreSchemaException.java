package io.hazardledger;

/**
 * The store's schema is not the one this version of the ledger reads, and the ledger refused to open it: a newer
 * version wrote it ({@code schema-newer}: this version would misread it, and the ledger never moves a schema back),
 * or an older one did and the ledger was built not to migrate it ({@code schema-older}), or, again for a ledger built
 * not to migrate, its history records a failed migration or lacks a version below its highest
 * ({@code schema-incomplete}). Nothing was read or written.
 */
public class StoreSchemaException extends LedgerException {

    private final String finding;
    private final String storeVersion;
    private final String ledgerVersion;

    /**
     * @param finding what is wrong with the store's schema, a sentence without what to do
     * @param advice  what to do, appended to it (with its leading punctuation)
     */
    public StoreSchemaException(String code, String finding, String advice, String storeVersion,
                                String ledgerVersion) {
        super(code, finding + advice);
        this.finding = finding;
        this.storeVersion = storeVersion;
        this.ledgerVersion = ledgerVersion;
    }

    /** What is wrong with the store's schema, without what to do (the message's first part). */
    public String finding() {
        return finding;
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
