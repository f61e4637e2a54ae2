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

    @EventSourcingHandler
    void on(EnterpriseRegistered e) {
        this.enterpriseId = e.enterpriseId();
    }
}
