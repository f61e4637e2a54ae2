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

    private static EnterpriseRegistered registered(String enterpriseId) {
        return new EnterpriseRegistered(enterpriseId, "Acme Chemicals", "hazardous chemicals", true);
    }
}
