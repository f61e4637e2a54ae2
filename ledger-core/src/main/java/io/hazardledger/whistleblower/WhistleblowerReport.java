package io.hazardledger.whistleblower;

import io.hazardledger.RuleViolationException;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.Directory;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.directory.Role;
import io.hazardledger.register.HazardRegister;
import io.hazardledger.whistleblower.internal.FileSealedReport;
import io.hazardledger.whistleblower.internal.SealedKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One whistleblower report and the custody of its sealed identity: filed by anyone for an enterprise of the park;
 * revealed, linked to the hazard that substantiates it, or shredded only by a person of the park office, each act
 * signed by them. A shredded identity is never revealed again; a report is linked once.
 */
public class WhistleblowerReport {

    @AggregateIdentifier
    private String reportId;
    private String enterpriseId;
    private boolean sealed;
    private boolean shredded;
    private String hazardId;

    protected WhistleblowerReport() {
        // for Axon
    }

    @CommandHandler
    public WhistleblowerReport(FileSealedReport cmd, Directory directory, SealedKeys keys) {
        if (directory.enterprise(cmd.enterpriseId()).isEmpty()) {
            throw new UnknownReferenceException("enterpriseId", cmd.enterpriseId(), "enterprise");
        }
        if (cmd.sealedIdentity() != null) {
            keys.store(cmd.reportId(), cmd.sealedIdentity().keyId(), cmd.wrappedKey());
        }
        apply(new WhistleblowerReportFiled(cmd.reportId(), cmd.enterpriseId(), cmd.location(), cmd.description(),
                cmd.sealedIdentity()));
    }

    @CommandHandler
    public void handle(RevealIdentity cmd, Directory directory) {
        parkOffice(directory, "revealedBy", cmd.revealedBy(), "reveal a whistleblower's identity");
        sealedAndKept();
        apply(new WhistleblowerIdentityRevealed(reportId, cmd.reason(), cmd.revealedBy()));
    }

    @CommandHandler
    public void handle(ShredIdentity cmd, Directory directory, SealedKeys keys) {
        parkOffice(directory, "shreddedBy", cmd.shreddedBy(), "shred a whistleblower's identity");
        sealedAndKept();
        keys.destroy(reportId);
        apply(new WhistleblowerIdentityShredded(reportId, cmd.reason(), cmd.shreddedBy()));
    }

    @CommandHandler
    public void handle(LinkReport cmd, Directory directory, HazardRegister register) {
        parkOffice(directory, "linkedBy", cmd.linkedBy(), "link a whistleblower report to a hazard");
        if (hazardId != null) {
            throw new RuleViolationException("already-linked", reportId + " is already linked to " + hazardId);
        }
        var hazard = register.get(cmd.hazardId())
                .orElseThrow(() -> new UnknownReferenceException("hazardId", cmd.hazardId(), "hazard"));
        if (!hazard.enterpriseId().equals(enterpriseId)) {
            throw new RuleViolationException("other-enterprise", cmd.hazardId() + " is a hazard of "
                    + hazard.enterpriseId() + "; the report is about " + enterpriseId);
        }
        apply(new WhistleblowerReportLinked(reportId, cmd.hazardId(), cmd.linkedBy()));
    }

    private static void parkOffice(Directory directory, String field, String personId, String what) {
        PersonRecord person = directory.person(personId)
                .orElseThrow(() -> new UnknownReferenceException(field, personId, "person"));
        if (!person.roles().contains(Role.PARK_OFFICE) || person.enterpriseId() != null) {
            throw new RuleViolationException("not-park-office",
                    personId + " is not of the park office, who alone may " + what);
        }
    }

    private void sealedAndKept() {
        if (!sealed) {
            throw new RuleViolationException("no-identity", reportId + " was filed without an identity");
        }
        if (shredded) {
            throw new RuleViolationException("identity-shredded", "the identity of " + reportId
                    + " was shredded: nobody can open it");
        }
    }

    @EventSourcingHandler
    void on(WhistleblowerReportFiled e) {
        reportId = e.reportId();
        enterpriseId = e.enterpriseId();
        sealed = e.sealedIdentity() != null;
    }

    @EventSourcingHandler
    void on(WhistleblowerIdentityShredded e) {
        shredded = true;
    }

    @EventSourcingHandler
    void on(WhistleblowerReportLinked e) {
        hazardId = e.hazardId();
    }
}
