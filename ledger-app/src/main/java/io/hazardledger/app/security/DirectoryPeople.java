package io.hazardledger.app.security;

import io.hazardledger.Ledger;
import org.springframework.security.authentication.BadCredentialsException;

/** Turns an authenticated person id into a caller with the roles the directory gives them now. */
final class DirectoryPeople {

    private final Ledger ledger;

    DirectoryPeople(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * The caller for a person id that a valid token names; a token for a person the directory does not know is
     * refused like an invalid one (the answer does not say which people exist).
     */
    PersonAuthentication authenticate(String personId) {
        return ledger.directory().person(personId == null ? "" : personId).map(PersonAuthentication::new)
                .orElseThrow(() -> new BadCredentialsException("the token does not name a person of this ledger"));
    }
}
