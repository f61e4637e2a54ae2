package io.hazardledger.directory;

import io.hazardledger.InvalidInputException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The directory command records check their own fields when constructed; each refusal names the field. */
class DirectoryCommandValidationTest {

    @Test
    void registerEnterprise_blankName_isInvalidName() {
        assertInvalid("name", () -> new RegisterEnterprise("ent-acme", "  ", "hazardous chemicals", true));
    }

    @Test
    void registerEnterprise_malformedId_isInvalidEnterpriseId() {
        assertInvalid("enterpriseId", () -> new RegisterEnterprise("ent acme", "Acme", "hazardous chemicals", true));
    }

    @Test
    void registerPerson_withoutRoles_isInvalidRoles() {
        assertInvalid("roles", () -> new RegisterPerson("p-li", "Li Wei", null, Set.of()));
        assertInvalid("roles", () -> new RegisterPerson("p-li", "Li Wei", null, null));
    }

    @Test
    void registerPerson_malformedEnterpriseId_isInvalidEnterpriseId() {
        assertInvalid("enterpriseId", () -> new RegisterPerson("p-li", "Li Wei", "", Set.of(Role.INSPECTOR)));
    }

    @Test
    void registerPerson_roleSetHoldingNull_isInvalidRoles() {
        assertInvalid("roles", () -> new RegisterPerson("p-li", "Li Wei", null,
                new HashSet<>(Arrays.asList(Role.INSPECTOR, null))));
    }

    @Test
    void appointPrincipal_malformedPersonId_isInvalidPersonId() {
        assertInvalid("personId", () -> new AppointPrincipal("ent-acme", "p li"));
    }

    private static void assertInvalid(String field, ThrowingCallable construction) {
        assertThatThrownBy(construction)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-input");
                    assertThat(e.field()).isEqualTo(field);
                });
    }
}
