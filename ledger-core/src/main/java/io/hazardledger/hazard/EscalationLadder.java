package io.hazardledger.hazard;

import io.hazardledger.InvalidInputException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The escalation ladder: its steps in order, each with how long after the rectification became overdue it is taken.
 * The default is the three-year plan's: a notice letter at once, a circular after 7 days, a summons after 14, public
 * exposure after 30 (函告 → 通报 → 约谈 → 曝光). Written as {@code NAME:ISO-8601 duration,...}, for example
 * {@code NOTICE_LETTER:P0D,CIRCULAR:P7D,SUMMONS:P14D,PUBLIC_EXPOSURE:P30D}: days and times only (a month or a year
 * has no fixed length), each delay at most a hundred years. A park may name steps of its own beside the plan's four;
 * those four, where named, keep their rising order.
 */
public record EscalationLadder(List<Step> steps) {

    /** One step: its name (A–Z, digits and _, at most 40) and its delay after the rectification became overdue. */
    public record Step(String name, Duration afterOverdue) {
        public Step {
            if (name == null || !name.matches("[A-Z][A-Z0-9_]{0,39}")) {
                throw new InvalidInputException("ledger.escalation.steps",
                        "a step's name is A-Z, 0-9 and _, at most 40 characters: '" + name + "'");
            }
            if (afterOverdue == null || afterOverdue.isNegative()) {
                throw new InvalidInputException("ledger.escalation.steps", "step " + name + ": its delay must not be negative");
            }
            if (afterOverdue.compareTo(LONGEST) > 0) {
                throw new InvalidInputException("ledger.escalation.steps", "step " + name
                        + ": its delay must be at most " + LONGEST.toDays() + " days (P" + LONGEST.toDays() + "D)");
            }
        }
    }

    /** The longest delay a step may have: a hundred years, so that no step's time leaves the calendar. */
    static final Duration LONGEST = Duration.ofDays(36_525);

    /** The plan's four steps, in their rising order (DOMAIN.md): a ladder that names them keeps them in it. */
    private static final List<String> RISING = List.of("NOTICE_LETTER", "CIRCULAR", "SUMMONS", "PUBLIC_EXPOSURE");

    public EscalationLadder {
        steps = List.copyOf(steps);
        String highest = null;
        for (Step step : steps) {
            int rank = RISING.indexOf(step.name());
            if (rank >= 0 && highest != null && rank < RISING.indexOf(highest)) {
                throw new InvalidInputException("ledger.escalation.steps", "the plan's steps rise in the order "
                        + String.join(", ", RISING) + ": " + step.name() + " comes after " + highest);
            }
            highest = rank >= 0 ? step.name() : highest;
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).afterOverdue().compareTo(steps.get(i - 1).afterOverdue()) < 0) {
                throw new InvalidInputException("ledger.escalation.steps", "the steps must come in the order of their "
                        + "delays: " + steps.get(i).name() + " comes before " + steps.get(i - 1).name());
            }
            for (int j = 0; j < i; j++) {
                if (steps.get(j).name().equals(steps.get(i).name())) {
                    throw new InvalidInputException("ledger.escalation.steps", "step " + steps.get(i).name() + " is given twice");
                }
            }
        }
    }

    /** 函告 at once, 通报 after 7 days, 约谈 after 14, 曝光 after 30. */
    public static EscalationLadder defaults() {
        return parse("NOTICE_LETTER:P0D,CIRCULAR:P7D,SUMMONS:P14D,PUBLIC_EXPOSURE:P30D");
    }

    /** No step: overdue rectifications are recorded, never escalated. */
    public static EscalationLadder none() {
        return new EscalationLadder(List.of());
    }

    /** Reads {@code NAME:DURATION,...}; an empty text is no step. */
    public static EscalationLadder parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] nameAndDelay = part.strip().split(":", 2);
            if (nameAndDelay.length != 2) {
                throw new InvalidInputException("ledger.escalation.steps", "each step is NAME:DURATION (e.g. CIRCULAR:P7D), "
                        + "not '" + part.strip() + "'");
            }
            try {
                steps.add(new Step(nameAndDelay[0].strip(), Duration.parse(nameAndDelay[1].strip())));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("ledger.escalation.steps", "step " + nameAndDelay[0].strip()
                        + ": '" + nameAndDelay[1].strip() + "' is not an ISO-8601 duration of days and times such as "
                        + "P7D or PT12H (months and years have no fixed length)");
            }
        }
        return new EscalationLadder(steps);
    }

    /** The step numbered {@code stepNo} (from 1), if the ladder has it. */
    public Optional<Step> step(int stepNo) {
        return stepNo >= 1 && stepNo <= steps.size() ? Optional.of(steps.get(stepNo - 1)) : Optional.empty();
    }
}
