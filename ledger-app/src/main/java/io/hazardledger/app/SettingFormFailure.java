package io.hazardledger.app;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A setting whose value is not of its form ({@code --ledger.deadlines.polling=fast}, a number that is not one): Spring
 * Boot's "APPLICATION FAILED TO START" says which value and what form it needs, instead of a chain of bean creation
 * failures. Spring does not tell which setting held the value, so the value names it.
 */
class SettingFormFailure extends AbstractFailureAnalyzer<TypeMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TypeMismatchException cause) {
        Class<?> type = cause.getRequiredType();
        String form = type == null ? "of the form it needs"
                : type == java.time.Duration.class ? "a duration, such as 5s, 500ms, 10m or 1h"
                : type == Boolean.class || type == boolean.class ? "true or false"
                : Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a number"
                : "a " + type.getSimpleName();
        return new FailureAnalysis("A setting has the value '" + cause.getValue() + "', which is not " + form + ".",
                "Correct the setting that has it (README.md, \"Configuration\", gives each setting, its default and "
                        + "its form), or leave it out for its default, and start the server again.", cause);
    }
}
