package io.hazardledger.signing.internal;

import io.hazardledger.integrity.CanonicalJson;
import io.hazardledger.integrity.Hashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed entry's statement binds, rebuilt from the entry alone (docs/FORMAT.md 12.3): the canonical JSON of the
 * command is the event's payload without the members the ledger added to it ({@code submissionNo}, the previous due
 * date, …), and for the two acts without a command (an escalation step, a grade change) the payload itself. Its
 * SHA-256 must be the statement's {@code contentSha256}: otherwise the entry holds other content than its signer
 * signed. A key event cannot be rebuilt: the ledger re-encodes the key and fills in the times the command left open.
 */
public final class SignedContent {

    /** Of each event type a signed act produces, the members its payload has that its command does not. */
    private static final Map<String, Set<String>> ADDED = Map.ofEntries(
            Map.entry("HazardReported", Set.of()),
            Map.entry("RectificationPlanned", Set.of()),
            Map.entry("RectificationSubmitted", Set.of("submissionNo")),
            Map.entry("RectificationVerified", Set.of("submissionNo")),
            Map.entry("HazardClosedOut", Set.of("submissionNo")),
            Map.entry("DeadlineExtended", Set.of("previousDueDate")),
            Map.entry("HazardReopened", Set.of()),
            Map.entry("InspectionSignedOff", Set.of("failedItems")),
            Map.entry("InspectionCoSigned", Set.of("role", "complete")),
            Map.entry("FlagAcknowledged", Set.of()),
            Map.entry("WhistleblowerIdentityRevealed", Set.of()),
            Map.entry("WhistleblowerIdentityShredded", Set.of()),
            Map.entry("WhistleblowerReportLinked", Set.of()),
            Map.entry("HazardEscalated", Set.of()),
            Map.entry("SupervisionGradeChanged", Set.of()));

    /** The signed event types whose command cannot be rebuilt from the entry. */
    private static final Set<String> NOT_REBUILT = Set.of("KeyRegistered", "KeyRevoked");

    private SignedContent() {
    }

    /**
     * The {@code contentSha256} a statement on an entry of this type and payload must have, as lowercase hex; empty
     * when the type's command cannot be rebuilt from its entry (a key event).
     *
     * @throws IllegalArgumentException when the type is no signed act's, or the payload is not one JSON object
     */
    public static Optional<String> expectedDigest(String eventType, String payloadJson) {
        Set<String> added = ADDED.get(eventType);
        if (added == null) {
            if (NOT_REBUILT.contains(eventType)) {
                return Optional.empty();
            }
            throw new IllegalArgumentException("no signed act produces a " + eventType);
        }
        try {
            return Optional.of(Hashes.sha256Hex(CanonicalJson.canonicalizeWithout(payloadJson, added)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** Whether {@link #expectedDigest} knows the event type (rebuilt or not): every type a signed act produces. */
    public static boolean knows(String eventType) {
        return ADDED.containsKey(eventType) || NOT_REBUILT.contains(eventType);
    }

    /** The members of the event type's payload that its command does not have (empty for one not rebuilt). */
    public static Set<String> added(String eventType) {
        return ADDED.getOrDefault(eventType, Set.of());
    }
}
