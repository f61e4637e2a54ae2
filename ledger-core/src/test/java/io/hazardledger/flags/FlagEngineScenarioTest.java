package io.hazardledger.flags;

import io.hazardledger.projection.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Over a seeded three-year park ({@link ParkScenario}) every planted case of paper rectification is flagged once,
 * by its rule, about its hazard (or person, or enterprise), citing exactly the planted entries with their hashes;
 * the clean hazards raise no flag at all.
 */
class FlagEngineScenarioTest {

    private static final ParkScenario PARK = ParkScenario.generate(20261129L, 10, 3);

    private static List<IntegrityFlag> run(FlagParameters parameters, List<RecordedEvent> events) {
        FlagEngine engine = new FlagEngine(parameters);
        List<IntegrityFlag> flags = new ArrayList<>();
        events.forEach(e -> flags.addAll(engine.accept(e)));
        return flags;
    }

    private static String subject(IntegrityFlag f) {
        return f.hazardId() != null ? f.hazardId() : f.personId() != null ? f.personId() : f.enterpriseId();
    }

    @Test
    void everyPlantedCaseIsFlaggedWithItsEntries_andNothingElse() {
        assertThat(PARK.events()).hasSizeGreaterThan(1_500);
        assertThat(PARK.planted().stream().map(ParkScenario.Planted::rule).collect(Collectors.toSet()))
                .as("one planted case of every rule").containsExactlyInAnyOrder(FlagRule.values());

        List<IntegrityFlag> flags = run(FlagParameters.defaults(), PARK.events());

        for (ParkScenario.Planted p : PARK.planted()) {
            assertThat(flags).as("flags of %s about %s", p.rule(), p.subject())
                    .filteredOn(f -> f.rule() == p.rule() && subject(f).equals(p.subject()))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.entries()).extracting(CitedEntry::index).containsExactlyElementsOf(p.cited());
                        assertThat(f.entries()).allSatisfy(c ->
                                assertThat(c.entryHash()).isEqualTo(ParkScenario.hash(c.index())));
                        assertThat(f.severity()).isEqualTo(p.rule().severity());
                        assertThat(f.ruleVersion()).isEqualTo(1);
                        assertThat(f.raisedAtIndex()).isGreaterThanOrEqualTo(p.cited().stream().mapToLong(Long::longValue).max().orElseThrow());
                        assertThat(f.flagId()).startsWith(p.rule().code() + ":" + f.raisedAtIndex() + ".")
                                .satisfies(id -> io.hazardledger.internal.Checks.id("flagId", id));
                    });
        }
        assertThat(flags).as("clean hazards raise no flag: only the planted cases are flagged")
                .hasSize(PARK.planted().size());
        Set<String> flaggedHazards = flags.stream().map(IntegrityFlag::hazardId).collect(Collectors.toSet());
        assertThat(PARK.cleanHazards()).hasSizeGreaterThan(300).noneMatch(flaggedHazards::contains);
    }

    @Test
    void theSameEntriesRaiseTheSameFlags_andAPrefixRaisesTheFlagsOfItsEntries() {
        List<IntegrityFlag> all = run(FlagParameters.defaults(), PARK.events());
        assertThat(run(FlagParameters.defaults(), PARK.events())).isEqualTo(all);
        for (int n : new int[]{0, 1, PARK.events().size() / 3, PARK.events().size() / 2, PARK.events().size() - 1}) {
            long cut = n;
            assertThat(run(FlagParameters.defaults(), PARK.events().subList(0, n)))
                    .as("flags as of index %d", n)
                    .isEqualTo(all.stream().filter(f -> f.raisedAtIndex() < cut).toList());
        }
    }

    @Test
    void parametersMoveTheThresholds() {
        FlagParameters d = FlagParameters.defaults();
        FlagParameters stricter = new FlagParameters(Duration.ofHours(2), 3, 6, d.burstWindow(),
                Duration.ofDays(20), Duration.ofHours(6), d.zone());
        Set<FlagRule> raised = run(stricter, PARK.events()).stream().map(IntegrityFlag::rule)
                .collect(Collectors.toSet());
        assertThat(raised).doesNotContain(FlagRule.LAST_MINUTE_CLOSURE, FlagRule.REPEATED_EXTENSIONS,
                FlagRule.CLOSURE_BURST, FlagRule.RECURRENCE, FlagRule.CLAIMED_TIME_FAR);
        assertThat(raised).containsAll(Arrays.stream(FlagRule.values()).filter(r -> !Set.of(FlagRule.LAST_MINUTE_CLOSURE,
                FlagRule.REPEATED_EXTENSIONS, FlagRule.CLOSURE_BURST, FlagRule.RECURRENCE, FlagRule.CLAIMED_TIME_FAR)
                .contains(r)).toList());
    }

    @Test
    void entriesOutOfOrderAreRefused() {
        FlagEngine engine = new FlagEngine(FlagParameters.defaults());
        engine.accept(PARK.events().get(5));
        assertThatThrownBy(() -> engine.accept(PARK.events().get(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index order");
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        FlagParameters d = FlagParameters.defaults();
        assertThatThrownBy(() -> new FlagParameters(Duration.ZERO, 2, 5, d.burstWindow(), d.recurrenceWindow(),
                d.claimedTimeTolerance(), d.zone())).hasMessageContaining("lastMinute");
        assertThatThrownBy(() -> new FlagParameters(d.lastMinute(), 0, 5, d.burstWindow(), d.recurrenceWindow(),
                d.claimedTimeTolerance(), d.zone())).hasMessageContaining("extensions");
        assertThatThrownBy(() -> new FlagParameters(d.lastMinute(), 2, 1, d.burstWindow(), d.recurrenceWindow(),
                d.claimedTimeTolerance(), d.zone())).hasMessageContaining("burstClosures");
        assertThatThrownBy(() -> FlagRule.ofCode("no-such-rule")).hasMessageContaining("no-such-rule");
        assertThat(FlagRule.ofCode("evidence-reused")).isEqualTo(FlagRule.EVIDENCE_REUSED);
    }
}
