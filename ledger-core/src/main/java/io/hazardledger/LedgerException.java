package io.hazardledger;

/**
 * Base of the ledger's refusals. {@link #code()} is stable and names the rule or problem
 * (for example {@code verifier-is-owner}); the message is for people.
 */
public class LedgerException extends RuntimeException {

    private final String code;

    public LedgerException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
