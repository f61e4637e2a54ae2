package io.hazardledger.signing.internal;

import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.directory.RotateKey;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.inspection.CoSignInspection;
import io.hazardledger.inspection.SignOffInspection;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The acts that carry a signature: each command type, its action name in the statement, the aggregate it acts
 * on, and the acting person who must sign (for a plan, its owner accepting it).
 */
public final class SignedActions {

    /** One signed act. */
    public record Action(String name, Function<Object, String> aggregateId, Function<Object, String> actor) {
    }

    private static final Map<Class<?>, Action> ACTIONS = Map.ofEntries(
            entry(ReportHazard.class, "hazard.report", ReportHazard::hazardId, ReportHazard::reportedBy),
            entry(PlanRectification.class, "hazard.plan-acceptance", PlanRectification::hazardId, PlanRectification::ownerId),
            entry(SubmitRectification.class, "hazard.submit", SubmitRectification::hazardId, SubmitRectification::submittedBy),
            entry(VerifyRectification.class, "hazard.verify", VerifyRectification::hazardId, VerifyRectification::verifierId),
            entry(CloseOutHazard.class, "hazard.close-out", CloseOutHazard::hazardId, CloseOutHazard::closedBy),
            entry(ExtendDeadline.class, "hazard.extend-deadline", ExtendDeadline::hazardId, ExtendDeadline::approverId),
            entry(ReopenHazard.class, "hazard.reopen", ReopenHazard::hazardId, ReopenHazard::reopenedBy),
            entry(RegisterKey.class, "key.register", RegisterKey::personId, RegisterKey::registeredBy),
            entry(RotateKey.class, "key.rotate", RotateKey::personId, RotateKey::personId),
            entry(RevokeKey.class, "key.revoke", RevokeKey::personId, RevokeKey::revokedBy),
            entry(SignOffInspection.class, "inspection.sign-off", SignOffInspection::inspectionId,
                    SignOffInspection::inspectorId),
            entry(CoSignInspection.class, "inspection.co-sign", CoSignInspection::inspectionId,
                    CoSignInspection::personId),
            entry(io.hazardledger.flags.AcknowledgeFlag.class, "flag.acknowledge",
                    io.hazardledger.flags.AcknowledgeFlag::flagId, io.hazardledger.flags.AcknowledgeFlag::acknowledgedBy),
            entry(io.hazardledger.whistleblower.RevealIdentity.class, "whistleblower.reveal",
                    io.hazardledger.whistleblower.RevealIdentity::reportId,
                    io.hazardledger.whistleblower.RevealIdentity::revealedBy),
            entry(io.hazardledger.whistleblower.ShredIdentity.class, "whistleblower.shred",
                    io.hazardledger.whistleblower.ShredIdentity::reportId,
                    io.hazardledger.whistleblower.ShredIdentity::shreddedBy),
            entry(io.hazardledger.whistleblower.LinkReport.class, "whistleblower.link",
                    io.hazardledger.whistleblower.LinkReport::reportId,
                    io.hazardledger.whistleblower.LinkReport::linkedBy));

    private SignedActions() {
    }

    @SuppressWarnings("unchecked")
    private static <C> Map.Entry<Class<?>, Action> entry(Class<C> type, String name, Function<C, String> aggregateId,
                                                         Function<C, String> actor) {
        return Map.entry(type, new Action(name, c -> aggregateId.apply((C) c), c -> actor.apply((C) c)));
    }

    /** The signed act of a command, if it is one. */
    public static Optional<Action> of(Object command) {
        return Optional.ofNullable(ACTIONS.get(command.getClass()));
    }

    /** The names of the acts a person signs (a statement may be prepared for each), in name order. */
    public static java.util.List<String> names() {
        return NAMES;
    }

    private static final java.util.List<String> NAMES = ACTIONS.values().stream().map(Action::name).sorted().toList();

    private static final Map<String, java.util.Set<String>> EVENTS = Map.ofEntries(
            Map.entry("hazard.report", java.util.Set.of("HazardReported")),
            Map.entry("hazard.plan-acceptance", java.util.Set.of("RectificationPlanned")),
            Map.entry("hazard.submit", java.util.Set.of("RectificationSubmitted")),
            Map.entry("hazard.verify", java.util.Set.of("RectificationVerified")),
            Map.entry("hazard.close-out", java.util.Set.of("HazardClosedOut")),
            Map.entry("hazard.extend-deadline", java.util.Set.of("DeadlineExtended")),
            Map.entry("hazard.reopen", java.util.Set.of("HazardReopened")),
            Map.entry("key.register", java.util.Set.of("KeyRegistered")),
            Map.entry("key.rotate", java.util.Set.of("KeyRegistered", "KeyRevoked")),
            Map.entry("key.revoke", java.util.Set.of("KeyRevoked")),
            Map.entry("inspection.sign-off", java.util.Set.of("InspectionSignedOff")),
            Map.entry("inspection.co-sign", java.util.Set.of("InspectionCoSigned")),
            Map.entry("flag.acknowledge", java.util.Set.of("FlagAcknowledged")),
            Map.entry("whistleblower.reveal", java.util.Set.of("WhistleblowerIdentityRevealed")),
            Map.entry("whistleblower.shred", java.util.Set.of("WhistleblowerIdentityShredded")),
            Map.entry("whistleblower.link", java.util.Set.of("WhistleblowerReportLinked")),
            // taken by the server for the park office (no command of a person; OfficeSeal signs them): an escalation
            // step when a deadline passes, a grade change when a review finds one
            Map.entry("hazard.escalate", java.util.Set.of("HazardEscalated")),
            Map.entry("enterprise.grade", java.util.Set.of("SupervisionGradeChanged")));

    /** The event types an action may produce (empty for an unknown action). */
    public static java.util.Set<String> eventsOf(String action) {
        return EVENTS.getOrDefault(action, java.util.Set.of());
    }

    /** Every event type that some action produces, in name order (at most 64: a set of them fits a long's bits). */
    public static java.util.List<String> signedEventTypes() {
        return SIGNED_EVENT_TYPES;
    }

    private static final java.util.List<String> SIGNED_EVENT_TYPES = EVENTS.values().stream()
            .flatMap(java.util.Set::stream).distinct().sorted().toList();

    /** Key management (rotation, revocation) is judged by the key as it stood before it: it cannot void itself. */
    public static boolean managesKeys(String action) {
        return "key.rotate".equals(action) || "key.revoke".equals(action);
    }

    /**
     * Acts that are signed even on a ledger that does not require signatures: revealing or shredding a whistleblower's
     * identity, and linking a report to the hazard it substantiates (which decides whether the enterprise reported
     * the hazard first), are never done by an unnamed hand; nor are a key's rotation and revocation, by which a token
     * alone would give its holder a key in the person's name (a rotation to a key of their own; a revocation of the
     * person's keys, after which an unsigned registration is a first key again).
     */
    public static boolean alwaysSigned(Object command) {
        return command instanceof io.hazardledger.whistleblower.RevealIdentity
                || command instanceof io.hazardledger.whistleblower.ShredIdentity
                || command instanceof io.hazardledger.whistleblower.LinkReport
                || command instanceof io.hazardledger.directory.RotateKey
                || command instanceof io.hazardledger.directory.RevokeKey;
    }

    /**
     * Acts that may be unsigned even when signatures are required, while neither their actor nor the person whose key
     * it is holds a key (a first key has nothing to be signed with; {@link SignatureChecks} looks at the keys).
     */
    public static boolean optional(Object command) {
        return command instanceof RegisterKey;
    }
}
