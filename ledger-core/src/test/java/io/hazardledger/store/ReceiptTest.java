package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.RuleViolationException;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.VerifiedLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code execute} returns is what was stored: the entry's index, hash and event type. */
class ReceiptTest {

    @TempDir
    Path dir;

    private TestDatabase database;
    private Ledger ledger;
    private LedgerTables tables;

    @BeforeEach
    void openLedger() throws Exception {
        database = TestDatabase.in(dir);
        ledger = database.ledger();
        tables = database.tables();
    }

    @AfterEach
    void closeLedger() throws Exception {
        ledger.close();
        database.close();
    }

    @Test
    void receipts_nameTheStoredEntries_atGapFreeIndexesAcrossAggregates() throws Exception {
        TestLedgers.park(ledger);
        List<Object> commands = List.of(
                TestLedgers.report("hz-1", HazardLevel.MAJOR),
                TestLedgers.report("hz-2", HazardLevel.GENERAL),
                new AppointPrincipal(ENTERPRISE, OWNER),
                plan("hz-2"),
                new RegisterPerson("p-auditor", "Sun Li", null, Set.of(Role.AUDITOR)),
                plan("hz-1"));
        List<Receipt> receipts = new ArrayList<>();
        for (Object command : commands) {
            receipts.add(ledger.execute(command));
        }
        assertThatThrownBy(() -> ledger.execute(new CloseOutHazard("hz-1", "too early", VERIFIER)))
                .isInstanceOf(RuleViolationException.class);
        receipts.add(ledger.execute(TestLedgers.report("hz-3", HazardLevel.GENERAL)));

        long first = 4;
        String prevHash = tables.entryHash(first - 1);
        for (int i = 0; i < receipts.size(); i++) {
            Receipt receipt = receipts.get(i);
            long index = first + i;
            assertThat(receipt.entries()).hasSize(1);
            assertThat(receipt.index()).isEqualTo(index);
            assertThat(receipt.entryHash())
                    .isEqualTo(tables.entryHash(index))
                    .isEqualTo(Hashes.leafHash(tables.entryBytes(index)));
            assertThat(receipt.entries().get(0).eventType())
                    .isEqualTo(tables.scalar("SELECT event_type FROM ledger_entry WHERE ledger_index = ?", index));
            assertThat(new String(tables.entryBytes(index), StandardCharsets.UTF_8))
                    .contains("\"index\":" + index + ",")
                    .contains("\"prevHash\":\"" + prevHash + "\"");
            prevHash = receipt.entryHash();
        }
        assertThat(receipts).extracting(r -> r.entries().get(0).eventType()).containsExactly(
                "HazardReported", "HazardReported", "PrincipalAppointed", "RectificationPlanned", "PersonRegistered",
                "RectificationPlanned", "HazardReported");

        long size = first + receipts.size();
        assertThat(tables.indexes()).containsExactlyElementsOf(LongStream.range(0, size).boxed().toList());
        VerifiedLedger verified = ledger.verify();
        assertThat(verified.size()).isEqualTo(size);
        assertThat(verified.headHash()).isEqualTo(receipts.get(receipts.size() - 1).entryHash());
        assertThat(ledger.register().get("hz-1").orElseThrow().lastEntryHash()).isEqualTo(receipts.get(5).entryHash());
        assertThat(ledger.register().get("hz-2").orElseThrow().lastIndex()).isEqualTo(receipts.get(3).index());
    }

    private static PlanRectification plan(String hazardId) {
        return new PlanRectification(hazardId, "replace gasket", OWNER, LocalDate.now().plusDays(30), null, null, null, OWNER);
    }
}
