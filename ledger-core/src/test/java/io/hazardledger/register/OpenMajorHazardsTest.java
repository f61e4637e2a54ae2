package io.hazardledger.register;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open major hazards per enterprise (the plan's "dynamic zeroing") count exactly the register's major hazards that
 * are not closed, and of them those past their due date, for every enterprise including one without hazards, over
 * a seeded mix of levels and stages (reported, planned with a due date past, today or to come, submitted, verified,
 * closed, reopened).
 */
class OpenMajorHazardsTest {

    @Test
    void countsEqualTheRegister(@TempDir Path dir) {
        List<String> enterprises = List.of("ent-a", "ent-b", "ent-c", "ent-empty");
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(false).build()) {
            for (String e : enterprises) {
                ledger.execute(new RegisterEnterprise(e, "Enterprise " + e, "chemicals", true));
                ledger.execute(new RegisterPerson("p-" + e, "Staff " + e, e, Set.of(Role.ENTERPRISE_STAFF)));
            }
            ledger.execute(new RegisterPerson("p-verifier", "Verifier", null, Set.of(Role.VERIFIER)));
            Random random = new Random(20261129);
            LocalDate today = ledger.register().today();
            for (int i = 0; i < 80; i++) {
                String e = enterprises.get(random.nextInt(3));
                String staff = "p-" + e;
                String id = "hz-" + i;
                HazardLevel level = random.nextInt(3) == 0 ? HazardLevel.MAJOR : HazardLevel.GENERAL;
                ledger.execute(new ReportHazard(id, e, level, HazardSource.SELF_INSPECTION,
                        level == HazardLevel.MAJOR ? "AQ/T 2023 No.10 Art.4(1)" : null, "fire", "here", "leak", "aged",
                        Instant.parse("2026-01-05T08:00:00Z"), staff, List.of()));
                int stage = random.nextInt(6);
                if (stage >= 1) {
                    LocalDate due = switch (random.nextInt(3)) {
                        case 0 -> LocalDate.of(2026, 2, 1);
                        case 1 -> today; // due today is not overdue yet
                        default -> today.plusDays(20);
                    };
                    ledger.execute(new PlanRectification(id, "fix", staff, due, null, null, null, staff));
                }
                if (stage >= 2) {
                    ledger.execute(new SubmitRectification(id, "fixed", List.of(TestLedgers.evidence(id)), staff));
                }
                if (stage >= 3) {
                    ledger.execute(new VerifyRectification(id, true, "ok", "p-verifier"));
                }
                if (stage >= 4) {
                    ledger.execute(new CloseOutHazard(id, "closed", "p-verifier"));
                }
                if (stage >= 5) {
                    ledger.execute(new ReopenHazard(id, "came back", "p-verifier"));
                }
            }

            List<HazardSummary> all = ledger.register().find(new RegisterFilter(null, null, null, null, null, 1000, 0));
            assertThat(all).hasSize(80);
            List<OpenMajorHazards> expected = new ArrayList<>();
            for (String e : enterprises) {
                List<HazardSummary> open = all.stream().filter(h -> h.enterpriseId().equals(e)
                        && h.level() == HazardLevel.MAJOR && h.status() != HazardStatus.CLOSED).toList();
                expected.add(new OpenMajorHazards(e, "Enterprise " + e, open.size(),
                        open.stream().filter(HazardSummary::overdue).count()));
            }
            assertThat(expected).as("the seeded mix has open and overdue major hazards")
                    .anySatisfy(o -> assertThat(o.overdue()).isPositive())
                    .anySatisfy(o -> assertThat(o.open()).isGreaterThan(o.overdue()));
            assertThat(ledger.register().openMajorHazards()).isEqualTo(expected);
        }
    }
}
