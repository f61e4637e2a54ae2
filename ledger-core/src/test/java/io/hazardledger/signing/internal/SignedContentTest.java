package io.hazardledger.signing.internal;

import io.hazardledger.directory.KeyRevoked;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.CanonicalJson;
import io.hazardledger.store.internal.LedgerSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rebuilding of a signed entry's command from its payload (FORMAT.md 12.3) against the records themselves: each
 * event, written as the ledger writes it, without the members it adds, hashes as its command does.
 */
@Tag("store-independent")
class SignedContentTest {

    private static final Map<Class<? extends Record>, Class<? extends Record>> COMMAND_OF = SampleRecords.COMMAND_OF;

    @Test
    void everyEventTypeASignedActProduces_hasARule() {
        assertThat(SignedActions.signedEventTypes()).allSatisfy(type ->
                assertThat(SignedContent.knows(type)).as(type).isTrue());
        assertThatThrownBy(() -> SignedContent.expectedDigests("hazard.escalate", "HazardEscalatedTwice", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        // a registration, and a rotation's two entries, are not rebuilt
        assertThat(SignedContent.expectedDigests("key.register", "KeyRegistered", "{\"keyId\":\"k\"}")).isEmpty();
        assertThat(SignedContent.expectedDigests("key.rotate", "KeyRegistered", "{\"keyId\":\"k\"}")).isEmpty();
        assertThat(SignedContent.expectedDigests("key.rotate", "KeyRevoked", "{\"keyId\":\"k\"}")).isEmpty();
        assertThat(SignedContent.expectedDigests("key.rotate", "HazardReported", "{\"hazardId\":\"h\"}")).isPresent();
        // the acts of a person, and the two the office's server takes (their content is the payload itself)
        assertThat(COMMAND_OF.keySet().stream().map(Class::getSimpleName))
                .containsExactlyInAnyOrderElementsOf(SignedActions.signedEventTypes().stream()
                        .filter(t -> !Set.of("KeyRegistered", "HazardEscalated", "SupervisionGradeChanged")
                                .contains(t)).toList());
        assertThat(SignedContent.added("HazardEscalated")).isEmpty();
        assertThat(SignedContent.added("SupervisionGradeChanged")).isEmpty();
    }

    @Test
    void eachEvent_withoutTheMembersItAdds_hasItsCommandsMembers() {
        COMMAND_OF.forEach((event, command) -> {
            Set<String> eventMembers = new java.util.HashSet<>(names(event));
            eventMembers.removeAll(SignedContent.added(event.getSimpleName()));
            assertThat(eventMembers).as(event.getSimpleName()).isEqualTo(Set.copyOf(names(command)));
            assertThat(names(event)).as(event.getSimpleName())
                    .containsAll(SignedContent.added(event.getSimpleName()));
        });
    }

    /** The event the aggregate would write for the command (the same values by name), as the ledger stores it. */
    @Test
    void eachEventAsStored_hashesAsTheCommandItsSignerSigned() throws Exception {
        for (var pair : COMMAND_OF.entrySet()) {
            Record command = SampleRecords.of(pair.getValue(), Map.of());
            Record event = SampleRecords.eventOf(pair.getKey(), command);
            String payload = LedgerSerializer.objectMapper().writeValueAsString(event);
            String action = SignedActions.of(command).orElseThrow().name();
            assertThat(SignedContent.expectedDigests(action, pair.getKey().getSimpleName(), payload)).as(payload)
                    .hasValueSatisfying(d -> assertThat(d.get(0)).isEqualTo(ContentDigest.of(command)));
        }
    }

    /** A revocation whose command left its time to the ledger: the stored time, taken out, is the signed null. */
    @Test
    void aRevocationAtTheLedgersTime_hashesAsItsCommandWithoutATime() throws Exception {
        var now = new RevokeKey("p-1", "k-1", "lost the card", null, "p-1");
        var backdated = new RevokeKey("p-1", "k-1", "lost the card", Instant.parse("2026-11-28T09:00:00Z"), "p-1");
        String stored = LedgerSerializer.objectMapper().writeValueAsString(
                new KeyRevoked("p-1", "k-1", "lost the card", Instant.parse("2026-11-29T10:41:14.123Z"), "p-1"));
        assertThat(digests("key.revoke", "KeyRevoked", stored)).contains(ContentDigest.of(now))
                .doesNotContain(ContentDigest.of(backdated));
        String storedBackdated = LedgerSerializer.objectMapper().writeValueAsString(
                new KeyRevoked("p-1", "k-1", "lost the card", Instant.parse("2026-11-28T09:00:00Z"), "p-1"));
        assertThat(digests("key.revoke", "KeyRevoked", storedBackdated)).contains(ContentDigest.of(backdated));
        // another reason, or the time moved, is other content
        assertThat(digests("key.revoke", "KeyRevoked", storedBackdated.replace("lost", "found")))
                .doesNotContain(ContentDigest.of(backdated), ContentDigest.of(now));
        assertThat(digests("key.revoke", "KeyRevoked", storedBackdated.replace("11-28T09", "11-28T08")))
                .doesNotContain(ContentDigest.of(backdated));
        // the time of a revocation that left it to the ledger is the ledger's: moved, it still fits (FORMAT.md 11)
        assertThat(digests("key.revoke", "KeyRevoked", stored.replace("11-29T10", "11-27T10")))
                .contains(ContentDigest.of(now));
    }

    private static List<String> digests(String action, String type, String payload) {
        return SignedContent.expectedDigests(action, type, payload).orElseThrow();
    }

    @Test
    void aChangedMember_isAnotherDigest_anAddedMemberChangedIsNot() throws Exception {
        var signed = new VerifyRectification("hz-1", false, "still leaks", "p-verifier");
        String stored = LedgerSerializer.objectMapper().writeValueAsString(
                new RectificationVerified("hz-1", 2, false, "still leaks", "p-verifier"));
        String verify = "hazard.verify";
        assertThat(digests(verify, "RectificationVerified", stored)).containsExactly(ContentDigest.of(signed));
        assertThat(digests(verify, "RectificationVerified", stored.replace("\"passed\":false", "\"passed\":true")))
                .doesNotContain(ContentDigest.of(signed));
        assertThat(digests(verify, "RectificationVerified", stored.replace("\"submissionNo\":2", "\"submissionNo\":3")))
                .containsExactly(ContentDigest.of(signed));
        // a member the command does not have, added to the payload, is other content
        assertThat(digests(verify, "RectificationVerified", stored.replace("{", "{\"extra\":1,")))
                .doesNotContain(ContentDigest.of(signed));
        assertThatThrownBy(() -> SignedContent.expectedDigests(verify, "RectificationVerified", "[1]"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canonicalizeWithout_leavesOutTopLevelMembersOnly_andStillReadsThem() throws IOException {
        assertThat(CanonicalJson.canonicalizeWithout("{\"b\":1,\"n\":{\"n\":2,\"a\":3},\"a\":true,\"n2\":[]}",
                Set.of("n", "n2"))).isEqualTo("{\"a\":true,\"b\":1}");
        assertThat(CanonicalJson.canonicalizeWithout("{\"x\":{\"n\":1},\"n\":2}", Set.of("n")))
                .isEqualTo("{\"x\":{\"n\":1}}");
        assertThat(CanonicalJson.canonicalizeWithout("{\"n\":1}", Set.of("n"))).isEqualTo("{}");
        for (String bad : List.of("{\"n\":01}", "{\"n\":1,\"n\":2}", "{\"a\":1} x", "\"a\"", "{\"n\":[1,}")) {
            assertThatThrownBy(() -> CanonicalJson.canonicalizeWithout(bad, Set.of("n"))).as(bad)
                    .isInstanceOf(IOException.class);
        }
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
