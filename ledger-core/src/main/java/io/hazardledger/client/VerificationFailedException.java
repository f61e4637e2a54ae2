package io.hazardledger.client;

/** What the server showed does not verify: a signature, a proof or an entry; the message says which. */
public class VerificationFailedException extends Exception {
    public VerificationFailedException(String message) {
        super(message);
    }

    public VerificationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
