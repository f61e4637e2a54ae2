package io.hazardledger.integrity;

/**
 * The ledger does not verify. Names the first index where it breaks, which check failed,
 * and the expected against the computed value.
 */
public class LedgerIntegrityException extends Exception {

    private final long index;
    private final String check;
    private final String expected;
    private final String computed;

    public LedgerIntegrityException(long index, String check, String detail, String expected, String computed) {
        super("ledger breaks at index " + index + " (" + check + "): " + detail
                + "; expected " + expected + ", computed " + computed);
        this.index = index;
        this.check = check;
        this.expected = expected;
        this.computed = computed;
    }

    /** The first ledger index that does not verify. */
    public long index() {
        return index;
    }

    /** A stable name of the failed check, such as {@code entry-mismatch} or {@code missing-entry}. */
    public String check() {
        return check;
    }

    public String expected() {
        return expected;
    }

    public String computed() {
        return computed;
    }
}
