package io.hazardledger.hazard;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The deadline a hazard waits for ({@link #of}): its name, its payload and the moment it is due.
 * A row of the deadline scheduler serves it when it has the same name and payload and comes due no later than that
 * moment, or than {@link #RETRY_WAIT} from now (a step that waits, for the office's key or for a verification, is set
 * again that much later),
 * with a minute's slack for clocks that differ between the process that set the row and the one that compares.
 *
 * @param hazardId     the hazard
 * @param deadlineName {@code rectification-due} or {@code escalation-step}
 * @param payload      a {@link Hazard.DueDeadline} or a {@link Hazard.StepDeadline}
 * @param moment       when it is due: the end of the due date, or the step's delay after the overdue moment
 */
public record PendingDeadline(String hazardId, String deadlineName, Object payload, Instant moment) {

    /** How much later than now a row may come due and still serve a deadline: a step's retry, and a minute's slack. */
    public static final Duration RETRY_WAIT = Hazard.STEP_RETRY.plusMinutes(1);

    public PendingDeadline {
        Objects.requireNonNull(hazardId, "hazardId");
        Objects.requireNonNull(deadlineName, "deadlineName");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(moment, "moment");
    }

    /**
     * The deadline that a hazard not closed out waits for, by the state its deadline handlers check ({@link Hazard}):
     * the end of its due date until the ledger records it overdue for that date, then the ladder's next step; none
     * once it took the ladder's last step or its rectification passed verification, and, after the end, while a
     * rectification submitted before the end awaits verification (the verification decides: a failed one records the
     * due date overdue and sets the ladder's first step). docs/FORMAT.md 8.1.
     *
     * @param status       its status
     * @param submittedAt  when its latest submission was recorded (null when none was)
     * @param dueDate      its due date (the plan's, or the latest extension's)
     * @param cycle        how often it was reopened
     * @param overdueFor   the due date for which the ledger recorded it overdue in this cycle, or null
     * @param overdueSince when it became overdue for that date (with {@code overdueFor})
     * @param stepsTaken   the escalation steps taken since
     */
    public static Optional<PendingDeadline> of(String hazardId, HazardStatus status, Instant submittedAt,
                                               LocalDate dueDate, int cycle, LocalDate overdueFor,
                                               Instant overdueSince, int stepsTaken, EscalationLadder ladder,
                                               Clock clock) {
        if (status == HazardStatus.VERIFIED || status == HazardStatus.CLOSED) {
            return Optional.empty();
        }
        Instant end = Hazard.endOf(dueDate, clock);
        if (!dueDate.equals(overdueFor)) {
            boolean inTime = status == HazardStatus.RECTIFICATION_SUBMITTED && submittedAt.isBefore(end);
            if (inTime && !clock.instant().isBefore(end)) {
                return Optional.empty();
            }
            return Optional.of(new PendingDeadline(hazardId, Hazard.DUE, new Hazard.DueDeadline(dueDate, cycle), end));
        }
        int next = stepsTaken + 1;
        return ladder.step(next).map(step -> new PendingDeadline(hazardId, Hazard.STEP,
                new Hazard.StepDeadline(dueDate, next, cycle), overdueSince.plus(step.afterOverdue())));
    }

    /** Whether a scheduler row of this name and payload, due at {@code due}, fires for this deadline in time. */
    public boolean servedBy(String name, Object rowPayload, Instant due, Instant now) {
        Instant latest = now.plus(RETRY_WAIT).isAfter(moment) ? now.plus(RETRY_WAIT) : moment;
        return deadlineName.equals(name) && payload.equals(rowPayload) && !due.isAfter(latest);
    }

    /**
     * What it is, for people: {@code the end of its due date 2026-06-03 (cycle 0), at 2026-06-03T16:00:00Z} or
     * {@code escalation step 2 after the due date 2026-06-03 (cycle 0), at 2026-06-10T16:00:00Z}.
     */
    public String describe() {
        if (payload instanceof Hazard.StepDeadline step) {
            return "escalation step " + step.stepNo() + " after the due date " + step.dueDate() + " (cycle "
                    + step.cycle() + "), at " + moment;
        }
        Hazard.DueDeadline due = (Hazard.DueDeadline) payload;
        return "the end of its due date " + due.dueDate() + " (cycle " + due.cycle() + "), at " + moment;
    }

    /** Sets it again: a new row of the deadline scheduler, due at its moment (at once when that has passed). */
    public void setAgain(DeadlineManager deadlines) {
        deadlines.schedule(moment, deadlineName, payload,
                new AggregateScopeDescriptor(Hazard.class.getSimpleName(), hazardId));
    }
}
