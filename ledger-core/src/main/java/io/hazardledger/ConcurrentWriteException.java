package io.hazardledger;

/** Another write changed the same aggregate first; nothing of this command was stored. Retry after re-reading. */
public class ConcurrentWriteException extends LedgerException {
    public ConcurrentWriteException(String message) {
        super("concurrent-write", message);
    }
}
