package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.store.internal.LedgerStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failure while the ledger is written, after Axon has inserted the event row, rolls the whole command back:
 * the event, the entry, the projection rows and the head. The failures are planted in the test database as
 * constraints that refuse one particular row; once the constraint is gone the same command succeeds at the
 * index the failed one would have taken, so no gap is left either.
 * <p>
 * Starts from the park, hz-1 closed out and hz-2 reported: 10 entries.
 */
class FailedWriteRollbackTest {

    static final long SIZE = 10;

    @TempDir
    Path dir;

    private TestDatabase database;
    private Ledger ledger;
    private LedgerTables tables;

    @BeforeEach
    void buildLedger() throws Exception {
        database = TestDatabase.in(dir);
        ledger = database.ledger();
        tables = database.tables();
        TestLedgers.park(ledger);
        TestLedgers.closedLoop(ledger, "hz-1");
        ledger.execute(TestLedgers.report("hz-2", HazardLevel.GENERAL));
        assertThat(ledger.verify().size()).isEqualTo(SIZE);
    }

    @AfterEach
    void closeLedger() throws Exception {
        ledger.close();
        database.close();
    }

    /** Where the write fails: SQL that plants the failure, SQL that removes it, and the command that hits it. */
    record Failure(String where, String plant, String remove, String aggregateId, Object command) {
        @Override
        public String toString() {
            return where;
        }
    }

    static Stream<Failure> failures() {
        return Stream.of(
                new Failure("projection INSERT: a hazard_view row already holds the new hazard's id",
                        "INSERT INTO hazard_view (hazard_id, enterprise_id, level, source, status, category, location, "
                                + "description, found_at, reported_by, reported_at, submissions, extensions, reopenings, "
                                + "first_index, last_index, last_entry_hash) VALUES ('hz-9', 'ent-acme', 'GENERAL', "
                                + "'SELF_INSPECTION', 'REPORTED', 'c', 'l', 'd', 'x', 'x', 'x', 0, 0, 0, 99, 99, 'x')",
                        "DELETE FROM hazard_view WHERE hazard_id = 'hz-9'",
                        "hz-9", TestLedgers.report("hz-9", HazardLevel.GENERAL)),
                new Failure("ledger_entry INSERT: a CHECK refuses the new hazard's entry (written before its projection row)",
                        "ALTER TABLE ledger_entry ADD CONSTRAINT refuse_hz9 CHECK (aggregate_id <> 'hz-9')",
                        "ALTER TABLE ledger_entry DROP CONSTRAINT refuse_hz9",
                        "hz-9", TestLedgers.report("hz-9", HazardLevel.GENERAL)),
                new Failure("ledger_head UPDATE: a CHECK keeps the head from moving past " + SIZE,
                        "ALTER TABLE ledger_head ADD CONSTRAINT head_stuck CHECK (size <= " + SIZE + ")",
                        "ALTER TABLE ledger_head DROP CONSTRAINT head_stuck",
                        "hz-9", TestLedgers.report("hz-9", HazardLevel.GENERAL)),
                new Failure("projection UPDATE of an existing hazard: a CHECK refuses hz-2 as planned",
                        "ALTER TABLE hazard_view ADD CONSTRAINT refuse_plan CHECK (hazard_id <> 'hz-2' OR status <> 'RECTIFICATION_PLANNED')",
                        "ALTER TABLE hazard_view DROP CONSTRAINT refuse_plan",
                        "hz-2", new PlanRectification("hz-2", "fix", TestLedgers.OWNER, LocalDate.now().plusDays(9), null,
                                null, null, TestLedgers.OWNER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failureWhileWritingTheLedger_rollsBackTheEventToo(Failure failure) throws Exception {
        tables.update(failure.plant());
        LedgerTables.Counts countsBefore = tables.counts();
        Map<String, List<String>> projectionsBefore = tables.projections();
        long eventsOfAggregate = eventsOf(failure.aggregateId());

        assertThatThrownBy(() -> ledger.execute(failure.command()))
                .isInstanceOf(LedgerStorageException.class);

        assertThat(eventsOf(failure.aggregateId())).as("events of " + failure.aggregateId()).isEqualTo(eventsOfAggregate);
        assertThat(tables.scalar("SELECT COUNT(*) FROM ledger_entry WHERE aggregate_id = ?", failure.aggregateId()))
                .as("entries of " + failure.aggregateId()).isEqualTo(eventsOfAggregate);
        assertThat(tables.counts()).isEqualTo(countsBefore);
        assertThat(tables.projections()).isEqualTo(projectionsBefore);
        assertThat(ledger.verify().size()).isEqualTo(SIZE);

        tables.update(failure.remove());
        Receipt retried = ledger.execute(failure.command());

        assertThat(retried.index()).isEqualTo(SIZE);
        assertThat(eventsOf(failure.aggregateId())).isEqualTo(eventsOfAggregate + 1);
        assertThat(ledger.verify().size()).isEqualTo(SIZE + 1);
    }

    private long eventsOf(String aggregateId) throws Exception {
        return (Long) tables.scalar("SELECT COUNT(*) FROM ledger_domain_event WHERE aggregate_identifier = ?", aggregateId);
    }
}
