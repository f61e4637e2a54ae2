package io.hazardledger.register.internal;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.projection.Projection;
import io.hazardledger.store.LedgerTables;
import io.hazardledger.store.TestDatabase;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;

/** The register's replay with few rows in memory: rows leave it, are read back, and only differences are written. */
class RegisterRebuildTest {

    @TempDir
    Path dir;

    @Test
    void rowsThatLeftMemory_areReadBackForTheirHazardsNextEvent_andOnlyRowsThatDifferAreWritten() throws Exception {
        try (TestDatabase database = TestDatabase.in(dir); Ledger ledger = database.ledger()) {
            fiveInterleavedLives(ledger);
            LedgerTables tables = database.tables();
            List<String> live = tables.projections().get("hazard_view");

            // rows written over in passing (left memory before their hazard's last event) and back to what they were
            // are not counted: a register that is right reports no row changed
            assertThat(rebuild(database, 2)).as("a correct register, rows leaving memory").isZero();
            damage(tables);
            assertThat(rebuild(database, 2)).as("hz-b updated, hz-c inserted, hz-ghost deleted").isEqualTo(3);
            assertThat(tables.projections().get("hazard_view")).isEqualTo(live);
            assertThat(rebuild(database, 2)).isZero();

            damage(tables);
            assertThat(rebuild(database, RegisterRebuild.ROWS)).as("hz-b updated, hz-c inserted, hz-ghost deleted")
                    .isEqualTo(3);
            assertThat(tables.projections().get("hazard_view")).isEqualTo(live);
            assertThat(rebuild(database, RegisterRebuild.ROWS)).isZero();

            // the history, folded by a question as of an earlier position, with a pool that has no connection to
            // spare for reading it meanwhile: the replay reads it on its own, keeps it while it is right, forgets it
            // when a version differs
            long size = tables.head().size();
            ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, ledger.position(size - 2, null));
            long versions = tables.count("hazard_version");
            assertThat(versions).isGreaterThan(10);
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            org.axonframework.common.jdbc.ConnectionProvider exhausted = () -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new SQLException("no connection");
            };
            try {
                damage(tables);
                assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(1),
                        () -> rebuild(database, RegisterRebuild.ROWS, exhausted))).isEqualTo(3);
                assertThat(tables.projections().get("hazard_view")).isEqualTo(live);
                assertThat(tables.count("hazard_version")).isEqualTo(versions);

                // a version before the first entry (a hazard that never was, open in every answer as of a position)
                // is not among the versions any range of entries makes
                String columns = HazardRow.COLUMNS + ", valid_to";
                tables.update("INSERT INTO hazard_version (" + columns + ") SELECT "
                        + columns.replace("hazard_id,", "'hz-ghost',").replace("first_index,", "-1,")
                        + " FROM hazard_version WHERE hazard_id = 'hz-b' AND valid_to = " + Long.MAX_VALUE);
                assertThat(tables.count("hazard_version")).isEqualTo(versions + 1);
                assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(1),
                        () -> rebuild(database, RegisterRebuild.ROWS, exhausted)))
                        .as("the register right; the history forgotten, each version deleted and its reach set back "
                                + "counted").isEqualTo(versions + 1 + 1);
                assertThat(tables.count("hazard_version")).isZero();

                ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, ledger.position(size - 2, null));
                assertThat(tables.count("hazard_version")).isEqualTo(versions);
                // the stored history's digest is the same however many rows a query reads
                try (Connection c = database.dataSource().getConnection()) {
                    long folded = folded(c);
                    HazardVersions.Digest whole = HazardVersions.Digest.stored(c, folded, 20_000);
                    for (int chunk : new int[] {1, 2, 3, 7, (int) versions, (int) versions + 1}) {
                        assertThat(HazardVersions.Digest.stored(c, folded, chunk).sameAs(whole)).as("%d a query", chunk)
                                .isTrue();
                    }
                }
                if (!TestLedgers.postgres()) {
                    // on H2, where the history is read in the table's own order: a forged version given the lowest
                    // row id there is, inside what was folded, is read and digested like any other
                    try (Connection c = database.dataSource().getConnection();
                         java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO hazard_version (_ROWID_, "
                                 + columns + ") SELECT ?, " + columns.replace("status,", "'CLOSED',")
                                 .replace("last_index,", "last_index + 1000000,")
                                 + " FROM hazard_version WHERE hazard_id = 'hz-b' AND valid_to = " + Long.MAX_VALUE)) {
                        ps.setLong(1, Long.MIN_VALUE);
                        assertThat(ps.executeUpdate()).isOne();
                    }
                    assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                            java.time.Duration.ofMinutes(1), () -> rebuild(database, RegisterRebuild.ROWS, exhausted)))
                            .as("the register right; the history forgotten, counted").isEqualTo(versions + 1 + 1);
                    assertThat(tables.count("hazard_version")).isZero();
                    ledger.register().find(io.hazardledger.register.RegisterFilter.ALL,
                            ledger.position(size - 2, null));
                    assertThat(tables.count("hazard_version")).isEqualTo(versions);
                }
                // a version beyond the entries folded is not among the versions they make either
                tables.update("INSERT INTO hazard_version (" + columns + ") SELECT "
                        + columns.replace("hazard_id,", "'hz-later',").replace("first_index,", "first_index + "
                        + size + ",") + " FROM hazard_version WHERE hazard_id = 'hz-b' AND valid_to = " + Long.MAX_VALUE);
                assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(1),
                        () -> rebuild(database, RegisterRebuild.ROWS, exhausted)))
                        .as("the register right; the history forgotten, counted").isEqualTo(versions + 1 + 1);
                assertThat(tables.count("hazard_version")).isZero();

                ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, ledger.position(size - 2, null));
                assertThat(tables.count("hazard_version")).isEqualTo(versions);
                tables.update("UPDATE hazard_version SET status = 'CLOSED' WHERE hazard_id = 'hz-b' AND last_index = "
                        + "(SELECT MIN(last_index) FROM hazard_version WHERE hazard_id = 'hz-b')");
                assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(1),
                        () -> rebuild(database, RegisterRebuild.ROWS, exhausted)))
                        .as("the register right; the history forgotten, counted").isEqualTo(versions + 1);
                assertThat(tables.count("hazard_version")).isZero();
            } finally {
                never.countDown();
            }
        }
    }

    /**
     * A replay into an emptied register (after a migration that rebuilds it, or into a new store) looks up no stored
     * row but those it wrote itself when they left memory: it makes the live register, each row counted once.
     */
    @Test
    void intoAnEmptyRegister_rowsLeavingMemory_makeTheLiveRegister_eachRowCountedOnce() throws Exception {
        try (TestDatabase database = TestDatabase.in(dir); Ledger ledger = database.ledger()) {
            fiveInterleavedLives(ledger);
            LedgerTables tables = database.tables();
            List<String> live = tables.projections().get("hazard_view");
            for (int rows : new int[] {1, 2, RegisterRebuild.ROWS}) {
                tables.update("DELETE FROM hazard_view");
                assertThat(rebuild(database, rows)).as("%d rows in memory", rows).isEqualTo(5);
                assertThat(tables.projections().get("hazard_view")).isEqualTo(live);
                assertThat(rebuild(database, rows)).as("then nothing differs").isZero();
            }
        }
    }

    /**
     * Forty hazards, their history folded: the rebuild's per-hazard arrays grow past their first sizes, and the
     * versions it makes are still exactly the stored ones (the history is kept), its register unchanged.
     */
    @Test
    void manyHazards_theirHistoryKept_andTheRegisterUnchanged() throws Exception {
        try (TestDatabase database = TestDatabase.in(dir); Ledger ledger = database.ledger()) {
            TestLedgers.park(ledger);
            LocalDate due = LocalDate.now(Ledger.DEFAULT_ZONE).plusDays(30);
            for (int i = 0; i < 40; i++) {
                ledger.execute(TestLedgers.report("hz-" + i, HazardLevel.GENERAL));
                if (i % 2 == 0) {
                    ledger.execute(new PlanRectification("hz-" + i, "replace gasket", OWNER, due, "800.50", null, null,
                            OWNER));
                }
            }
            LedgerTables tables = database.tables();
            List<String> live = tables.projections().get("hazard_view");
            long size = tables.head().size();
            ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, ledger.position(size - 1, null));
            long versions = tables.count("hazard_version");
            assertThat(versions).as("the versions below the last entry: 40 reports and 20 plans, less hz-39's report")
                    .isEqualTo(59);

            assertThat(rebuild(database, RegisterRebuild.ROWS)).isZero();
            assertThat(tables.projections().get("hazard_view")).isEqualTo(live);
            assertThat(tables.count("hazard_version")).as("the history kept").isEqualTo(versions);
        }
    }

    /** A park, and five hazards' lives interleaved: with two rows in memory, each leaves it before its next event. */
    private static void fiveInterleavedLives(Ledger ledger) {
        TestLedgers.park(ledger);
        List<String> hazards = List.of("hz-a", "hz-b", "hz-c", "hz-d", "hz-e");
        LocalDate due = LocalDate.now(Ledger.DEFAULT_ZONE).plusDays(30);
        for (String id : hazards) {
            ledger.execute(TestLedgers.report(id, HazardLevel.GENERAL));
        }
        for (String id : hazards) {
            ledger.execute(new PlanRectification(id, "replace gasket", OWNER, due, "800.50", "cordon", "evacuate",
                    OWNER));
        }
        for (String id : hazards) {
            ledger.execute(new SubmitRectification(id, "done", List.of(), OWNER));
        }
        for (String id : hazards.subList(0, 3)) {
            ledger.execute(new VerifyRectification(id, true, "holds", VERIFIER));
            ledger.execute(new CloseOutHazard(id, "closed", VERIFIER));
        }
        ledger.execute(new ReopenHazard("hz-a", "came back", VERIFIER));
    }

    @Test
    void theHistoryDigestsThread_endsWithTheRebuild_whetherItsDigestIsComparedOrNot() throws Exception {
        try (TestDatabase database = TestDatabase.in(dir); Ledger ledger = database.ledger()) {
            TestLedgers.park(ledger);
            for (String id : List.of("hz-a", "hz-b", "hz-c")) {
                ledger.execute(TestLedgers.report(id, HazardLevel.GENERAL));
            }
            LedgerTables tables = database.tables();
            long size = tables.head().size();
            ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, ledger.position(null, null));
            assertThat(tables.count("hazard_version")).isEqualTo(3);
            // compared, each version a batch of its own handed to the thread: kept, and the thread has ended
            assertThat(rebuild(database, RegisterRebuild.ROWS, database.dataSource()::getConnection, 1)).isZero();
            assertThat(tables.count("hazard_version")).isEqualTo(3);
            assertNoDigestThreadLeft();
            // a history said to reach beyond the ledger is forgotten without comparing its digest: the thread ends too
            tables.update("UPDATE hazard_version_head SET next_index = ?", size + 5);
            assertThat(rebuild(database, RegisterRebuild.ROWS, database.dataSource()::getConnection, 1))
                    .as("the three versions deleted and the reach set back").isEqualTo(4);
            assertThat(tables.count("hazard_version")).isZero();
            assertNoDigestThreadLeft();
        }
    }

    private static void assertNoDigestThreadLeft() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("ledger-replay-digest")) {
                t.join(10_000);   // a bound: a thread that has ended returns at once
                assertThat(t.isAlive()).as("a rebuild's digest thread still runs after it").isFalse();
            }
        }
    }

    /** The first entry the stored history has not folded. */
    private static long folded(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT next_index FROM hazard_version_head")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void damage(LedgerTables tables) throws SQLException {
        tables.update("UPDATE hazard_view SET status = 'REPORTED', submissions = 9 WHERE hazard_id = 'hz-b'");
        tables.update("DELETE FROM hazard_view WHERE hazard_id = 'hz-c'");
        tables.update("INSERT INTO hazard_view SELECT 'hz-ghost', enterprise_id, level, source, status, criterion_ref, "
                + "category, location, description, found_at, reported_by, reported_at, owner_id, due_date, funding, "
                + "submissions, last_submitted_by, last_verifier_id, extensions, reopenings, closed_at, first_index, "
                + "last_index, last_entry_hash, submitted_on FROM hazard_view WHERE hazard_id = 'hz-d'");
    }

    /** A replay of every entry into the register alone, with at most {@code rows} rows in memory; the rows changed. */
    private static long rebuild(TestDatabase database, int rows) throws Exception {
        return rebuild(database, rows, database.dataSource()::getConnection);
    }

    private static long rebuild(TestDatabase database, int rows,
                                org.axonframework.common.jdbc.ConnectionProvider connections) throws Exception {
        return rebuild(database, rows, connections, 2_048);
    }

    private static long rebuild(TestDatabase database, int rows,
                                org.axonframework.common.jdbc.ConnectionProvider connections, int digested)
            throws Exception {
        LedgerStore store = new LedgerStore(database.dataSource(), LedgerSerializer.forEvents(), List.of());
        HazardRegisterView view = new HazardRegisterView(connections,
                Clock.system(io.hazardledger.Ledger.DEFAULT_ZONE), null, null);
        long size = database.tables().head().size();
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Projection.Rebuild rebuild = view.rebuild(c, rows, digested);
            store.read(0, size, ev -> {
                try {
                    rebuild.apply(ev);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long changed = rebuild.finish();
            c.commit();
            return changed;
        }
    }
}
