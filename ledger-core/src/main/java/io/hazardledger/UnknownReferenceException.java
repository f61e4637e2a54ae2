package io.hazardledger;

/**
 * A command names a person, enterprise or hazard that the ledger does not know. Nothing was stored. The code is
 * {@code unknown-} and the kind of thing, its words joined by hyphens ({@code unknown-checklist-item}).
 */
public class UnknownReferenceException extends LedgerException {

    private final String field;
    private final String id;
    private final boolean target;

    public UnknownReferenceException(String field, String id, String what) {
        this(field, id, what, false);
    }

    private UnknownReferenceException(String field, String id, String what, boolean target) {
        super("unknown-" + what.replace(' ', '-'), field + ": no " + what + " with id '" + id + "'");
        this.field = field;
        this.id = id;
        this.target = target;
    }

    /**
     * The record a command acts on does not exist (a hazard to plan, a person whose key to revoke), named by the
     * command's member {@code field} ({@code hazardId}, {@code personId}); over HTTP, the path's id: 404.
     */
    public static UnknownReferenceException target(String field, String id, String what) {
        return new UnknownReferenceException(field, id, what, true);
    }

    /** Whether the unknown record is the one the command acts on ({@link #target}), not one it refers to. */
    public boolean isTarget() {
        return target;
    }

    public String field() {
        return field;
    }

    public String id() {
        return id;
    }
}
