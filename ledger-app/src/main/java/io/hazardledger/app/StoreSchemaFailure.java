package io.hazardledger.app;

import io.hazardledger.StoreSchemaException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A server refused a store whose schema it would misread: Spring Boot's "APPLICATION FAILED TO START" names the two
 * versions and what to do, instead of a chain of bean creation failures.
 */
class StoreSchemaFailure extends AbstractFailureAnalyzer<StoreSchemaException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreSchemaException cause) {
        String action = cause.newer()
                ? "Start the version of the ledger that wrote this store (its table ledger_schema_history names the "
                        + "schema version), or point this one at a store it wrote (spring.datasource.url)."
                : "Start this version's server on the store with its default ledger.migrate=true: it migrates the "
                        + "store, or says why it cannot. Then run the command, or start the server, again.";
        return new FailureAnalysis(cause.getMessage(), action + " Nothing was read from or written to the store.",
                cause);
    }
}
