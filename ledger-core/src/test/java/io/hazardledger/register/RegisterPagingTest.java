package io.hazardledger.register;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every filter the register's pages are read by (enterprise and status, enterprise, status, none) gives its hazards
 * in ledger order, page after page, exactly as sorting all matching hazards by their first entry does.
 */
class RegisterPagingTest {

    @TempDir
    Path dir;

    @Test
    void pages_areInLedgerOrder_forEveryFilter() throws Exception {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(false).build()) {
            for (String e : List.of("ent-a", "ent-b")) {
                ledger.execute(new RegisterEnterprise(e, "Enterprise " + e, "chemicals", false));
                ledger.execute(new RegisterPerson("p-" + e, "Staff " + e, e, Set.of(Role.ENTERPRISE_STAFF)));
            }
            // interleaved enterprises; every third hazard gets a plan, so statuses interleave too (and a planned
            // hazard's last entry comes after later hazards' first ones)
            for (int i = 0; i < 30; i++) {
                String e = i % 2 == 0 ? "ent-a" : "ent-b";
                ledger.execute(new ReportHazard("hz-" + i, e, HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                        "fire", "here", "leak", "aged", Instant.parse("2026-11-01T08:00:00Z"), "p-" + e, List.of()));
                if (i % 3 == 0 && i > 0) {
                    String earlier = "hz-" + (i - 3);
                    String owner = "p-" + ((i - 3) % 2 == 0 ? "ent-a" : "ent-b");
                    ledger.execute(new PlanRectification(earlier, "fix", owner, LocalDate.now().plusDays(9), null,
                            null, null, owner));
                }
            }
            List<HazardSummary> all = new ArrayList<>(ledger.register().find(
                    new RegisterFilter(null, null, null, null, null, 1000, 0)));
            assertThat(all).hasSize(30).isSortedAccordingTo(Comparator.comparingLong(HazardSummary::firstIndex));

            for (String enterprise : new String[]{null, "ent-a", "ent-b"}) {
                for (HazardStatus status : new HazardStatus[]{null, HazardStatus.REPORTED, HazardStatus.RECTIFICATION_PLANNED}) {
                    List<HazardSummary> expected = all.stream()
                            .filter(h -> enterprise == null || h.enterpriseId().equals(enterprise))
                            .filter(h -> status == null || h.status() == status).toList();
                    List<String> paged = new ArrayList<>();
                    for (int offset = 0; offset < 40; offset += 4) {
                        ledger.register().find(new RegisterFilter(enterprise, null, status, null, null, 4, offset))
                                .forEach(h -> paged.add(h.hazardId()));
                    }
                    assertThat(paged).as("enterprise %s, status %s", enterprise, status)
                            .containsExactlyElementsOf(expected.stream().map(HazardSummary::hazardId).toList());
                }
            }
        }
    }

    /** A position made by hand past the ledger's head is refused as input naming both sizes, not as a storage fault. */
    @Test
    void aPositionPastTheHead_isRefusedAsInvalidInput() throws Exception {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(false).build()) {
            TestLedgers.park(ledger);
            long size = ledger.log().size();
            io.hazardledger.LedgerPosition past = new io.hazardledger.LedgerPosition(size + 5, Instant.now());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.register().get("hz-x", past))
                    .isInstanceOfSatisfying(io.hazardledger.InvalidInputException.class, e -> assertThat(e.getMessage())
                            .contains("a position of " + (size + 5) + " entries is beyond the ledger's " + size));
            for (Instant absurd : List.of(Instant.MIN, Instant.MAX, Instant.parse("1969-12-31T23:59:59Z"))) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.position(null, absurd))
                        .isInstanceOfSatisfying(io.hazardledger.InvalidInputException.class,
                                e -> assertThat(e.field()).isEqualTo("asOf"));
            }
        }
    }
}
