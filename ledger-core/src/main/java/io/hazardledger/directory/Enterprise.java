package io.hazardledger.directory;

import io.hazardledger.RuleViolationException;
import io.hazardledger.UnknownReferenceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An enterprise of the park. */
public class Enterprise {

    @AggregateIdentifier
    private String enterpriseId;

    protected Enterprise() {
    }

    @CommandHandler
    public Enterprise(RegisterEnterprise cmd) {
        apply(new EnterpriseRegistered(cmd.enterpriseId(), cmd.name(), cmd.sector(), cmd.highRisk()));
    }

    @CommandHandler
    public void handle(AppointPrincipal cmd, Directory directory) {
        PersonRecord person = directory.person(cmd.personId())
                .orElseThrow(() -> new UnknownReferenceException("personId", cmd.personId(), "person"));
        if (!enterpriseId.equals(person.enterpriseId())) {
            throw new RuleViolationException("principal-not-of-enterprise",
                    "the principal responsible person must belong to enterprise " + enterpriseId);
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

    @EventSourcingHandler
    void on(EnterpriseRegistered e) {
        this.enterpriseId = e.enterpriseId();
    }
}
