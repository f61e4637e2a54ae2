package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.VerifiedLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ledger closed and built again over the same H2 file: nothing is lost, it verifies, and new writes continue
 * the chain. No connection is held open here, so H2 really closes the database file in between.
 */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void restartedLedger_keepsItsData_verifies_andContinuesTheChain() throws Exception {
        DataSource dataSource = TestLedgers.store(dir);
        LedgerTables tables = new LedgerTables(dataSource);
        VerifiedLedger before;
        Map<String, List<String>> projectionsBefore;
        try (Ledger ledger = Ledger.builder().dataSource(dataSource).build()) {
            TestLedgers.park(ledger);
            TestLedgers.closedLoop(ledger, "hz-1");
            ledger.execute(TestLedgers.report("hz-2", HazardLevel.MAJOR));
            before = ledger.verify();
            projectionsBefore = tables.projections();
        }

        try (Ledger ledger = Ledger.builder().dataSource(dataSource).build()) {
            assertThat(ledger.verify()).isEqualTo(before);
            assertThat(tables.projections()).isEqualTo(projectionsBefore);
            assertThat(ledger.register().get("hz-1").orElseThrow().status()).isEqualTo(HazardStatus.CLOSED);
            assertThat(ledger.directory().person(TestLedgers.VERIFIER)).isPresent();

            Receipt next = ledger.execute(new PlanRectification("hz-2", "replace gasket", TestLedgers.OWNER,
                    LocalDate.now().plusDays(20), null, null, null, TestLedgers.OWNER));

            assertThat(next.index()).isEqualTo(before.size());
            assertThat(new String(tables.entryBytes(next.index()), StandardCharsets.UTF_8))
                    .contains("\"prevHash\":\"" + before.headHash() + "\"");
            assertThat(ledger.register().get("hz-2").orElseThrow().status()).isEqualTo(HazardStatus.RECTIFICATION_PLANNED);
            assertThat(ledger.verify()).isEqualTo(new VerifiedLedger(before.size() + 1, next.entryHash()));
        }

        try (Ledger ledger = Ledger.builder().dataSource(dataSource).migrate(false).build()) {
            assertThat(ledger.verify().size()).isEqualTo(before.size() + 1);
            assertThat(ledger.execute(TestLedgers.report("hz-3", HazardLevel.GENERAL)).index()).isEqualTo(before.size() + 1);
            assertThat(ledger.verify().size()).isEqualTo(before.size() + 2);
        }
        assertThat(tables.scalar("SELECT COUNT(*) FROM \"ledger_schema_history\" WHERE \"version\" = '1'"))
                .as("V1 applied once").isEqualTo(1L);
    }

    @Test
    void emptyLedger_verifiesAsEmpty_beforeAndAfterARestart() throws Exception {
        DataSource dataSource = TestLedgers.store(dir);
        VerifiedLedger empty = new VerifiedLedger(0, Hashes.ZERO_HASH);
        try (Ledger ledger = Ledger.builder().dataSource(dataSource).build()) {
            assertThat(ledger.verify()).isEqualTo(empty);
        }
        try (Ledger ledger = Ledger.builder().dataSource(dataSource).build()) {
            assertThat(ledger.verify()).isEqualTo(empty);
            Receipt first = ledger.execute(new RegisterEnterprise("ent-1", "Acme", "chemicals", true));
            assertThat(first.index()).isZero();
            assertThat(new String(new LedgerTables(dataSource).entryBytes(0), StandardCharsets.UTF_8))
                    .contains("\"prevHash\":\"" + Hashes.ZERO_HASH + "\"");
        }
    }
}
