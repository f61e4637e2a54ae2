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

    private static String actor(io.hazardledger.register.HistoryEntry e) {
        try {
            return io.hazardledger.dossier.DossierVerifier.actorOf(e.eventType(),
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.entryJson()).path("payload"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("entry " + e.index() + " is not JSON", ex);
        }
    }

    protected FlagAcknowledgement() {
        // for Axon
    }

    @CommandHandler
    public FlagAcknowledgement(AcknowledgeFlag cmd, Directory directory, IntegrityFlags flags,
                               io.hazardledger.register.HazardRegister register) {
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
        // nor does a person who acted in an entry the flag cites (a flag names one person; it may question two acts)
        if (flag.hazardId() != null) {
            java.util.Set<Long> cited = new java.util.HashSet<>();
            flag.entries().forEach(e -> cited.add(e.index()));
            for (io.hazardledger.register.HistoryEntry e : register.history(flag.hazardId())) {
                if (cited.contains(e.index()) && cmd.acknowledgedBy().equals(actor(e))) {
                    throw new RuleViolationException("acknowledger-flagged", "flag " + cmd.flagId() + " cites entry "
                            + e.index() + " (" + e.eventType() + "), an act of " + cmd.acknowledgedBy()
                            + ", who may not acknowledge it: another person of the park office does");
                }
            }
        }
        apply(new FlagAcknowledged(cmd.flagId(), cmd.reason(), cmd.acknowledgedBy()));
    }

    @EventSourcingHandler
    void on(FlagAcknowledged e) {
        flagId = e.flagId();
    }
}
