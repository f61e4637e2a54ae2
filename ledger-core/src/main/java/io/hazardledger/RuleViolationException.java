package io.hazardledger;

/** A business rule refused the command (an illegal transition, a verifier who is the owner ...). Nothing was stored. */
public class RuleViolationException extends LedgerException {

    private final String field;

    public RuleViolationException(String code, String message) {
        this(code, message, null);
    }

    /** A refusal that one member of the command caused: an id already taken ({@code hazardId}). */
    public RuleViolationException(String code, String message, String field) {
        super(code, message);
        this.field = field;
    }

    /** The command's member the refusal is about, or null when it is about no single one. */
    public String field() {
        return field;
    }
}
