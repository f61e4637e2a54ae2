package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.register.HazardSummary;
import io.hazardledger.store.HazardHistoryModel.Action;
import io.hazardledger.store.HazardHistoryModel.Step;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random histories over three hazards, legal steps and illegal ones mixed: the ledger accepts and refuses exactly
 * what {@link HazardHistoryModel} predicts, verifies, and a replay rebuilds the very same projection rows.
 */
class ReplayPropertyTest {

    @Property(tries = 15)
    void randomHistory_verifies_andReplayRebuildsTheSameRows(@ForAll("histories") List<Step> history) throws Exception {
        Path dir = Files.createTempDirectory("ledger-replay-");
        try (TestDatabase database = TestDatabase.in(dir); Ledger ledger = database.ledger()) {
            LedgerTables tables = database.tables();
            TestLedgers.park(ledger);
            HazardHistoryModel model = new HazardHistoryModel(4);

            for (Step step : history) {
                model.run(ledger, step);
            }
            Statistics.label("a hazard was closed out and reopened").collect(model.accepted().contains(Action.REOPEN));
            Statistics.label("some commands were refused").collect(model.refused() > 0);

            assertThat(ledger.verify().size()).isEqualTo(model.size());
            assertThat(registerStatuses(ledger)).isEqualTo(model.statuses());
            assertThat(registerDueDates(ledger)).isEqualTo(model.dueDates());
            Map<String, List<String>> live = tables.projections();
            assertThat(ledger.replay()).isEqualTo(model.size());
            assertThat(tables.projections()).isEqualTo(live);
            assertThat(ledger.verify().size()).isEqualTo(model.size());
            // jqwik runs no JUnit Jupiter extension: NoNestedConnections' check, here
            assertThat(io.hazardledger.NestedConnections.takeRecorded()).isEmpty();
        } finally {
            deleteRecursively(dir);
        }
    }

    /** 10 to 50 steps; most advance a hazard along its loop, the rest are any action, often an illegal one. */
    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Action> actions = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Action.ADVANCE)),
                Tuple.of(1, Arbitraries.of(Action.class)));
        return Combinators.combine(Arbitraries.integers().between(0, 2), actions, Arbitraries.of(true, true, false))
                .as(Step::new)
                .list().ofMinSize(10).ofMaxSize(50);
    }

    private static Map<String, HazardStatus> registerStatuses(Ledger ledger) {
        return hazards(ledger).collect(Collectors.toMap(HazardSummary::hazardId, HazardSummary::status));
    }

    private static Map<String, LocalDate> registerDueDates(Ledger ledger) {
        return hazards(ledger).filter(h -> h.dueDate() != null)
                .collect(Collectors.toMap(HazardSummary::hazardId, HazardSummary::dueDate));
    }

    private static Stream<HazardSummary> hazards(Ledger ledger) {
        return Stream.of("hz-0", "hz-1", "hz-2").flatMap(id -> ledger.register().get(id).stream());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
