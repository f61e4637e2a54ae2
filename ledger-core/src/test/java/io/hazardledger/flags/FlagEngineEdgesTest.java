package io.hazardledger.flags;

import io.hazardledger.directory.KeyRegistered;
import io.hazardledger.directory.KeyRevoked;
import io.hazardledger.flags.internal.CachedFlags;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.projection.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Edges of the rules that the seeded park does not reach, each found in review. */
class FlagEngineEdgesTest {

    private static final Instant T = Instant.parse("2025-03-01T02:00:00Z");
    private static final String KEY = "k".repeat(32);

    private final List<RecordedEvent> events = new ArrayList<>();

    private void add(Instant at, String aggregate, Object payload, Statement signed) {
        long i = events.size();
        events.add(new RecordedEvent(i, ParkScenario.hash(i), aggregate, at, payload,
                signed == null ? null : new SignedStatement(signed, "signature")));
    }

    private static Statement statement(String action, String aggregate, Instant claimed) {
        return new Statement(action, aggregate, "0".repeat(64), "0".repeat(64), "p-li", KEY, claimed.toString(),
                Statement.PERSONAL);
    }

    private static Evidence photo(String sha, Instant at) {
        return new Evidence(sha, "image/jpeg", at, "p.jpg");
    }

    private static HazardReported report(String id, String enterprise, Evidence... evidence) {
        return new HazardReported(id, enterprise, HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null, "fire",
                "place-" + id, "leak", "aged", T.minusSeconds(3600), "p-staff", List.of(evidence), null, null);
    }

    private List<IntegrityFlag> run() {
        FlagEngine engine = new FlagEngine(FlagParameters.defaults());
        List<IntegrityFlag> flags = new ArrayList<>();
        events.forEach(e -> flags.addAll(engine.accept(e)));
        return flags;
    }

    @Test
    void aSignedReportsFlagsNameTheHazardItReports() {
        add(T, "p-li", new KeyRegistered("p-li", KEY, SignatureAlgorithm.ED25519, "pk", T.minusSeconds(86400), "p-li"), null);
        add(T.plusSeconds(60), "hz-1", report("hz-1", "ent-far", photo("a".repeat(64), T)),
                statement("hazard.report", "hz-1", T.minusSeconds(5 * 3600)));
        assertThat(run()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(FlagRule.CLAIMED_TIME_FAR);
            assertThat(f.hazardId()).isEqualTo("hz-1");
            assertThat(f.enterpriseId()).isEqualTo("ent-far");
        });
    }

    @Test
    void aRevocationComparesClaimedTimesAtFullPrecision() {
        add(T, "p-li", new KeyRegistered("p-li", KEY, SignatureAlgorithm.ED25519, "pk", T.minusSeconds(86400), "p-li"), null);
        add(T, "hz-1", report("hz-1", "ent-a", photo("a".repeat(64), T)), null);
        add(T.plusSeconds(10), "hz-1", new RectificationSubmitted("hz-1", 1, "fixed", List.of(photo("b".repeat(64),
                T.plusSeconds(5))), "p-owner"), null);
        Instant effective = T.plusSeconds(20).plusNanos(500);
        add(T.plusSeconds(30), "hz-1", new RectificationVerified("hz-1", 1, true, "ok", "p-li"),
                statement("hazard.verify", "hz-1", T.plusSeconds(20).plusNanos(200))); // before: valid
        add(T.plusSeconds(40), "p-li", new KeyRevoked("p-li", KEY, "lost", effective, "p-li"), null);
        assertThat(run()).as("signed 300 ns before the revocation took effect").isEmpty();

        events.remove(events.size() - 1);
        events.remove(events.size() - 1);
        add(T.plusSeconds(30), "hz-1", new RectificationVerified("hz-1", 1, true, "ok", "p-li"),
                statement("hazard.verify", "hz-1", T.plusSeconds(20).plusNanos(600))); // after: void
        add(T.plusSeconds(40), "p-li", new KeyRevoked("p-li", KEY, "lost", effective, "p-li"), null);
        assertThat(run()).extracting(IntegrityFlag::rule).containsExactly(FlagRule.KEY_NOT_VALID);
    }

    @Test
    void aFileListedTwiceInOneSubmissionIsReusedOnce() {
        add(T, "hz-1", report("hz-1", "ent-a", photo("a".repeat(64), T)), null);
        add(T.plusSeconds(10), "hz-1", new RectificationSubmitted("hz-1", 1, "fixed",
                List.of(photo("c".repeat(64), T.plusSeconds(5))), "p-owner"), null);
        add(T.plusSeconds(20), "hz-2", report("hz-2", "ent-a", photo("d".repeat(64), T)), null);
        add(T.plusSeconds(30), "hz-2", new RectificationSubmitted("hz-2", 1, "fixed",
                List.of(photo("c".repeat(64), T.plusSeconds(25)), photo("c".repeat(64), T.plusSeconds(25))), "p-owner"), null);
        assertThat(run()).extracting(IntegrityFlag::rule).containsExactly(FlagRule.EVIDENCE_REUSED);
    }

    @Test
    void aFailedReadIsForgotten_theNextQuestionStartsAgain() {
        ParkScenario park = ParkScenario.generate(7L, 10, 1);
        AtomicInteger calls = new AtomicInteger();
        CachedFlags.EntryReader reader = (from, to, consumer) -> {
            long n = 0;
            for (long i = from; i < to; i++) {
                if (calls.get() == 0 && i == to / 2) {
                    calls.incrementAndGet();
                    throw new IllegalStateException("the store went away");
                }
                consumer.accept(park.events().get((int) i));
                n++;
            }
            calls.incrementAndGet();
            return n;
        };
        CachedFlags flags = new CachedFlags(FlagParameters.defaults(), reader,
                (atIndex, asOf) -> atIndex != null ? atIndex : park.events().size());
        assertThatThrownBy(() -> flags.find(FlagQuery.ALL)).hasMessageContaining("went away");
        List<IntegrityFlag> expected = new ArrayList<>();
        FlagEngine engine = new FlagEngine(FlagParameters.defaults());
        park.events().forEach(e -> expected.addAll(engine.accept(e)));
        assertThat(flags.find(new FlagQuery(null, null, null, null, null, null, null, null, 1000, null)))
                .isEqualTo(expected).isNotEmpty();
    }
}
