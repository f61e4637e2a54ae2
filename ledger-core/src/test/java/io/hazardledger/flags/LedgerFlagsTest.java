package io.hazardledger.flags;

import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.SubmitRectification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's flags come from its committed entries through the commands: they cite the entries the receipts
 * named, follow new writes, answer as of an earlier ledger size exactly as the first entries alone give, filter by
 * hazard and rule, and are the same after a restart (rebuilt by reading the ledger).
 */
class LedgerFlagsTest {

    @TempDir
    Path dir;

    @Test
    void flagsCiteTheReceiptsEntries_followWrites_answerAsOfAnEarlierSize_andAreAcknowledgedByTheParkOffice()
            throws Exception {
        DataSource ds = TestLedgers.store(dir);
        List<IntegrityFlag> now;
        long firstExtension;
        long secondExtension;
        long report;
        long sameEvidence;
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            cleanLoop(ledger, "hz-clean");
            assertThat(ledger.flags().find(FlagQuery.ALL)).as("a clean closed loop raises nothing").isEmpty();

            ledger.execute(TestLedgers.report("hz-late", HazardLevel.GENERAL));
            LocalDate due = LocalDate.now(Ledger.DEFAULT_ZONE).plusDays(10);
            ledger.execute(new PlanRectification("hz-late", "fix", OWNER, due, null, "cordon", "evacuate", OWNER));
            firstExtension = ledger.execute(new ExtendDeadline("hz-late", due.plusDays(10), "parts", VERIFIER)).index();
            assertThat(ledger.flags().find(FlagQuery.ALL)).as("one extension is not repeated").isEmpty();
            secondExtension = ledger.execute(new ExtendDeadline("hz-late", due.plusDays(20), "more parts", VERIFIER)).index();

            report = ledger.execute(TestLedgers.report("hz-paper", HazardLevel.GENERAL)).index();
            ledger.execute(new PlanRectification("hz-paper", "fix", OWNER, due, null, "cordon", "evacuate", OWNER));
            Receipt submitted = ledger.execute(new SubmitRectification("hz-paper", "fixed",
                    List.of(TestLedgers.evidence("before-hz-paper")), OWNER));
            sameEvidence = submitted.index();

            now = ledger.flags().find(FlagQuery.ALL);
            assertThat(now).extracting(IntegrityFlag::rule, IntegrityFlag::hazardId).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(FlagRule.REPEATED_EXTENSIONS, "hz-late"),
                    org.assertj.core.groups.Tuple.tuple(FlagRule.AFTER_EQUALS_BEFORE, "hz-paper"));
            assertThat(now.get(0).entries()).extracting(CitedEntry::index).containsExactly(firstExtension, secondExtension);
            assertThat(now.get(1).entries()).extracting(CitedEntry::index).containsExactly(report, sameEvidence);
            for (IntegrityFlag f : now) {
                for (CitedEntry c : f.entries()) {
                    assertThat(ledger.register().history(f.hazardId()))
                            .anySatisfy(h -> {
                                assertThat(h.index()).isEqualTo(c.index());
                                assertThat(h.entryHash()).isEqualTo(c.entryHash());
                            });
                }
            }

