package io.hazardledger.bundle;

/** The bundle does not verify; {@link #index()} is the entry where it breaks (-1 for the header or checkpoint). */
public class BundleException extends Exception {

    private final long index;
    private final String check;

    public BundleException(long index, String check, String message) {
        super((index < 0 ? "" : "entry " + index + ": ") + "[" + check + "] " + message);
        this.index = index;
        this.check = check;
    }

    public long index() {
        return index;
    }

    public String check() {
        return check;
    }
}
