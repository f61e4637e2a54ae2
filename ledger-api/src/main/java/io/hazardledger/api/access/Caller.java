package io.hazardledger.api.access;

import io.hazardledger.directory.Role;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The caller of the current request. */
public interface Caller {

    /** No authenticated person and no enterprise scope: the embedding application decides who may call. */
    Caller UNRESTRICTED = new Caller() {
        @Override
        public Optional<String> personId() {
            return Optional.empty();
        }

        @Override
        public Optional<String> enterpriseOnly() {
            return Optional.empty();
        }

        @Override
        public Set<Role> roles() {
            return EnumSet.allOf(Role.class);
        }
    };

    /** The authenticated person (a person of the directory), or empty when nobody is authenticated here. */
    Optional<String> personId();

    /** The only enterprise the caller may see (enterprise staff), or empty for park-wide callers. */
    Optional<String> enterpriseOnly();

    /** The caller's roles (every role when nobody is authenticated here). */
    Set<Role> roles();
}
