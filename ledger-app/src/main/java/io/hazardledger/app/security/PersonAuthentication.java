package io.hazardledger.app.security;

import io.hazardledger.directory.PersonRecord;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller: a person of the directory, with an authority {@code ROLE_<role>} for each of their roles
 * as the directory holds them now. Holds no credential.
 */
public final class PersonAuthentication extends AbstractAuthenticationToken {

    private final PersonRecord person;

    PersonAuthentication(PersonRecord person) {
        super(person.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
        this.person = person;
        setAuthenticated(true);
    }

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
