package io.hazardledger.signing.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardledger.integrity.CanonicalJson;
import io.hazardledger.integrity.Hashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed entry's statement binds, rebuilt from the entry alone (docs/FORMAT.md 12.3): the canonical JSON of the
 * command is the event's payload without the members the ledger added to it ({@code submissionNo}, the previous due
 * date, …), and for the two acts without a command (an escalation step, a grade change) the payload itself. Its
 * SHA-256 must be the statement's {@code contentSha256}: otherwise the entry holds other content than its signer
 * signed. A revocation may have left its time to the ledger ({@code effectiveAt} null in the command), so its payload
 * rebuilds into two commands, either of which may be the one signed. A key registration, and the two entries of a
 * rotation, cannot be rebuilt: the ledger re-encodes the key, which the command holds as it was given.
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
            Map.entry("SupervisionGradeChanged", Set.of()),
            Map.entry("KeyRevoked", Set.of()));

    /** The signed event type whose command cannot be rebuilt from the entry (nor a rotation's {@code KeyRevoked}). */
    private static final Set<String> NOT_REBUILT = Set.of("KeyRegistered");
    private static final String REVOCATION = "key.revoke";
    private static final ObjectMapper TREE = new ObjectMapper();

    private SignedContent() {
    }

    /**
     * The {@code contentSha256}s a statement of {@code action} on an entry of this type and payload may have, as
     * lowercase hex (one, or two for a revocation: its {@code effectiveAt} as stored, then null); empty when the
     * command cannot be rebuilt from the entry (a key registration; a {@code KeyRevoked} under another action than
     * {@code key.revoke}, a rotation's).
     *
     * @throws IllegalArgumentException when the type is no signed act's, or the payload is not one JSON object
     */
    public static Optional<List<String>> expectedDigests(String action, String eventType, String payloadJson) {
        Set<String> added = ADDED.get(eventType);
        if (added == null) {
            if (NOT_REBUILT.contains(eventType)) {
                return Optional.empty();
            }
            throw new IllegalArgumentException("no signed act produces a " + eventType);
        }
        boolean revoked = "KeyRevoked".equals(eventType);
        if (revoked && !REVOCATION.equals(action)) {   // a rotation's: its command is spread over two entries
            return Optional.empty();
        }
        String command;
        try {
            command = CanonicalJson.canonicalizeWithout(payloadJson, added);
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not a JSON object: " + e.getMessage(), e);
        }
        if (!revoked) {
            return Optional.of(List.of(sha256(command)));
        }
        try {
            ObjectNode leftToTheLedger = (ObjectNode) TREE.readTree(command);
            leftToTheLedger.putNull("effectiveAt");
            return Optional.of(List.of(sha256(command),
                    sha256(CanonicalJson.canonicalize(TREE.writeValueAsString(leftToTheLedger)))));
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload cannot be read: " + e.getMessage(), e);
        }
    }

    private static String sha256(String canonical) {
        return Hashes.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@link #expectedDigests} knows the event type (rebuilt or not): every type a signed act produces. */
    public static boolean knows(String eventType) {
        return ADDED.containsKey(eventType) || NOT_REBUILT.contains(eventType);
    }

    /** The members of the event type's payload that its command does not have (empty for one not rebuilt). */
    public static Set<String> added(String eventType) {
        return ADDED.getOrDefault(eventType, Set.of());
    }
}
