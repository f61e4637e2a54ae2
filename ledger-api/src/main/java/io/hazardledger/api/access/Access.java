package io.hazardledger.api.access;

import io.hazardledger.Ledger;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.register.RegisterFilter;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The caller's limits, applied by the controllers: a write's acting person and signer are the caller, and
 * enterprise staff see their own enterprise only. Outside it, a hazard, person, inspection, key or enterprise is
 * answered exactly as one that does not exist (404 with the same text), so that an error never tells one enterprise
 * what another has. With {@link Caller#UNRESTRICTED} every check passes.
 */
@Component
public class Access {

    private final Caller caller;
    private final Ledger ledger;

    public Access(Caller caller, Ledger ledger) {
        this.caller = caller;
        this.ledger = ledger;
    }

    /** The enterprise the caller is limited to, if any. */
    public Optional<String> enterpriseOnly() {
        return caller.enterpriseOnly();
    }

    /** The request names {@code personId} in {@code field} as who acts: it must be the authenticated person. */
    public void actsAs(String field, String personId) {
        caller.personId().ifPresent(me -> {
            if (!me.equals(personId)) {
                throw new ForbiddenException("not-the-caller", field, field + " must be the authenticated person ('" + me
                        + "'): a write is made by its caller, who cannot act in another's name");
            }
        });
    }

    /** A signed write: the statement's signer must be the authenticated person. */
    public void signs(SignatureBody signature) {
        if (signature == null || signature.statement() == null) {
            return;
        }
        caller.personId().ifPresent(me -> {
            if (!me.equals(signature.statement().signerId())) {
                throw new ForbiddenException("not-the-caller", "signature.statement.signerId", "the statement must be signed by the "
                        + "authenticated person ('" + me + "'), not by '" + signature.statement().signerId() + "'");
            }
        });
    }

    /**
     * Registering a person: only an administrator may make an administrator or a registrar (a registrar would
     * otherwise grant themself more than they hold).
     */
    public void grants(java.util.Set<io.hazardledger.directory.Role> roles) {
        if (roles == null || caller.roles().contains(io.hazardledger.directory.Role.ADMIN)) {
            return;
        }
        if (roles.contains(io.hazardledger.directory.Role.ADMIN) || roles.contains(io.hazardledger.directory.Role.REGISTRAR)) {
            throw new ForbiddenException("role-not-allowed", "roles", "only an administrator may register a person "
                    + "with the role ADMIN or REGISTRAR");
        }
    }

    /** Enterprise staff may act for and see their own enterprise only; another is refused as unknown. */
    public void enterprise(String enterpriseId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (!own.equals(enterpriseId)) {
                throw new NotFoundException("no enterprise with id '" + enterpriseId + "'");
            }
        });
    }

    /** Refuses (as unknown) a write for another enterprise than the caller's, naming the field. */
    public void forEnterprise(String field, String enterpriseId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (!own.equals(enterpriseId)) {
                throw new ForbiddenException("other-enterprise", field, field + " must be your own enterprise ('" + own + "')");
            }
        });
    }

    /** A hazard of another enterprise is answered as one that does not exist. */
    public void hazard(String hazardId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (!ledger.register().get(hazardId).map(h -> own.equals(h.enterpriseId())).orElse(true)) {
                throw new NotFoundException("no hazard with id '" + hazardId + "'");
            }
        });
    }

    /** A person of another enterprise (or of the park) is answered as one that does not exist. */
    public void person(String personId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (!ledger.directory().person(personId).map(p -> own.equals(p.enterpriseId())).orElse(true)) {
                throw new NotFoundException("no person with id '" + personId + "'");
            }
        });
    }

    /** An inspection of another enterprise is answered as one that does not exist. */
    public void inspection(String inspectionId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (!ledger.inspections().inspection(inspectionId).map(i -> own.equals(i.enterpriseId())).orElse(true)) {
                throw new NotFoundException("no inspection with id '" + inspectionId + "'");
            }
        });
    }

    /** A key of a person outside the caller's enterprise is answered as one that does not exist. */
    public void key(String keyId) {
        caller.enterpriseOnly().ifPresent(own -> {
            boolean other = ledger.directory().key(keyId)
                    .flatMap(k -> ledger.directory().person(k.personId()))
                    .map(p -> !own.equals(p.enterpriseId())).orElse(false);
            if (other) {
                throw new NotFoundException("no key with id '" + keyId + "'");
            }
        });
    }

    /** The register filter limited to the caller's enterprise; empty when it asks for another one. */
    public Optional<RegisterFilter> scoped(RegisterFilter filter) {
        Optional<String> own = caller.enterpriseOnly();
        if (own.isEmpty()) {
            return Optional.of(filter);
        }
        if (filter.enterpriseId() != null && !own.get().equals(filter.enterpriseId())) {
            return Optional.empty();
        }
        return Optional.of(new RegisterFilter(own.get(), filter.level(), filter.status(), filter.source(),
                filter.overdue(), filter.limit(), filter.offset()));
    }

    /** The items of a list that belong to the caller's enterprise (all of them for park-wide callers). */
    public <T> List<T> visible(List<T> items, Function<T, String> enterpriseOf) {
        Optional<String> own = caller.enterpriseOnly();
        return own.isEmpty() ? items
                : items.stream().filter(i -> Objects.equals(own.get(), enterpriseOf.apply(i))).toList();
    }
}
