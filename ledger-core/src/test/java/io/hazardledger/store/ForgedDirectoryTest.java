package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import static io.hazardledger.TestLedgers.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A person forged into the directory table (no event behind them) can pass the write-time checks, which read that
 * table; verify then fails at the first entry naming them.
 */
class ForgedDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void actByAPersonWhomNoEntryRegistered_failsVerifyAtThatIndex() throws Exception {
        DataSource ds = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            ledger.execute(TestLedgers.report("hz-g", HazardLevel.GENERAL));
            ledger.execute(new PlanRectification("hz-g", "fix", OWNER, LocalDate.now().plusDays(5), null, null, null, OWNER));
            ledger.execute(new SubmitRectification("hz-g", "fixed", List.of(), OWNER));
            assertThat(ledger.verify().size()).isEqualTo(7);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO person_view (person_id, name, roles) VALUES ('ghost', 'Ghost', 'VERIFIER')");
            }
            Receipt forged = ledger.execute(new VerifyRectification("hz-g", true, "fine", "ghost"));
            ledger.execute(new CloseOutHazard("hz-g", "closed", "ghost"));

            assertThatThrownBy(ledger::verify).isInstanceOf(LedgerIntegrityException.class)
                    .satisfies(e -> {
                        LedgerIntegrityException ie = (LedgerIntegrityException) e;
                        assertThat(ie.index()).isEqualTo(forged.index());
                        assertThat(ie.check()).isEqualTo("unknown-reference");
                        assertThat(ie.computed()).isEqualTo("ghost");
                    });
        }
    }

    /**
     * Of two forged people one event names, verify reports the first in a fixed order of fields (the owner before the
     * planner): the same in every run, as it was not while the fields were a {@code Set.of}.
     */
    @Test
    void twoForgedPeopleInOneEvent_theOwnerIsReportedBeforeThePlanner() throws Exception {
        DataSource ds = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            ledger.execute(TestLedgers.report("hz-h", HazardLevel.GENERAL));
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO person_view (person_id, name, roles) SELECT 'ghost-owner', 'Ghost Owner', "
                        + "roles FROM person_view WHERE person_id = '" + OWNER + "'");
                s.executeUpdate("INSERT INTO person_view (person_id, name, roles) SELECT 'ghost-planner', "
                        + "'Ghost Planner', roles FROM person_view WHERE person_id = '" + OWNER + "'");
            }
            Receipt forged = ledger.execute(new PlanRectification("hz-h", "fix", "ghost-owner",
                    LocalDate.now().plusDays(5), null, null, null, "ghost-planner"));

            assertThatThrownBy(ledger::verify).isInstanceOf(LedgerIntegrityException.class)
                    .satisfies(e -> {
                        LedgerIntegrityException ie = (LedgerIntegrityException) e;
                        assertThat(ie.index()).isEqualTo(forged.index());
                        assertThat(ie.check()).isEqualTo("unknown-reference");
                        assertThat(ie.computed()).isEqualTo("ghost-owner");
                        assertThat(ie.getMessage()).contains("ownerId");
                    });
        }
    }
}
