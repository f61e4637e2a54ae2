package io.hazardledger.directory;

import io.hazardledger.InvalidInputException;
import io.hazardledger.internal.Checks;

import java.util.Set;
import java.util.TreeSet;

/** Registers a person; {@code enterpriseId} is null for park staff and hired experts. */
public record RegisterPerson(String personId, String name, String enterpriseId, Set<Role> roles) {
    public RegisterPerson {
        Checks.id("personId", personId);
        Checks.text("name", name, 100);
        if (enterpriseId != null) {
            Checks.id("enterpriseId", enterpriseId);
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "at least one role is required");
        }
        Checks.maxSize("roles", roles, Role.values().length);
        roles = Set.copyOf(new TreeSet<>(roles));
    }
}
