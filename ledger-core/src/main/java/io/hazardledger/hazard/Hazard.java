package io.hazardledger.hazard;

import io.hazardledger.InvalidInputException;
import io.hazardledger.RuleViolationException;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.Directory;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.inspection.InspectionRecord;
import io.hazardledger.inspection.Inspections;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.signing.internal.OfficeSeal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A hazard and the rules of its closed loop. Command handlers check a rule and apply an event;
 * event-sourcing handlers only assign fields.
 */
public class Hazard {

    /** How far a claimed time may lie ahead of the ledger's clock (clock skew of the reporting device). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String hazardId;
    private HazardLevel level;
    private HazardStatus status;
    /** The day the hazard was found, in the park's time zone: no due date may lie before it. */
    private LocalDate foundOn;
    private String ownerId;
    private LocalDate dueDate;
    private int submissionNo;
    /** Everyone who submitted a rectification since the plan: none of them may verify it ("never who did it"). */
    private final java.util.Set<String> submitters = new java.util.HashSet<>();
    /** When the latest submission was recorded (its entry's time, which decides whether it came in time). */
    private Instant submittedAt;
    /** The due date recorded overdue (null until one was), since when, and the escalation steps taken. */
    private LocalDate overdueFor;
    private Instant overdueSince;
    private int escalatedSteps;
    /** How often the hazard was reopened: a deadline belongs to one cycle of the closed loop. */
    private int reopenings;

    /** The deadline at the end of the due date, and the deadline of the next escalation step. */
    static final String DUE = "rectification-due";
    static final String STEP = "escalation-step";

    /**
     * The payload of the {@link #DUE} deadline: the due date it was set for (a later plan or extension replaces it),
     * in which cycle of the closed loop (the number of reopenings before it).
     */
    public record DueDeadline(LocalDate dueDate, int cycle) {
    }

    /** The payload of a {@link #STEP} deadline: the due date that passed, the step (from 1) to take, and the cycle. */
    public record StepDeadline(LocalDate dueDate, int stepNo, int cycle) {
    }

    /**
     * How long a step waits before it is looked at again: for the office's key, or for the verification of a
     * rectification submitted in time (of a due date recorded overdue by a ledger before schema version 22).
     */
    static final Duration STEP_RETRY = Duration.ofMinutes(15);

