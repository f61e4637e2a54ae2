package io.hazardledger.integrity.tsa;

/**
 * A timestamp could not be obtained or does not check out. The message says precisely what failed (HTTP status,
 * PKI status and failure info, imprint, nonce, policy, signature, certificate, malformed data), because a refused
 * timestamp on an audit ledger has to be explained to a person, not just retried.
 */
public class TimestampException extends Exception {

    private static final long serialVersionUID = 1L;

    public TimestampException(String message) {
        super(message);
    }

    public TimestampException(String message, Throwable cause) {
        super(message, cause);
    }
}
