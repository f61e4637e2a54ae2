package io.hazardledger;

/** A command or query field is missing or malformed. Nothing was stored. */
public class InvalidInputException extends LedgerException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super("invalid-input", field + ": " + message);
        this.field = field;
    }

    /** The offending field, as named in the command (for example {@code dueDate}). */
    public String field() {
        return field;
    }
}
