package io.hazardledger.directory;

import io.hazardledger.UnknownReferenceException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.hazardledger.directory.Refusals.unknownEnterprise;

/** A person known to the ledger: of a known enterprise, or of none (park staff, hired experts). */
class PersonTest {

    private static final String ACME = "ent-acme";

    private FixtureConfiguration<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(new InMemoryDirectory().withEnterprise(ACME));
    }

    @Test
    void register_staffOfKnownEnterprise_isRecorded() {
        fixture.givenNoPriorActivity()
               .when(new RegisterPerson("p-li", "Li Wei", ACME, Set.of(Role.ENTERPRISE_STAFF)))
               .expectEvents(new PersonRegistered("p-li", "Li Wei", ACME, List.of(Role.ENTERPRISE_STAFF)));
    }

    @Test
    void register_parkStaffOfNoEnterprise_isRecorded() {
        fixture.givenNoPriorActivity()
               .when(new RegisterPerson("p-zhao", "Zhao Min", null, Set.of(Role.VERIFIER)))
               .expectEvents(new PersonRegistered("p-zhao", "Zhao Min", null, List.of(Role.VERIFIER)));
    }

    @Test
    void register_unknownEnterprise_isRejected() {
        fixture.givenNoPriorActivity()
               .when(new RegisterPerson("p-li", "Li Wei", "ent-unknown", Set.of(Role.ENTERPRISE_STAFF)))
               .expectException(UnknownReferenceException.class)
               .expectException(unknownEnterprise("enterpriseId"))
               .expectNoEvents();
    }

    /** Sorted in the order of {@link Role}'s constants, so the stored event does not depend on set iteration order. */
    @Test
    void register_rolesInTheEventAreSorted() {
        fixture.givenNoPriorActivity()
               .when(new RegisterPerson("p-wang", "Wang Fang", null,
                       Set.of(Role.ADMIN, Role.AUDITOR, Role.VERIFIER, Role.INSPECTOR, Role.PARK_OFFICE)))
               .expectEvents(new PersonRegistered("p-wang", "Wang Fang", null,
                       List.of(Role.INSPECTOR, Role.VERIFIER, Role.PARK_OFFICE, Role.AUDITOR, Role.ADMIN)));
    }
}
