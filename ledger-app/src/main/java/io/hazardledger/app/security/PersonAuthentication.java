package io.hazardledger.app.security;

import io.hazardledger.directory.PersonRecord;
import io.hazardledger.directory.Role;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller: a person of the directory, with an authority {@code ROLE_<role>} for each of their roles
 * as the directory holds them now. A person registered with an enterprise acts as its staff only: of their roles,
 * only ENTERPRISE_STAFF counts (a park-wide role given to an enterprise's person would otherwise open the whole park
 * to them). Holds no credential.
 */
public final class PersonAuthentication extends AbstractAuthenticationToken {

    private final PersonRecord person;

    PersonAuthentication(PersonRecord person) {
        super(person.roles().stream()
                .filter(r -> person.enterpriseId() == null || r == Role.ENTERPRISE_STAFF)
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
        this.person = person;
        setAuthenticated(true);
    }

    /**
     * The enterprise the caller is held to: the person's, or for enterprise staff registered without one, none at
     * all ({@link #NO_ENTERPRISE}, an id no enterprise can have); empty for park-wide callers.
     */
    public java.util.Optional<String> enterpriseOnly() {
        if (person.enterpriseId() != null) {
            return java.util.Optional.of(person.enterpriseId());
        }
        return person.roles().contains(Role.ENTERPRISE_STAFF) ? java.util.Optional.of(NO_ENTERPRISE)
                : java.util.Optional.empty();
    }

    /** Matches no enterprise: ids are never empty. */
    static final String NO_ENTERPRISE = "";

    /** The person, with their enterprise (null for park staff) and roles. */
    public PersonRecord person() {
        return person;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return person.personId();
    }

    @Override
    public String getName() {
        return person.personId();
    }
}
