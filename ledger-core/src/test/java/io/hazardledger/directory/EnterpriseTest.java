package io.hazardledger.directory;

import io.hazardledger.RuleViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.hazardledger.directory.Refusals.ruleViolation;
import static io.hazardledger.directory.Refusals.unknownPerson;

/** An enterprise of the park and its principal responsible person (主要负责人), who must be one of its people. */
class EnterpriseTest {

    private static final String ACME = "ent-acme";
    private static final String OTHER = "ent-other";

    private FixtureConfiguration<Enterprise> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Enterprise.class);
        fixture.registerInjectableResource(new InMemoryDirectory()
                .withEnterprise(ACME)
                .withEnterprise(OTHER)
                .withPerson("p-boss", ACME, Role.ENTERPRISE_STAFF)
                .withPerson("p-other-boss", OTHER, Role.ENTERPRISE_STAFF)
                .withPerson("p-office", null, Role.PARK_OFFICE));
    }

    @Test
    void register_enterprise_isRecorded() {
        fixture.givenNoPriorActivity()
               .when(new RegisterEnterprise(ACME, "Acme Chemicals", "hazardous chemicals", true))
               .expectEvents(new EnterpriseRegistered(ACME, "Acme Chemicals", "hazardous chemicals", true));
    }

    @Test
    void appointPrincipal_personOfTheEnterprise_isRecorded() {
        fixture.given(registered(ACME))
               .when(new AppointPrincipal(ACME, "p-boss"))
               .expectEvents(new PrincipalAppointed(ACME, "p-boss"));
    }

    /** The one in office appointed again would end their responsibility and begin it again, as two stretches. */
    @Test
    void appointPrincipal_theOneInOffice_isRejected_anotherIsRecorded() {
        fixture.given(registered(ACME), new PrincipalAppointed(ACME, "p-boss"))
               .when(new AppointPrincipal(ACME, "p-boss"))
               .expectException(ruleViolation("already-principal"))
               .expectNoEvents();
    }

    @Test
    void appointPrincipal_personOfAnotherEnterprise_isRejected() {
        fixture.given(registered(ACME))
               .when(new AppointPrincipal(ACME, "p-other-boss"))
               .expectException(RuleViolationException.class)
               .expectException(ruleViolation("principal-not-of-enterprise"))
               .expectNoEvents();
    }

    @Test
    void appointPrincipal_parkStaffOfNoEnterprise_isRejected() {
        fixture.given(registered(ACME))
               .when(new AppointPrincipal(ACME, "p-office"))
               .expectException(ruleViolation("principal-not-of-enterprise"))
               .expectNoEvents();
    }

    @Test
    void appointPrincipal_unknownPerson_isRejected() {
        fixture.given(registered(ACME))
               .when(new AppointPrincipal(ACME, "p-nobody"))
               .expectException(unknownPerson("personId"))
               .expectExceptionMessage("personId: no person with id 'p-nobody'")
               .expectNoEvents();
    }

    // --- grade reviews: the aggregate records a grade only when it changes ---------------------------------------

    private static final io.hazardledger.integrity.sig.StatementSigner OFFICE_KEY =
            io.hazardledger.integrity.sig.KeyPairs.generate(io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519)
                    .signer();
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-06-01T02:00:00Z"),
            java.time.ZoneId.of("Asia/Shanghai"));

    /** Grades that score every enterprise {@code score} (high-risk and LARGE make 30 of it; open majors the rest). */
    private static io.hazardledger.supervision.Grades scoring(int score) {
        var rules = io.hazardledger.supervision.GradingRules.defaults();
        java.util.List<String> majors = java.util.stream.IntStream.range(0, (score - 30) / 15)
                .mapToObj(i -> "hz-" + i).toList();
        var factors = rules.factors(true, EnterpriseSize.LARGE, "hazardous chemicals", majors, java.util.List.of(),
                java.util.List.of(), java.util.List.of());
        var assessment = new io.hazardledger.supervision.GradeAssessment(ACME, score, rules.thresholds().grade(score),
                factors, rules.thresholds(), 42, java.time.LocalDate.of(2026, 6, 1),
                "Asia/Shanghai", io.hazardledger.flags.FlagParameters.defaults());
        return new io.hazardledger.supervision.Grades() {
            public java.util.List<io.hazardledger.supervision.GradeRecord> current() {
                return java.util.List.of();
            }

            public java.util.List<io.hazardledger.supervision.GradeRecord> history(String enterpriseId) {
                return java.util.List.of();
            }

            public java.util.Optional<io.hazardledger.supervision.GradeAssessment> assess(String enterpriseId) {
                return java.util.Optional.of(assessment);
            }

            public io.hazardledger.supervision.GradingRules rules() {
                return rules;
            }
        };
    }

    private FixtureConfiguration<Enterprise> reviewing(int score, boolean keyListed) {
        InMemoryDirectory directory = new InMemoryDirectory().withEnterprise(ACME).withPerson("p-office", null,
                Role.PARK_OFFICE);
        if (keyListed) {
            var key = OFFICE_KEY.verificationKey();
            directory.withKey(new KeyRecord(key.keyId(), "p-office", key.algorithm(), key.spkiBase64(),
                    CLOCK.instant().minusSeconds(60), null, null, "p-office"));
        }
        FixtureConfiguration<Enterprise> f = new AggregateTestFixture<>(Enterprise.class);
        f.registerInjectableResource(scoring(score));
        f.registerInjectableResource(new io.hazardledger.signing.internal.OfficeSeal("p-office", OFFICE_KEY,
                id -> io.hazardledger.integrity.Hashes.ZERO_HASH, CLOCK, directory));
        return f;
    }

    private static io.hazardledger.supervision.SupervisionGradeChanged changed(
            io.hazardledger.supervision.SupervisionGrade previous, int score) {
        var a = scoring(score).assess(ACME).orElseThrow();
        return new io.hazardledger.supervision.SupervisionGradeChanged(ACME, previous, a.grade(), score, a.factors(),
                a.thresholds(), 42, a.judgedOn(), a.zone(), a.flagParameters(), "p-office");
    }

    @Test
    void review_firstGrade_isRecordedWithItsInputs_byTheOffice() {
        reviewing(30, true).given(registered(ACME))
               .when(new io.hazardledger.supervision.internal.ReviewGrade(ACME))
               .expectEvents(changed(null, 30));
    }

    @Test
    void review_sameGradeAsRecorded_recordsNothing_evenWithAnotherScore() {
        reviewing(35, true).given(registered(ACME), changed(null, 30))
               .when(new io.hazardledger.supervision.internal.ReviewGrade(ACME))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void review_anotherGrade_isRecordedWithThePreviousOne() {
        reviewing(45, true).given(registered(ACME), changed(null, 30))
               .when(new io.hazardledger.supervision.internal.ReviewGrade(ACME))
               .expectEvents(changed(io.hazardledger.supervision.SupervisionGrade.B, 45));
    }

    @Test
    void review_changedGradeWithoutTheOfficesKeyListed_isRefused() {
        reviewing(45, false).given(registered(ACME), changed(null, 30))
               .when(new io.hazardledger.supervision.internal.ReviewGrade(ACME))
               .expectException(ruleViolation("office-seal-unavailable"))
               .expectNoEvents();
    }

    private static EnterpriseRegistered registered(String enterpriseId) {
        return new EnterpriseRegistered(enterpriseId, "Acme Chemicals", "hazardous chemicals", true);
    }
}
