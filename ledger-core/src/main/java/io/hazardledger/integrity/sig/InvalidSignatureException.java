package io.hazardledger.integrity.sig;

/** A signature or key does not check out; the message names what failed. */
public class InvalidSignatureException extends Exception {
    public InvalidSignatureException(String message) {
        super(message);
    }

    public InvalidSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
