package io.hazardledger.inspection;

import io.hazardledger.RuleViolationException;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.Directory;
import io.hazardledger.directory.EnterpriseRecord;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A checklist inspection and its rules. */
public class Inspection {

    @AggregateIdentifier
    private String inspectionId;
    private String inspectorId;
    private final Map<String, ItemResult> results = new LinkedHashMap<>();
    private final Map<String, CoSignerRole> coSigners = new HashMap<>();
    private final Set<String> coSigned = new HashSet<>();
    private boolean signedOff;

    protected Inspection() {
    }

    @CommandHandler
    public Inspection(StartInspection cmd, Directory directory) {
        EnterpriseRecord enterprise = directory.enterprise(cmd.enterpriseId())
                .orElseThrow(() -> new UnknownReferenceException("enterpriseId", cmd.enterpriseId(), "enterprise"));
        person(directory, "inspectorId", cmd.inspectorId());
        if (cmd.leaderId() != null) {
            person(directory, "leaderId", cmd.leaderId());
            String leadersEnterprise = directory.person(cmd.leaderId()).orElseThrow().enterpriseId();
            if (leadersEnterprise != null && !cmd.enterpriseId().equals(leadersEnterprise)) {
                throw new RuleViolationException("leader-of-another-enterprise", "the leader " + cmd.leaderId()
                        + " is a person of enterprise " + leadersEnterprise + ", not of " + cmd.enterpriseId()
                        + ": an inspection is led by a leader of the enterprise it inspects, or of the park");
            }
        }
        for (CoSigner c : cmd.coSigners()) {
            person(directory, "coSigners.personId", c.personId());
            if (c.personId().equals(cmd.inspectorId())) {
                throw new RuleViolationException("co-signer-is-inspector", "the inspector cannot also co-sign");
            }
            coSigner(directory.person(c.personId()).orElseThrow(), c.role(), cmd.enterpriseId());
        }
        boolean leaderLed = cmd.leaderId() != null && cmd.leaderId().equals(enterprise.principalId());
        apply(new InspectionStarted(cmd.inspectionId(), cmd.enterpriseId(), cmd.checklist(), cmd.inspectorId(),
                cmd.leaderId(), leaderLed, cmd.coSigners(), cmd.items()));
    }

    @CommandHandler
    public void handle(RecordItemResult cmd) {
        rejectIfSignedOff("record a result");
        if (!results.containsKey(cmd.itemNo())) {
            throw new UnknownReferenceException("itemNo", cmd.itemNo(), "checklist item");
        }
        if (!cmd.recordedBy().equals(inspectorId)) {
            throw new RuleViolationException("not-the-inspector", "only the inspector " + inspectorId + " records results");
        }
        apply(new ItemResultRecorded(inspectionId, cmd.itemNo(), cmd.result(), cmd.remarks(), cmd.evidence(),
                cmd.recordedBy()));
    }

    @CommandHandler
    public void handle(SignOffInspection cmd, Inspections inspections) {
        rejectIfSignedOff("sign off");
        if (!cmd.inspectorId().equals(inspectorId)) {
            throw new RuleViolationException("not-the-inspector", "only the inspector " + inspectorId + " signs off");
        }
        List<InspectionSignedOff.FailedItem> failed = new ArrayList<>();
        for (Map.Entry<String, ItemResult> item : results.entrySet()) {
            if (item.getValue() == null) {
                throw new RuleViolationException("items-without-result", "item " + item.getKey() + " has no result yet");
            }
            if (item.getValue() == ItemResult.FAIL) {
                String hazardId = inspections.hazardFor(inspectionId, item.getKey())
                        .orElseThrow(() -> new RuleViolationException("failing-item-without-hazard",
                                "failing item " + item.getKey() + " has not raised a hazard"));
                failed.add(new InspectionSignedOff.FailedItem(item.getKey(), hazardId));
            }
        }
        apply(new InspectionSignedOff(inspectionId, cmd.summary(), inspectorId, failed));
    }

    @CommandHandler
    public void handle(CoSignInspection cmd) {
        if (!signedOff) {
            throw new RuleViolationException("illegal-transition", "co-signatures follow the inspector's sign-off");
        }
        CoSignerRole role = coSigners.get(cmd.personId());
        if (role == null) {
            throw new RuleViolationException("not-a-co-signer", cmd.personId() + " is not named as a co-signer");
        }
        if (coSigned.contains(cmd.personId())) {
            throw new RuleViolationException("already-co-signed", cmd.personId() + " has already co-signed");
        }
        apply(new InspectionCoSigned(inspectionId, cmd.personId(), role, cmd.remarks(),
                coSigned.size() + 1 == coSigners.size()));
    }

    private void rejectIfSignedOff(String action) {
        if (signedOff) {
            throw new RuleViolationException("inspection-signed-off", "cannot " + action + ": inspection "
                    + inspectionId + " is signed off");
        }
    }

    /** The roles by which a person of the park (of no enterprise) may co-sign an inspection. */
    private static final java.util.Set<io.hazardledger.directory.Role> PARK_CO_SIGNERS = java.util.EnumSet.of(
            io.hazardledger.directory.Role.INSPECTOR, io.hazardledger.directory.Role.VERIFIER,
            io.hazardledger.directory.Role.PARK_OFFICE);

    /**
     * A co-signer must be one who can co-sign it: a person of the inspected enterprise, or of the park with the role
     * of inspector, verifier or park office; and an enterprise's representative is a person of that enterprise.
     * Anyone else named would leave the inspection waiting for a co-signature that can never come.
     */
    private static void coSigner(io.hazardledger.directory.PersonRecord p, CoSignerRole role, String enterpriseId) {
        // as a server grants roles: a person of an enterprise acts as its staff only (ENTERPRISE_STAFF), and a person
        // of the park holding ENTERPRISE_STAFF is staff of no enterprise, who sees none
        boolean staff = p.roles().contains(io.hazardledger.directory.Role.ENTERPRISE_STAFF);
        boolean ofTheEnterprise = enterpriseId.equals(p.enterpriseId()) && staff;
        if (role == CoSignerRole.ENTERPRISE_REPRESENTATIVE && !ofTheEnterprise) {
            throw new RuleViolationException("co-signer-cannot-co-sign", p.personId() + " cannot co-sign as the "
                    + "representative of enterprise " + enterpriseId + ": not its staff");
        }
        if (!ofTheEnterprise && (p.enterpriseId() != null || staff
                || p.roles().stream().noneMatch(PARK_CO_SIGNERS::contains))) {
            throw new RuleViolationException("co-signer-cannot-co-sign", p.personId() + " cannot co-sign an "
                    + "inspection of enterprise " + enterpriseId + ": a co-signer is its staff, or a person of the "
                    + "park with the role INSPECTOR, VERIFIER or PARK_OFFICE");
        }
    }

    private static void person(Directory directory, String field, String personId) {
        if (directory.person(personId).isEmpty()) {
            throw new UnknownReferenceException(field, personId, "person");
        }
    }

    @EventSourcingHandler
    void on(InspectionStarted e) {
        inspectionId = e.inspectionId();
        inspectorId = e.inspectorId();
        e.items().forEach(i -> results.put(i.itemNo(), null));
        e.coSigners().forEach(c -> coSigners.put(c.personId(), c.role()));
    }

    @EventSourcingHandler
    void on(ItemResultRecorded e) {
        results.put(e.itemNo(), e.result());
    }

    @EventSourcingHandler
    void on(InspectionSignedOff e) {
        signedOff = true;
    }

    @EventSourcingHandler
    void on(InspectionCoSigned e) {
        coSigned.add(e.personId());
    }
}
