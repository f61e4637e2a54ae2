package io.hazardledger.api.access;

/** The caller may not do this (403): the detail says what the request must be instead. */
public class ForbiddenException extends RuntimeException {

    private final String code;
    private final String field;

    public ForbiddenException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    /** The rule: {@code not-the-caller}, {@code other-enterprise} or {@code role-not-allowed}. */
    public String code() {
        return code;
    }

    /** The request member at fault, or null. */
    public String field() {
        return field;
    }
}