    /**
     * How long before the end of the due date a submission's write sets the ladder's first step in case its entry is
     * recorded after the end (the entry's time is taken as the event is applied, a moment after the handler looks).
     */
    static final Duration LATE_MARGIN = Duration.ofMinutes(1);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Hazard.class);

    protected Hazard() {
    }

    @CommandHandler
    public Hazard(ReportHazard cmd, Directory directory, Clock clock, Inspections inspections) {
        if (directory.enterprise(cmd.enterpriseId()).isEmpty()) {
            throw new UnknownReferenceException("enterpriseId", cmd.enterpriseId(), "enterprise");
        }
        PersonRecord reporter = person(directory, "reportedBy", cmd.reportedBy());
        if (cmd.inspectionId() == null) {
            requireSourceOfReporter(cmd, reporter);
        }
        if (cmd.level() == HazardLevel.MAJOR && (cmd.criterionRef() == null || cmd.criterionRef().isBlank())) {
            throw new InvalidInputException("criterionRef",
                    "a major hazard must cite the clause of the major-hazard criteria it falls under");
        }
        if (cmd.foundAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw new InvalidInputException("foundAt", "must not be in the future");
        }
        notInTheFuture(cmd.evidence(), clock);
        if (cmd.inspectionId() != null) {
            requireFailingItem(inspections, directory, cmd);
        }
        apply(new HazardReported(cmd.hazardId(), cmd.enterpriseId(), cmd.level(), cmd.source(), cmd.criterionRef(),
                cmd.category(), cmd.location(), cmd.description(), cmd.cause(), cmd.foundAt(), cmd.reportedBy(),
                cmd.evidence(), cmd.inspectionId(), cmd.itemNo()));
    }

    @CommandHandler
    public void handle(PlanRectification cmd, Directory directory, DeadlineManager deadlines, Clock clock,
                       DueDateHorizon horizon) {
        requireStatus("plan a rectification", HazardStatus.REPORTED);
        person(directory, "ownerId", cmd.ownerId());
        person(directory, "plannedBy", cmd.plannedBy());
        if (cmd.dueDate().isBefore(foundOn)) {
            throw new RuleViolationException("due-date-before-found",
                    "the due date " + cmd.dueDate() + " lies before the hazard was found (" + foundOn + ")");
        }
        horizon.check("dueDate", cmd.dueDate(), LocalDate.now(clock));
        // before apply: the deadline's row is written before the events take the chain head's lock
        dueAt(deadlines, cmd.dueDate(), reopenings, clock);
        apply(new RectificationPlanned(hazardId, cmd.measures(), cmd.ownerId(), cmd.dueDate(), cmd.funding(),
                cmd.interimControls(), cmd.contingencyPlan(), cmd.plannedBy()));
    }

    /**
     * Sets the deadline at the end of the due date: a row of the ledger's database (db-scheduler), written in the same
     * transaction as this write's events, so that it exists exactly when the write does; it fires after a restart,
     * once, on one node. Earlier deadlines are not looked for and cancelled (that would read every open hazard's):
     * one whose due date was replaced, or whose hazard was closed out, finds so when it fires and does nothing.
     */
    private static void dueAt(DeadlineManager deadlines, LocalDate dueDate, int cycle, Clock clock) {
        deadlines.schedule(endOf(dueDate, clock), DUE, new DueDeadline(dueDate, cycle));
    }

    /**
     * The deadline a hazard waits for, from its events in ledger order (as stored: each with the time it was
     * recorded), folded by its own event-sourcing handlers into the state its deadline handlers check
     * ({@link PendingDeadline#of}); none when it is closed out or has no due date.
     */
    public static java.util.Optional<PendingDeadline> pendingDeadline(
            Iterable<? extends org.axonframework.eventhandling.EventMessage<?>> events, EscalationLadder ladder,
            Clock clock) {
        Hazard h = new Hazard();
        for (org.axonframework.eventhandling.EventMessage<?> message : events) {
            Object e = message.getPayload();
            java.lang.reflect.Method handler = SOURCING_HANDLERS.get(e.getClass());
            if (handler == null) {
                continue;   // an event no handler sources the hazard from
            }
            Object[] args = new Object[handler.getParameterCount()];
            args[0] = e;
            for (int i = 1; i < args.length; i++) {
                if (handler.getParameterTypes()[i] == Clock.class) {
                    args[i] = clock;
                } else if (handler.getParameters()[i].isAnnotationPresent(
                        org.axonframework.eventhandling.Timestamp.class)) {
                    args[i] = message.getTimestamp();
                } else {
                    throw new IllegalStateException("an event-sourcing handler of Hazard takes a parameter other "
                            + "than its event, the clock and its recorded time: " + handler);
                }
            }
            try {
                handler.invoke(h, args);
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException("could not fold " + e.getClass().getSimpleName() + " into a hazard", x);
            }
        }
        if (h.hazardId == null || h.status == HazardStatus.CLOSED || h.dueDate == null) {
            return java.util.Optional.empty();
        }
        return PendingDeadline.of(h.hazardId, h.status, h.submittedAt, h.dueDate, h.reopenings, h.overdueFor,
                h.overdueSince, h.escalatedSteps, ladder, clock);
    }

    /** The event-sourcing handlers below, by the type of event each takes (its first parameter). */
    private static final java.util.Map<Class<?>, java.lang.reflect.Method> SOURCING_HANDLERS =
            java.util.Arrays.stream(Hazard.class.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(EventSourcingHandler.class))
                    .collect(java.util.stream.Collectors.toUnmodifiableMap(m -> m.getParameterTypes()[0], m -> m));

    /** A due date ends at the start of the next day in the park's time zone (the clock's). */
    static Instant endOf(LocalDate dueDate, Clock clock) {
        return dueDate.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    /**
     * The due date ended with no rectification submitted in time: the ledger records it overdue, and the escalation
     * ladder starts (docs/FORMAT.md 8.1). A rectification submitted before the end answers the due date unless its
     * verification fails ({@link #handle(VerifyRectification, Directory, Clock, DeadlineManager, EscalationLadder)});
     * the verification and the close-out are the park's work, and their delay makes nobody overdue.
     */
    @DeadlineHandler(deadlineName = DUE)
    public void onDue(DueDeadline due, DeadlineManager deadlines, EscalationLadder ladder, Clock clock) {
        if (rectified() || due.cycle() != reopenings || dueDate == null
                || !dueDate.equals(due.dueDate()) || due.dueDate().equals(overdueFor)) {
            return; // rectified, reopened, replanned, extended or already recorded (a deadline may fire twice)
        }
        Instant since = endOf(dueDate, clock);
        if (clock.instant().isBefore(since)) {
            // fired before its moment (until schema version 20, an H2 store run in a zone west of the one that set it
            // did: SchedulerTimes). Nothing is recorded before the due date has ended: it is set again for its moment.
            LOG.warn("the due date of {} came due at {}, before its end {}: set again for it", hazardId,
                    clock.instant(), since);
            deadlines.schedule(since, DUE, due);
            return;
        }
        if (submittedInTime(clock)) {
            return; // its verification decides
        }
        firstStep(deadlines, ladder, clock);
        apply(new RectificationOverdue(hazardId, dueDate, since));
    }

    /** Whether the rectification passed verification (and may have been closed out since): nothing is overdue. */
    private boolean rectified() {
        return status == HazardStatus.CLOSED || status == HazardStatus.VERIFIED;
    }

    /**
     * Whether a rectification submitted before the end of the due date in force awaits verification (its entry's
     * recorded time before the end; an extension counts it for the new due date too).
     */
    private boolean submittedInTime(Clock clock) {
        return status == HazardStatus.RECTIFICATION_SUBMITTED && dueDate != null
                && submittedAt.isBefore(endOf(dueDate, clock));
    }

    /** Whether the due date in force has ended by {@code at} and the ledger has not recorded it overdue yet. */
    private boolean endedUnrecorded(Instant at, Clock clock) {
        return dueDate != null && !dueDate.equals(overdueFor) && !at.isBefore(endOf(dueDate, clock));
    }

    /**
     * Sets the ladder's first step for the due date in force, counted from its end (at once when that moment has
     * passed, as when the overdue notice comes with a late act). Before the events are applied: the deadline's row is
     * written before the events take the chain head's lock.
     */
    private void firstStep(DeadlineManager deadlines, EscalationLadder ladder, Clock clock) {
        Instant since = endOf(dueDate, clock);
        ladder.step(1).ifPresent(first -> deadlines.schedule(since.plus(first.afterOverdue()), STEP,
                new StepDeadline(dueDate, 1, reopenings)));
    }

    private void applyOverdue(Clock clock) {
        apply(new RectificationOverdue(hazardId, dueDate, endOf(dueDate, clock)));
    }

    /** A step of the escalation ladder is due: the office takes it, signed with its key, and the next one is set. */
    @DeadlineHandler(deadlineName = STEP)
    public void onStep(StepDeadline due, DeadlineManager deadlines, EscalationLadder ladder, OfficeSeal seal, Clock clock) {
        if (rectified() || due.cycle() != reopenings
                || !due.dueDate().equals(overdueFor) || !due.dueDate().equals(dueDate)
                || escalatedSteps != due.stepNo() - 1) {
            return; // rectified, reopened, extended, or this step already taken (steps are taken in order, once)
        }
        EscalationLadder.Step step = ladder.step(due.stepNo()).orElse(null);
        if (step == null) {
            return; // the ladder was shortened since
        }
        Instant moment = overdueSince.plus(step.afterOverdue());
        if (clock.instant().isBefore(moment)) {
            LOG.warn("escalation step {} of {} came due at {}, before its "
                    + "moment {}: set again for it", step.name(), hazardId, clock.instant(), moment);
            deadlines.schedule(moment, STEP, due);   // fired before its moment (see onDue): set again for it
            return;
        }
        if (submittedInTime(clock)) {
            // a rectification submitted before the end awaits verification: the step waits for the verification
            // (only a store's entries from before schema version 22 record a due date overdue with one: FORMAT 8.1)
            deadlines.schedule(clock.instant().plus(STEP_RETRY), STEP, due);
            return;
        }
        var unavailable = seal.unavailable();
        if (unavailable.isPresent()) {
            // nobody can sign the step yet: it waits, and is looked at again a while later
            LOG.warn("escalation step {} of {} waits {}: {}", step.name(),
                    hazardId, STEP_RETRY, unavailable.get());
            deadlines.schedule(clock.instant().plus(STEP_RETRY), STEP, due);
            return;
        }
        String office = seal.officeId().orElseThrow();
        HazardEscalated escalated = new HazardEscalated(hazardId, due.stepNo(), step.name(), dueDate, overdueSince,
                office);
        ladder.step(due.stepNo() + 1).ifPresent(next -> deadlines.schedule(overdueSince.plus(next.afterOverdue()),
                STEP, new StepDeadline(dueDate, due.stepNo() + 1, reopenings)));
        apply(escalated, seal.seal("hazard.escalate", hazardId, escalated));
    }

    /**
     * A submission after the due date's end, before the ledger recorded it overdue (its deadline had not fired: a
     * server down at that moment), answers nothing: the ledger records the due date overdue right after it, in the same
     * write (after, not before: a signed submission names the hazard's entry before it, the one its signer saw), and
     * the ladder starts, its steps whose moments have passed taken at once.
     */
    @CommandHandler
    public void handle(SubmitRectification cmd, Directory directory, Clock clock, DeadlineManager deadlines,
                       EscalationLadder ladder) {
        requireStatus("submit a rectification", HazardStatus.RECTIFICATION_PLANNED);
        notInTheFuture(cmd.evidence(), clock);
        person(directory, "submittedBy", cmd.submittedBy());
        if (level == HazardLevel.MAJOR && cmd.evidence().isEmpty()) {
            throw new RuleViolationException("evidence-required",
                    "the rectification of a major hazard must be submitted with evidence");
        }
        boolean stepSet = possiblyLate(deadlines, ladder, clock);
        apply(new RectificationSubmitted(hazardId, submissionNo + 1, cmd.summary(), cmd.evidence(), cmd.submittedBy()));
        if (endedUnrecorded(submittedAt, clock)) {
            overdueAfterAct(stepSet, deadlines, ladder, clock);
        }
    }

    /**
     * Whether an act now may be recorded after the end of the due date in force, which the ledger has not recorded
     * overdue: then the ladder's first step is set at once, before the events take the chain head's lock (it does
     * nothing if no notice is recorded). The act's entry's recorded time, which decides, is taken as it is applied, a
     * moment after the handler looks.
     */
    private boolean possiblyLate(DeadlineManager deadlines, EscalationLadder ladder, Clock clock) {
        boolean possibly = endedUnrecorded(clock.instant().plus(LATE_MARGIN), clock);
        if (possibly) {
            firstStep(deadlines, ladder, clock);
        }
        return possibly;
    }

    /**
     * Records the due date in force overdue right after the act just applied, which its recorded time showed late;
     * the ladder's first step too when {@link #possiblyLate} did not set it (a clock that stamps entries more than
     * {@link #LATE_MARGIN} ahead of the ledger's, or a handler that long between the look and the act).
     */
    private void overdueAfterAct(boolean stepSet, DeadlineManager deadlines, EscalationLadder ladder, Clock clock) {
        if (!stepSet) {
            firstStep(deadlines, ladder, clock);
        }
        applyOverdue(clock);
    }

    /**
     * A verification that fails after the due date's end leaves it unanswered: the ledger records it overdue since that
     * end, right after the verification, in the same write (unless it already did: a late submission), and the ladder
     * starts, its steps whose moments have passed taken at once.
     */
    @CommandHandler
    public void handle(VerifyRectification cmd, Directory directory, Clock clock, DeadlineManager deadlines,
                       EscalationLadder ladder) {
        requireStatus("verify a rectification", HazardStatus.RECTIFICATION_SUBMITTED);
        person(directory, "verifierId", cmd.verifierId());
        if (cmd.verifierId().equals(ownerId)) {
            throw new RuleViolationException("verifier-is-owner",
                    "the verifier must not be the rectification owner (" + ownerId + ")");
        }
        if (submitters.contains(cmd.verifierId())) {
            throw new RuleViolationException("verifier-is-submitter",
                    "the verifier must not be a person who submitted this rectification (" + cmd.verifierId() + ")");
        }
        // failed after the end by the ledger's clock, which runs the deadlines (the notice decides nothing: the
        // hazard is planned again, overdue by its due date alone)
        boolean overdueNow = !cmd.passed() && endedUnrecorded(clock.instant(), clock);
        if (overdueNow) {
            firstStep(deadlines, ladder, clock);
        }
        if (!cmd.passed() && submittedInTime(clock) && dueDate.equals(overdueFor)) {
            // recorded overdue already, its ladder's next step waiting for this verification (a ledger before schema
            // version 22 recorded in-time submissions overdue): looked at now, not a retry later
            int next = escalatedSteps + 1;
            ladder.step(next).ifPresent(step -> deadlines.schedule(clock.instant(), STEP,
                    new StepDeadline(dueDate, next, reopenings)));
        }
        apply(new RectificationVerified(hazardId, submissionNo, cmd.passed(), cmd.remarks(), cmd.verifierId()));
        if (overdueNow) {
            applyOverdue(clock);
        }
    }

    @CommandHandler
    public void handle(CloseOutHazard cmd, Directory directory) {
        rejectIfClosed("close out");
        if (status != HazardStatus.VERIFIED) {
            throw new RuleViolationException("close-out-without-passed-verification",
                    "hazard " + hazardId + " can be closed out only after its latest rectification passed verification; it is "
                            + status);
        }
        person(directory, "closedBy", cmd.closedBy());
        apply(new HazardClosedOut(hazardId, submissionNo, cmd.remarks(), cmd.closedBy()));
    }

    @CommandHandler
    public void handle(ReopenHazard cmd, Directory directory) {
        if (status != HazardStatus.CLOSED) {
            throw new RuleViolationException("illegal-transition",
                    "only a closed-out hazard can be reopened; hazard " + hazardId + " is " + status);
        }
        person(directory, "reopenedBy", cmd.reopenedBy());
        apply(new HazardReopened(hazardId, cmd.reason(), cmd.reopenedBy()));
    }

    @CommandHandler
    public void handle(ExtendDeadline cmd, Directory directory, Clock clock, DeadlineManager deadlines,
                       DueDateHorizon horizon) {
        requireStatus("extend the deadline", HazardStatus.RECTIFICATION_PLANNED, HazardStatus.RECTIFICATION_SUBMITTED);
        person(directory, "approverId", cmd.approverId());
        if (cmd.approverId().equals(ownerId)) {
            throw new RuleViolationException("approver-is-owner",
                    "the approver of an extension must not be the rectification owner (" + ownerId + ")");
        }
        LocalDate today = LocalDate.now(clock);   // once: both checks judge the same day
        if (cmd.newDueDate().isBefore(today)) {
            throw new RuleViolationException("extension-into-the-past",
                    "an extension must give a due date from today (" + today + ") on; got " + cmd.newDueDate());
        }
        if (!cmd.newDueDate().isAfter(dueDate)) {
            throw new RuleViolationException("extension-not-later",
                    "an extension must move the due date later than " + dueDate + "; got " + cmd.newDueDate());
        }
        horizon.check("newDueDate", cmd.newDueDate(), today);
        dueAt(deadlines, cmd.newDueDate(), reopenings, clock);
        LocalDate replaced = dueDate;
        boolean missed = status == HazardStatus.RECTIFICATION_PLANNED && endedUnrecorded(clock.instant(), clock);
        apply(new DeadlineExtended(hazardId, dueDate, cmd.newDueDate(), cmd.reason(), cmd.approverId()));
        if (missed) {
            // extended after the end, before the ledger recorded it overdue (its deadline had not fired): recorded
            // right after (as for a late submission), so that the due date it replaced shows as missed; no ladder for
            // a date no longer in force
            apply(new RectificationOverdue(hazardId, replaced, endOf(replaced, clock)));
        }
    }

    private static void notInTheFuture(java.util.List<Evidence> evidence, Clock clock) {
        for (Evidence e : evidence) {
            if (e.capturedAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
                throw new InvalidInputException("evidence.capturedAt", "must not be in the future");
            }
        }
    }

    /**
     * A hazard that cites an inspection item: the item failed, in that enterprise, and raised no hazard yet; its
     * source is the inspection's kind (the enterprise's own inspector: a self-inspection; anyone else: supervisory),
     * and a supervisory inspection's item is raised by the park, not by the enterprise it inspected (whose staff
     * would otherwise raise it first, as self-reported, at a level of their choosing).
     */
    private static void requireFailingItem(Inspections inspections, Directory directory, ReportHazard cmd) {
        InspectionRecord inspection = inspections.inspection(cmd.inspectionId())
                .orElseThrow(() -> new UnknownReferenceException("inspectionId", cmd.inspectionId(), "inspection"));
        InspectionRecord.Item item = inspection.items().stream().filter(i -> i.itemNo().equals(cmd.itemNo()))
                .findFirst().orElseThrow(() -> new UnknownReferenceException("itemNo", cmd.itemNo(), "checklist item"));
        if (!inspection.enterpriseId().equals(cmd.enterpriseId())) {
            throw new RuleViolationException("inspection-of-another-enterprise",
                    "inspection " + cmd.inspectionId() + " inspected " + inspection.enterpriseId());
        }
        if (item.result() != ItemResult.FAIL) {
            throw new RuleViolationException("item-not-failed", "item " + cmd.itemNo() + " of inspection "
                    + cmd.inspectionId() + " did not fail (" + item.result() + ")");
        }
        if (item.hazardId() != null) {
            throw new RuleViolationException("item-already-raised", "item " + cmd.itemNo() + " already raised hazard "
                    + item.hazardId());
        }
        boolean self = directory.person(inspection.inspectorId())
                .map(p -> inspection.enterpriseId().equals(p.enterpriseId())).orElse(false);
        HazardSource kind = self ? HazardSource.SELF_INSPECTION : HazardSource.SUPERVISORY_INSPECTION;
        if (cmd.source() != kind) {
            throw new InvalidInputException("source", "must be " + kind + ": inspection " + cmd.inspectionId()
                    + " was made by " + inspection.inspectorId() + (self ? ", of the enterprise" : ", of the park"));
        }
        if (!self && directory.person(cmd.reportedBy()).map(p -> p.enterpriseId() != null).orElse(false)) {
            throw new RuleViolationException("item-of-park-inspection", "item " + cmd.itemNo() + " of inspection "
                    + cmd.inspectionId() + " was found by the park's inspector " + inspection.inspectorId()
                    + ": the park raises it as a hazard, not the enterprise's staff (" + cmd.reportedBy() + ")");
        }
    }

    /**
     * A hazard reported outside a checklist's item is found by whom its source names: a self-inspection's by the
     * enterprise's own staff, a supervisory inspection's by the park's (a person of no enterprise). Else an enterprise
     * would count the park's finding as its own self-inspection, or its own report as the park's finding, in the
     * statistics by source and the silent-self-inspection flag. (An item's source follows its inspection:
     * {@link #requireFailingItem}.)
     */
    private static void requireSourceOfReporter(ReportHazard cmd, PersonRecord reporter) {
        if (cmd.source() == HazardSource.SELF_INSPECTION && !cmd.enterpriseId().equals(reporter.enterpriseId())) {
            throw new InvalidInputException("source", "must not be SELF_INSPECTION: " + cmd.reportedBy() + " is "
                    + (reporter.enterpriseId() == null ? "of the park" : "of " + reporter.enterpriseId())
                    + ", and a self-inspection's hazard is reported by the staff of the enterprise, "
                    + cmd.enterpriseId());
        }
        if (cmd.source() == HazardSource.SUPERVISORY_INSPECTION && reporter.enterpriseId() != null) {
            throw new InvalidInputException("source", "must not be SUPERVISORY_INSPECTION: " + cmd.reportedBy()
                    + " is of " + reporter.enterpriseId() + ", and a supervisory inspection's hazard is reported "
                    + "by the park's staff");
        }
    }

    private void requireStatus(String action, HazardStatus... allowed) {
        rejectIfClosed(action);
        for (HazardStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new RuleViolationException("illegal-transition",
                "cannot " + action + ": hazard " + hazardId + " is " + status);
    }

    private void rejectIfClosed(String action) {
        if (status == HazardStatus.CLOSED) {
            throw new RuleViolationException("hazard-closed",
                    "cannot " + action + ": hazard " + hazardId + " is closed out; only reopen is allowed");
        }
    }

    private static PersonRecord person(Directory directory, String field, String personId) {
        return directory.person(personId).orElseThrow(() -> new UnknownReferenceException(field, personId, "person"));
    }

    @EventSourcingHandler
    void on(HazardReported e, Clock clock) {
        hazardId = e.hazardId();
        level = e.level();
        status = HazardStatus.REPORTED;
        foundOn = LocalDate.ofInstant(e.foundAt(), clock.getZone());
    }

    @EventSourcingHandler
    void on(RectificationPlanned e) {
        status = HazardStatus.RECTIFICATION_PLANNED;
        ownerId = e.ownerId();
        dueDate = e.dueDate();
    }

    @EventSourcingHandler
    void on(RectificationSubmitted e, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        status = HazardStatus.RECTIFICATION_SUBMITTED;
        submittedAt = recordedAt;
        submissionNo = e.submissionNo();
        submitters.add(e.submittedBy());
    }

    @EventSourcingHandler
    void on(RectificationVerified e) {
        status = e.passed() ? HazardStatus.VERIFIED : HazardStatus.RECTIFICATION_PLANNED;
    }

    @EventSourcingHandler
    void on(HazardClosedOut e) {
        status = HazardStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(HazardReopened e) {
        status = HazardStatus.REPORTED;
        ownerId = null;
        dueDate = null;
        overdueFor = null;
        escalatedSteps = 0;
        reopenings++;
        submitters.clear();
    }

    @EventSourcingHandler
    void on(DeadlineExtended e) {
        dueDate = e.newDueDate();
    }

    @EventSourcingHandler
    void on(RectificationOverdue e) {
        overdueFor = e.dueDate();
        overdueSince = e.overdueSince();
        escalatedSteps = 0;
    }

    @EventSourcingHandler
    void on(HazardEscalated e) {
        escalatedSteps = e.stepNo();
    }
}
