package io.hazardledger;

/** A business rule refused the command (an illegal transition, a verifier who is the owner ...). Nothing was stored. */
public class RuleViolationException extends LedgerException {
    public RuleViolationException(String code, String message) {
        super(code, message);
    }
}
