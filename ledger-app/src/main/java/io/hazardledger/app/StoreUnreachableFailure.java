package io.hazardledger.app;

import io.hazardledger.StorageFailureException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A server that cannot read its store at start (PostgreSQL not running or not at that host and port, a login refused,
 * an H2 file another process holds): Spring Boot's "APPLICATION FAILED TO START" says the database's own words and
 * what to check, instead of a chain of bean creation failures and a stack trace.
 */
class StoreUnreachableFailure extends AbstractFailureAnalyzer<StorageFailureException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StorageFailureException cause) {
        return new FailureAnalysis("The ledger's store could not be read: " + Cli.rootMessage(cause),
                "Check the store that spring.datasource.url names: that it runs and is reached from here at that "
                + "host and port (PostgreSQL: pg_isready -h HOST -p PORT), that spring.datasource.username and "
                + "spring.datasource.password are its role's, and, on an H2 file, that no other process holds it (a "
                + "verify that reads it read-only, until it ends; a second process on the same file needs "
                + "AUTO_SERVER=TRUE in every URL).", cause);
    }
}
