package io.hazardledger.directory;

import io.hazardledger.InvalidInputException;
import io.hazardledger.LedgerException;
import io.hazardledger.RuleViolationException;
import io.hazardledger.UnknownReferenceException;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

import java.util.Objects;
import java.util.function.Function;

/**
 * Matchers for the fixture's {@code expectException(...)}: each checks the exception class and its stable
 * {@link LedgerException#code()} (and, where there is one, the offending field), not only the message.
 */
public final class Refusals {

    private Refusals() {
    }

    /** A {@link RuleViolationException} with this code, e.g. {@code verifier-is-owner}. */
    public static Matcher<Throwable> ruleViolation(String code) {
        return refusal(RuleViolationException.class, code, "field", e -> null, null);
    }

    /** An {@link InvalidInputException} (code {@code invalid-input}) naming this field. */
    public static Matcher<Throwable> invalidInput(String field) {
        return refusal(InvalidInputException.class, "invalid-input", "field", InvalidInputException::field, field);
    }

    /** An {@link UnknownReferenceException} for a person ({@code unknown-person}) named in this field. */
    public static Matcher<Throwable> unknownPerson(String field) {
        return refusal(UnknownReferenceException.class, "unknown-person", "field", UnknownReferenceException::field, field);
    }

    /** An {@link UnknownReferenceException} for an enterprise ({@code unknown-enterprise}) named in this field. */
    public static Matcher<Throwable> unknownEnterprise(String field) {
        return refusal(UnknownReferenceException.class, "unknown-enterprise", "field", UnknownReferenceException::field, field);
    }

    private static <E extends LedgerException> Matcher<Throwable> refusal(Class<E> type, String code, String detailName,
                                                                         Function<E, String> detail, String expectedDetail) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                if (!type.isInstance(actual)) {
                    return false;
                }
                E e = type.cast(actual);
                return code.equals(e.code()) && (expectedDetail == null || Objects.equals(expectedDetail, detail.apply(e)));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(type.getSimpleName()).appendText(" with code ").appendValue(code);
                if (expectedDetail != null) {
                    description.appendText(" and " + detailName + " ").appendValue(expectedDetail);
                }
            }

            @Override
            public void describeMismatch(Object actual, Description description) {
                if (actual instanceof LedgerException e) {
                    description.appendText("was ").appendText(e.getClass().getSimpleName())
                               .appendText(" with code ").appendValue(e.code())
                               .appendText(": ").appendText(String.valueOf(e.getMessage()));
                } else {
                    description.appendText("was ").appendValue(actual);
                }
            }
        };
    }
}
