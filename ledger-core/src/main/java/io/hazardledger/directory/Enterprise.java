package io.hazardledger.directory;

import io.hazardledger.RuleViolationException;
import io.hazardledger.UnknownReferenceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An enterprise of the park, and its supervision grade. */
public class Enterprise {

    @AggregateIdentifier
    private String enterpriseId;
    /** The grade last recorded; null before the first. */
    private io.hazardledger.supervision.SupervisionGrade grade;
    /** Where the recorded grade was read: a later review never records a reading older than it. */
    private java.time.LocalDate judgedOn;
    private long atSize;
    /** The principal responsible person in office; null before the first appointment. */
    private String principalId;

    protected Enterprise() {
    }

    @CommandHandler
    public Enterprise(RegisterEnterprise cmd) {
        apply(new EnterpriseRegistered(cmd.enterpriseId(), cmd.name(), cmd.sector(), cmd.highRisk(), cmd.size()));
    }

    @CommandHandler
    public void handle(AppointPrincipal cmd, Directory directory) {
        PersonRecord person = directory.person(cmd.personId())
                .orElseThrow(() -> new UnknownReferenceException("personId", cmd.personId(), "person"));
        if (!enterpriseId.equals(person.enterpriseId())) {
            throw new RuleViolationException("principal-not-of-enterprise",
                    "the principal responsible person must belong to enterprise " + enterpriseId);
        }
        if (cmd.personId().equals(principalId)) {
            // an appointment of the one in office would end their responsibility and begin it again, as two
            throw new RuleViolationException("already-principal", cmd.personId() + " is already the principal "
                    + "responsible person of enterprise " + enterpriseId);
        }
        apply(new PrincipalAppointed(enterpriseId, cmd.personId()));
    }

    @CommandHandler
    public void handle(RecordEvacuationDrill cmd, Directory directory, java.time.Clock clock) {
        PersonRecord person = directory.person(cmd.recordedBy())
                .orElseThrow(() -> new UnknownReferenceException("recordedBy", cmd.recordedBy(), "person"));
        if (person.enterpriseId() != null && !enterpriseId.equals(person.enterpriseId())) {
            throw new RuleViolationException("recorder-of-another-enterprise",
                    "a drill is recorded by the enterprise's own staff or the park's, not by " + cmd.recordedBy());
        }
        if (cmd.heldOn().isAfter(java.time.LocalDate.now(clock))) {
            throw new io.hazardledger.InvalidInputException("heldOn", "must not be in the future");
        }
        apply(new EvacuationDrillHeld(enterpriseId, cmd.heldOn(), cmd.description(), cmd.recordedBy()));
    }

    /**
     * A grade review: the enterprise is scored as the ledger stands now, and a grade other than the one last recorded
     * (or the first) is recorded, signed by the park office, stating every input. The same grade records nothing, so
     * a review run twice, or by two processes at once, records a change once (the second one's write conflicts with
     * the first and, retried, finds the grade recorded).
     */
    @CommandHandler
    public void handle(io.hazardledger.supervision.internal.ReviewGrade cmd, io.hazardledger.supervision.Grades grades,
                       io.hazardledger.signing.internal.OfficeSeal seal) {
        var assessment = grades.assess(enterpriseId).orElseThrow(() -> new IllegalStateException(
                "enterprise " + enterpriseId + " is not in the directory"));
        if (assessment.grade() == grade) {
            return;
        }
        if (judgedOn != null && (assessment.judgedOn().isBefore(judgedOn) || assessment.atSize() < atSize)) {
            return;   // a reading older than the one recorded (another node's clock behind): it never goes back
        }
        seal.unavailable().ifPresent(why -> {
            throw new RuleViolationException("office-seal-unavailable", "the grade of " + enterpriseId + " is now "
                    + assessment.grade() + " but the park office cannot sign it: " + why);
        });
        var changed = new io.hazardledger.supervision.SupervisionGradeChanged(enterpriseId, grade, assessment.grade(),
                assessment.score(), assessment.factors(), assessment.thresholds(), assessment.atSize(),
                assessment.judgedOn(), assessment.zone(), assessment.flagParameters(), seal.officeId().orElseThrow());
        apply(changed, seal.seal("enterprise.grade", enterpriseId, changed));
    }

    @EventSourcingHandler
    void on(EnterpriseRegistered e) {
        this.enterpriseId = e.enterpriseId();
    }

    @EventSourcingHandler
    void on(PrincipalAppointed e) {
        this.principalId = e.personId();
    }

    @EventSourcingHandler
    void on(io.hazardledger.supervision.SupervisionGradeChanged e) {
        this.grade = e.grade();
        this.judgedOn = e.judgedOn();
        this.atSize = e.atSize();
    }
}