            // as of a size: exactly the flags the first entries raise
            assertThat(ledger.flags().find(query(secondExtension, null, null))).isEmpty();
            assertThat(ledger.flags().find(query(secondExtension + 1, null, null))).containsExactly(now.get(0));
            assertThat(ledger.flags().find(query(null, "hz-paper", null))).containsExactly(now.get(1));
            assertThat(ledger.flags().find(query(null, null, FlagRule.REPEATED_EXTENSIONS))).containsExactly(now.get(0));
            long size = ledger.log().size();
            assertThatThrownBy(() -> ledger.flags().find(query(size + 1, null, null)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("atIndex");
        }
        try (Ledger restarted = Ledger.builder().dataSource(ds).build()) {
            assertThat(restarted.flags().find(FlagQuery.ALL)).as("rebuilt from the ledger after a restart")
                    .isEqualTo(now);

            // acknowledging: by the park office only, of a flag that exists, once; shown as of its entry
            restarted.execute(new io.hazardledger.directory.RegisterPerson("p-office", "Park office", null,
                    java.util.Set.of(io.hazardledger.directory.Role.PARK_OFFICE)));
            String flagId = now.get(0).flagId();
            long before = restarted.log().size();
            assertThatThrownBy(() -> restarted.execute(new AcknowledgeFlag(flagId, "checked", OWNER)))
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class,
                            e -> assertThat(e.code()).isEqualTo("acknowledger-not-park-office"));
            assertThatThrownBy(() -> restarted.execute(new AcknowledgeFlag("no-such-rule:1.0", "checked", "p-office")))
                    .isInstanceOf(io.hazardledger.UnknownReferenceException.class).hasMessageContaining("flag");
            assertThat(restarted.log().size()).as("nothing stored by a refusal").isEqualTo(before);

            // signed by the office, as a signed act: verify then checks that the entry holds what was signed
            var officeKey = io.hazardledger.integrity.sig.KeyPairs.generate(
                    io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).signer();
            restarted.execute(new io.hazardledger.directory.RegisterKey("p-office",
                    officeKey.verificationKey().spkiBase64(), java.time.Instant.now().minusSeconds(60), "p-office"));
            AcknowledgeFlag acknowledge = new AcknowledgeFlag(flagId, "parts really were delayed; checked the orders",
                    "p-office");
            var statement = restarted.statementFor(acknowledge, officeKey.verificationKey().keyId(),
                    java.time.Instant.now());
            long ack = restarted.execute(acknowledge,
                    io.hazardledger.integrity.sig.SignedStatement.sign(statement, officeKey)).index();
            IntegrityFlag acknowledged = restarted.flags().get(flagId).orElseThrow();
            assertThat(acknowledged.acknowledgement()).satisfies(a -> {
                assertThat(a.index()).isEqualTo(ack);
                assertThat(a.acknowledgedBy()).isEqualTo("p-office");
                assertThat(a.reason()).startsWith("parts really");
            });
            assertThat(acknowledged.acknowledged(null)).as("the flag itself is unchanged").isEqualTo(now.get(0));
            assertThat(restarted.flags().find(query(ack, null, null)).get(0).acknowledgement()).as("before it").isNull();
            assertThat(restarted.flags().find(query(ack + 1, null, null)).get(0).acknowledgement()).isNotNull();
            assertThatThrownBy(() -> restarted.execute(new AcknowledgeFlag(flagId, "again", "p-office")))
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class, e -> {
                        assertThat(e.code()).isEqualTo("duplicate-id");
                        assertThat(e.getMessage()).startsWith("flag " + flagId + " is already acknowledged");
                    });
            assertThat(restarted.verify().holds()).isTrue();
        }
        try (Ledger again = Ledger.builder().dataSource(ds).build()) {
            assertThat(again.flags().get(now.get(0).flagId()).orElseThrow().acknowledgement()).isNotNull();
        }
    }

    @Test
    void deadlinesAndQuartersAreJudgedInTheLedgersZone_unlessParametersAreGiven() {
        java.time.ZoneId utc = java.time.ZoneId.of("UTC");
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).clock(java.time.Clock.system(utc))
                .storeHousekeeping(java.time.Duration.ZERO).build()) {
            assertThat(ledger.flags().parameters().zone()).isEqualTo(utc);
        }
        FlagParameters given = FlagParameters.defaults();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).clock(java.time.Clock.system(utc))
                .flagParameters(given).storeHousekeeping(java.time.Duration.ZERO).build()) {
            assertThat(ledger.flags().parameters()).isEqualTo(given);
        }
    }

    /** A closed loop whose rectification evidence is captured after the plan (TestLedgers' is dated earlier). */
    private static void cleanLoop(Ledger ledger, String hazardId) {
        ledger.execute(TestLedgers.report(hazardId, HazardLevel.MAJOR));
        ledger.execute(new PlanRectification(hazardId, "replace gasket", OWNER,
                LocalDate.now(Ledger.DEFAULT_ZONE).plusDays(30), "100.00", "cordon", "evacuate", OWNER));
        ledger.execute(new SubmitRectification(hazardId, "gasket replaced", List.of(new io.hazardledger.hazard.Evidence(
                io.hazardledger.integrity.Hashes.sha256Hex(("after-" + hazardId).getBytes()), "image/jpeg",
                java.time.Instant.now(), "after.jpg")), OWNER));
        ledger.execute(new io.hazardledger.hazard.VerifyRectification(hazardId, true, "checked", VERIFIER));
        ledger.execute(new io.hazardledger.hazard.CloseOutHazard(hazardId, "closed", VERIFIER));
    }

    private static FlagQuery query(Long atIndex, String hazardId, FlagRule rule) {
        return new FlagQuery(null, hazardId, null, rule, null, null, atIndex, null, null, null);
    }

    /**
     * The person a flag questions, or one who acted in an entry it cites, does not acknowledge it (another of the
     * park office does), and no new record can take a flag's id before the flag is raised: ':' is kept for the ids the
     * ledger makes.
     */
    @Test
    void theFlaggedPerson_mayNotAcknowledgeTheFlag_andNoNewRecordTakesAFlagsId() {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).build()) {
            TestLedgers.park(ledger);
            for (String office : List.of("p-office", "p-office-2", "p-office-3")) {
                ledger.execute(new io.hazardledger.directory.RegisterPerson(office, office, null,
                        java.util.Set.of(io.hazardledger.directory.Role.PARK_OFFICE)));
            }
            String squatted = "repeated-extensions:" + (ledger.log().size() + 3) + ".0";
            long before = ledger.log().size();
            assertThatThrownBy(() -> ledger.execute(TestLedgers.report(squatted, HazardLevel.GENERAL)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("hazardId");
                        assertThat(e.getMessage()).contains("must not contain ':'");
                    });
            assertThatThrownBy(() -> ledger.execute(new io.hazardledger.directory.RegisterPerson("p:x", "x", null,
                    java.util.Set.of(io.hazardledger.directory.Role.AUDITOR))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("personId"));
            assertThat(ledger.log().size()).as("nothing stored by a refusal").isEqualTo(before);

            ledger.execute(TestLedgers.report("hz-x", HazardLevel.GENERAL));
            LocalDate due = LocalDate.now(Ledger.DEFAULT_ZONE).plusDays(10);
            ledger.execute(new PlanRectification("hz-x", "fix", OWNER, due, null, "cordon", "evacuate", OWNER));
            ledger.execute(new ExtendDeadline("hz-x", due.plusDays(10), "parts", "p-office-2"));
            ledger.execute(new ExtendDeadline("hz-x", due.plusDays(20), "more parts", "p-office"));
            IntegrityFlag flag = ledger.flags().find(FlagQuery.ALL).stream()
                    .filter(f -> f.rule() == FlagRule.REPEATED_EXTENSIONS).findFirst().orElseThrow();
            assertThat(flag.personId()).isEqualTo("p-office");
            assertThat(flag.flagId()).as("the id the squatter aimed at").isEqualTo(squatted);

            long size = ledger.log().size();
            assertThatThrownBy(() -> ledger.execute(new AcknowledgeFlag(flag.flagId(), "all fine", "p-office")))
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class, e -> {
                        assertThat(e.code()).isEqualTo("acknowledger-flagged");
                        assertThat(e.getMessage()).contains("questions an act of p-office");
                    });
            // nor the person of the other extension the flag cites
            assertThatThrownBy(() -> ledger.execute(new AcknowledgeFlag(flag.flagId(), "all fine", "p-office-2")))
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class, e -> {
                        assertThat(e.code()).isEqualTo("acknowledger-flagged");
                        assertThat(e.getMessage()).contains("questions the extension at entry ")
                                .contains(", an act of p-office-2");
                    });
            assertThat(ledger.log().size()).isEqualTo(size);
            ledger.execute(new AcknowledgeFlag(flag.flagId(), "parts really were delayed", "p-office-3"));
            assertThat(ledger.flags().get(flag.flagId()).orElseThrow().acknowledgement().acknowledgedBy())
                    .isEqualTo("p-office-3");
        }
    }

    /**
     * A recurrence questions the earlier close-out, of another hazard: its closer may not acknowledge it; the person
     * who reported the hazard again, the entry the question rests on, may.
     */
    @Test
    void aRecurrence_isNotAcknowledgedByWhoClosedTheEarlierHazard_butMayBeByItsNewReporter() {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).build()) {
            TestLedgers.park(ledger);
            ledger.execute(new io.hazardledger.directory.RegisterPerson("p-closer", "p-closer", null,
                    java.util.Set.of(io.hazardledger.directory.Role.PARK_OFFICE,
                            io.hazardledger.directory.Role.VERIFIER)));
            ledger.execute(new io.hazardledger.directory.RegisterPerson("p-finder", "p-finder", null,
                    java.util.Set.of(io.hazardledger.directory.Role.PARK_OFFICE)));
            ledger.execute(TestLedgers.report("hz-first", HazardLevel.GENERAL));
            ledger.execute(new PlanRectification("hz-first", "fix", OWNER, LocalDate.now(Ledger.DEFAULT_ZONE)
                    .plusDays(10), null, null, null, OWNER));
            ledger.execute(new io.hazardledger.hazard.SubmitRectification("hz-first", "fixed",
                    List.of(TestLedgers.evidence("after-first")), OWNER));
            ledger.execute(new io.hazardledger.hazard.VerifyRectification("hz-first", true, "ok", "p-closer"));
            ledger.execute(new io.hazardledger.hazard.CloseOutHazard("hz-first", "closed", "p-closer"));
            var again = TestLedgers.report("hz-again", HazardLevel.GENERAL);
            ledger.execute(new io.hazardledger.hazard.ReportHazard("hz-again", again.enterpriseId(), again.level(),
                    io.hazardledger.hazard.HazardSource.SUPERVISORY_INSPECTION, null, again.category(),
                    again.location(), again.description(), null, java.time.Instant.now(), "p-finder", List.of(), null,
                    null));
            IntegrityFlag flag = ledger.flags().find(FlagQuery.ALL).stream()
                    .filter(f -> f.rule() == FlagRule.RECURRENCE).findFirst().orElseThrow();
            assertThatThrownBy(() -> ledger.execute(new AcknowledgeFlag(flag.flagId(), "fine", "p-closer")))
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class,
                            e -> assertThat(e.getMessage()).contains("questions the close-out at entry "));
            ledger.execute(new AcknowledgeFlag(flag.flagId(), "a new leak at the same pump", "p-finder"));
            assertThat(ledger.flags().get(flag.flagId()).orElseThrow().acknowledgement().acknowledgedBy())
                    .isEqualTo("p-finder");
        }
    }
}
