package io.hazardledger.directory;

import io.hazardledger.UnknownReferenceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A person known to the ledger: enterprise staff, inspector, verifier, park office, auditor ... */
public class Person {

    @AggregateIdentifier
    private String personId;

    protected Person() {
    }

    @CommandHandler
    public Person(RegisterPerson cmd, Directory directory) {
        if (cmd.enterpriseId() != null && directory.enterprise(cmd.enterpriseId()).isEmpty()) {
            throw new UnknownReferenceException("enterpriseId", cmd.enterpriseId(), "enterprise");
        }
        apply(new PersonRegistered(cmd.personId(), cmd.name(), cmd.enterpriseId(), List.copyOf(new java.util.TreeSet<>(cmd.roles()))));
    }

    @EventSourcingHandler
    void on(PersonRegistered e) {
        this.personId = e.personId();
    }
}
