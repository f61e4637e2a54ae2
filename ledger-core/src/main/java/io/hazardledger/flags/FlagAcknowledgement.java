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

    /** The roles of the cited entries whose acts a flag of each rule questions (docs/FLAGS.md). */
    private static final java.util.Map<FlagRule, java.util.Set<String>> QUESTIONED = java.util.Map.of(
            FlagRule.REPEATED_EXTENSIONS, java.util.Set.of("extension"),
            FlagRule.LAST_MINUTE_CLOSURE, java.util.Set.of("close-out"),
            FlagRule.CLOSURE_BURST, java.util.Set.of("close-out"),
            FlagRule.RECURRENCE, java.util.Set.of("close-out"),
            FlagRule.CLOSED_WITHOUT_PASSED_VERIFICATION, java.util.Set.of("close-out"),
            FlagRule.AFTER_EQUALS_BEFORE, java.util.Set.of("submission"),
            FlagRule.EVIDENCE_BEFORE_FACT, java.util.Set.of("submission"),
            FlagRule.VERIFIER_INVOLVED, java.util.Set.of("verification"),
            FlagRule.VERIFIED_WITHOUT_EVIDENCE, java.util.Set.of("verification"),
            FlagRule.KEY_NOT_VALID, java.util.Set.of("signed-act"));

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** Who did the act of a stored entry: a hazard event's actor, or else the signer of its statement. */
    private static String actor(byte[] entry) {
        try {
            var e = JSON.readTree(entry);
            String actor = io.hazardledger.dossier.DossierVerifier.actorOf(e.path("eventType").asText(),
                    e.path("payload"));
            var signer = e.path("metadata").path("ledgerSignature").path("statement").path("signerId");
            return actor != null ? actor : signer.isTextual() ? signer.asText() : null;
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("a stored entry is not JSON", ex);
        }
    }

    protected FlagAcknowledgement() {
        // for Axon
    }

    @CommandHandler
    public FlagAcknowledgement(AcknowledgeFlag cmd, Directory directory, IntegrityFlags flags,
                               io.hazardledger.log.MerkleLog log) {
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
        // nor does a person who did an act the flag questions: a flag names one person, and may question the acts of
        // others too (the first of repeated extensions, each close-out of a burst); the entries it cites only as the
        // ground of the question (a hazard's report, the plan that set a due date) are not questioned
        java.util.Set<String> questioned = QUESTIONED.getOrDefault(flag.rule(), java.util.Set.of());
        for (CitedEntry c : flag.entries()) {
            if (questioned.contains(c.role())) {
                for (byte[] entry : log.entries(c.index(), c.index() + 1)) {
                    if (cmd.acknowledgedBy().equals(actor(entry))) {
                        throw new RuleViolationException("acknowledger-flagged", "flag " + cmd.flagId() + " questions "
                                + "the " + c.role() + " at entry " + c.index() + ", an act of " + cmd.acknowledgedBy()
                                + ", who may not acknowledge it: another person of the park office does");
                    }
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
