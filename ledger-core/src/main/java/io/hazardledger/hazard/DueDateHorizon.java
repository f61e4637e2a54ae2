package io.hazardledger.hazard;

import io.hazardledger.InvalidInputException;
import io.hazardledger.RuleViolationException;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * How far ahead a rectification's due date may lie: a plan's {@code dueDate} and an extension's {@code newDueDate}
 * are at most {@code ahead} after the day they are recorded (in the park's time zone). Default one year
 * ({@code P1Y}): a due date decades away would keep a hazard from ever being overdue or escalated, and a longer
 * rectification is extended, with its reason and approver, each time it needs more (the {@code repeated-extensions}
 * flag shows it). Written as an ISO 8601 period of years, months and days ({@code P1Y}, {@code P18M}, {@code P400D}),
 * from one day to a hundred years.
 */
public record DueDateHorizon(Period ahead) {

    private static final String SETTING = "ledger.rectification.due-date-horizon";

    public DueDateHorizon {
        boolean within;
        try {
            within = ahead != null && !ahead.isNegative() && !ahead.isZero()
                    && !LocalDate.of(2000, 1, 1).plus(ahead).isAfter(LocalDate.of(2100, 1, 1));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            within = false;   // beyond the calendar: P999999999Y
        }
        if (!within) {
            throw new InvalidInputException(SETTING, "must be a period from one day to a hundred years (P1Y, P18M, "
                    + "P400D), not " + ahead);
        }
    }

    /** One year. */
    public static DueDateHorizon defaults() {
        return new DueDateHorizon(Period.ofYears(1));
    }

    /** Reads the setting's text (an ISO 8601 period); empty keeps the default. */
    public static DueDateHorizon parse(String text) {
        if (text == null || text.isBlank()) {
            return defaults();
        }
        try {
            return new DueDateHorizon(Period.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(SETTING, "must be an ISO 8601 period (P1Y, P18M, P400D), not '"
                    + text.strip() + "'");
        }
    }

    /**
     * Refuses a due date more than {@link #ahead} after {@code today}.
     *
     * @throws RuleViolationException {@code due-date-too-far}, naming {@code field}
     */
    void check(String field, LocalDate due, LocalDate today) {
        LocalDate latest = today.plus(ahead);
        if (due.isAfter(latest)) {
            throw new RuleViolationException("due-date-too-far", field + " " + due + " lies more than " + ahead
                    + " after today (" + today + "): the latest allowed is " + latest + "; a longer rectification is "
                    + "extended, with its reason and approver, when it needs more time", field);
        }
    }
}
