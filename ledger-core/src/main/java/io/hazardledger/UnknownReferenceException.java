package io.hazardledger;

/**
 * A command names a person, enterprise or hazard that the ledger does not know. Nothing was stored. The code is
 * {@code unknown-} and the kind of thing, its words joined by hyphens ({@code unknown-checklist-item}).
 */
public class UnknownReferenceException extends LedgerException {

    private final String field;
    private final String id;

    public UnknownReferenceException(String field, String id, String what) {
        super("unknown-" + what.replace(' ', '-'), field + ": no " + what + " with id '" + id + "'");
        this.field = field;
        this.id = id;
    }

    public String field() {
        return field;
    }

    public String id() {
        return id;
    }
}
