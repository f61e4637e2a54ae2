package io.hazardledger.app;

import io.hazardledger.InvalidInputException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A server refused one of the ledger's settings ({@code ledger.escalation.steps}, {@code ledger.grading.thresholds}
 * …): Spring Boot's "APPLICATION FAILED TO START" names the setting and why, instead of a chain of bean creation
 * failures. Other refusals are left to the analyzers after this one.
 */
class SettingFailure extends AbstractFailureAnalyzer<InvalidInputException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidInputException cause) {
        if (cause.field() == null || !cause.field().startsWith("ledger.")) {
            return null;
        }
        return new FailureAnalysis("The setting " + cause.getMessage(), "Correct " + cause.field() + " (README.md, "
                + "\"Configuration\", gives each setting, its default and its form), or leave it out for its default, "
                + "and start the server again.", cause);
    }
}
