package io.hazardledger.flags;

import io.hazardledger.RuleViolationException;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.Directory;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.directory.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The acknowledgement of one flag, identified by the flag's id: at most one per flag (a second is refused as a
 * duplicate), by a person of the park office, of a flag that exists when it is acknowledged.
 */
public class FlagAcknowledgement {

    @AggregateIdentifier
    private String flagId;

    protected FlagAcknowledgement() {
        // for Axon
    }

    @CommandHandler
    public FlagAcknowledgement(AcknowledgeFlag cmd, Directory directory, IntegrityFlags flags) {
        PersonRecord person = directory.person(cmd.acknowledgedBy())
                .orElseThrow(() -> new UnknownReferenceException("acknowledgedBy", cmd.acknowledgedBy(), "person"));
        if (!person.roles().contains(Role.PARK_OFFICE)) {
            throw new RuleViolationException("acknowledger-not-park-office",
                    cmd.acknowledgedBy() + " is not of the park office, who alone may acknowledge a flag");
        }
        IntegrityFlag flag = flags.get(cmd.flagId())
                .orElseThrow(() -> new UnknownReferenceException("flagId", cmd.flagId(), "flag"));
        if (cmd.acknowledgedBy().equals(flag.personId())) {
            throw new RuleViolationException("acknowledger-flagged", "flag " + cmd.flagId() + " questions an act of "
                    + flag.personId() + ", who may not acknowledge it: another person of the park office does");
        }
        apply(new FlagAcknowledged(cmd.flagId(), cmd.reason(), cmd.acknowledgedBy()));
    }

    @EventSourcingHandler
    void on(FlagAcknowledged e) {
        flagId = e.flagId();
    }
}
