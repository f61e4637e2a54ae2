package io.hazardledger.api.access;

import io.hazardledger.Ledger;
import io.hazardledger.RuleViolationException;
import io.hazardledger.LedgerPosition;
import io.hazardledger.UnknownReferenceException;
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

    /**
     * The act is the park office's alone (a flag's acknowledgement, a whistleblower report's handling): any other
     * caller is refused before anything is looked up, so that an answer never tells them what exists.
     */
    public void parkOfficeOnly(String field, String why) {
        if (!caller.roles().contains(io.hazardledger.directory.Role.PARK_OFFICE)) {
            throw new ForbiddenException("role-not-allowed", field, why);
        }
    }

    /**
     * The person who makes this request, as the ledger records the caller of a write
     * ({@link Ledger#execute(Object, io.hazardledger.integrity.sig.SignedStatement, String)}); null when the caller
     * is no person.
     */
    public String callerId() {
        return caller.personId().orElse(null);
    }

    /** The enterprise the caller is limited to, if any. */
    public Optional<String> enterpriseOnly() {
        return caller.enterpriseOnly();
    }

    /** The request names {@code personId} in {@code field} as who acts: it must be the authenticated person. */
    public void actsAs(String field, String personId) {
        required(field, personId);
        caller.personId().ifPresent(me -> {
            if (!me.equals(personId)) {
                throw new ForbiddenException("not-the-caller", field, field + " must be the authenticated person ('" + me
                        + "'): a write is made by its caller, who cannot act in another's name");
            }
        });
    }

    /** A statement to sign is prepared for an act of the authenticated person's own, as the write will be. */
    public void preparesFor(String actor) {
        caller.personId().ifPresent(me -> {
            if (!me.equals(actor)) {
                throw new ForbiddenException("not-the-caller", "request", "the request names " + actor
                        + " as who acts, not the authenticated person ('" + me + "'): a statement is prepared for the"
                        + " caller's own act, since a write is made by its caller");
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
        signingKey(signature.statement().keyId());
    }

    /**
     * A key named in a statement: for enterprise staff, another enterprise's key is answered exactly as one that is
     * registered nowhere ({@code key-unknown}, as the ledger words it), so that neither preparing nor sending a
     * statement tells them that it exists or whose it is.
     */
    public void signingKey(String keyId) {
        if (keyId == null) {
            return;   // refused by the ledger as a malformed statement
        }
        try {
            key(keyId);
        } catch (NotFoundException e) {
            throw new io.hazardledger.SignatureRefusedException("key-unknown", "no key " + keyId + " is registered");
        }
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
                throw unknown("enterprise", enterpriseId);
            }
        });
    }

    /**
     * A member the write needs, left out, is a bad request naming it (400), as the ledger words it: not a write in
     * another's name or for another enterprise (403), which is what comparing nothing with the caller would say.
     */
    private static void required(String field, String value) {
        if (value == null) {
            throw new io.hazardledger.InvalidInputException(field, "is required");
        }
    }

    /** Refuses (as unknown) a write for another enterprise than the caller's, naming the field. */
    public void forEnterprise(String field, String enterpriseId) {
        required(field, enterpriseId);
        caller.enterpriseOnly().ifPresent(own -> {
            if (!own.equals(enterpriseId)) {
                throw new ForbiddenException("other-enterprise", field, field + " must be your own enterprise ('" + own + "')");
            }
        });
    }

    /**
     * A hazard of another enterprise is answered as one that does not exist, and one that does not exist the same way,
     * before anything else looks at the request (a write's signature check would otherwise answer the two apart).
     */
    public void hazard(String hazardId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (!ledger.register().get(hazardId).map(h -> own.equals(h.enterpriseId())).orElse(false)) {
                throw unknown("hazard", hazardId);
            }
        });
    }

    /** A person of another enterprise (or of the park) is answered as one that does not exist, and as it is. */
    public void person(String personId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (!ledger.directory().person(personId).map(p -> own.equals(p.enterpriseId())).orElse(false)) {
                throw unknown("person", personId);
            }
        });
    }

    /** An inspection of another enterprise is answered as one that does not exist, and as it is. */
    public void inspection(String inspectionId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (!ledger.inspections().inspection(inspectionId).map(i -> own.equals(i.enterpriseId())).orElse(false)) {
                throw new NotFoundException("no inspection with id '" + inspectionId + "'");
            }
        });
    }

    /**
     * As {@link #hazard}, for a write: for every caller, a hazard that exists nowhere is 404 (the ledger's
     * {@code unknown-hazard}) before the write's signature is looked at, which would answer 422
     * {@code signature-required} for a record that does not exist.
     */
    public void hazardToWrite(String hazardId) {
        hazard(hazardId);
        if (caller.enterpriseOnly().isEmpty() && ledger.register().get(hazardId).isEmpty()) {
            throw UnknownReferenceException.target("hazardId", hazardId, "hazard");
        }
    }

    /** As {@link #person}, for a write: one that exists nowhere is 404 before the signature is looked at. */
    public void personToWrite(String personId) {
        person(personId);
        if (caller.enterpriseOnly().isEmpty() && ledger.directory().person(personId).isEmpty()) {
            throw UnknownReferenceException.target("personId", personId, "person");
        }
    }

    /** A flag to acknowledge that exists nowhere is 404 before the signature is looked at (not 422). */
    public void flagToWrite(String flagId) {
        if (ledger.flags().get(flagId).isEmpty()) {
            throw UnknownReferenceException.target("flagId", flagId, "flag");
        }
    }

    /** As {@link #inspection}, for a write: one that exists nowhere is 404 before the signature is looked at. */
    public void inspectionToWrite(String inspectionId) {
        inspection(inspectionId);
        if (caller.enterpriseOnly().isEmpty() && ledger.inspections().inspection(inspectionId).isEmpty()) {
            throw UnknownReferenceException.target("inspectionId", inspectionId, "inspection");
        }
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

    /**
     * A record the caller acts on by its id alone (a statement's aggregate): for enterprise staff it must be a
     * hazard, inspection or person of their enterprise, or the enterprise itself; a record of another enterprise, a
     * park-wide one and one that exists nowhere are answered alike.
     */
    public void own(String aggregateId) {
        if (aggregateId == null) {
            return;   // refused by the ledger as a missing member
        }
        Optional<String> own = caller.enterpriseOnly();
        boolean mine = ledger.register().get(aggregateId).map(h -> own.map(o -> o.equals(h.enterpriseId()))
                        .orElse(true))
                .or(() -> ledger.inspections().inspection(aggregateId).map(i -> own.map(o -> o.equals(
                        i.enterpriseId())).orElse(true)))
                .or(() -> ledger.directory().person(aggregateId).map(p -> own.map(o -> o.equals(p.enterpriseId()))
                        .orElse(true)))
                .orElse(own.map(o -> o.equals(aggregateId)).orElse(false));
        if (!mine) {   // for everyone, a statement is prepared only for a record that exists
            throw new NotFoundException("no record with id '" + aggregateId + "'");
        }
    }

    /**
     * The id chosen for a new record (a hazard, an inspection) must be free. For enterprise staff a taken id is
     * refused before anything else looks at it, naming neither the record nor its enterprise (the write itself, or
     * its signature check, would otherwise answer from the other record).
     */
    public void newId(String field, String id) {
        if (id != null && caller.enterpriseOnly().isPresent() && !ledger.register().history(id).isEmpty()) {
            throw new RuleViolationException("duplicate-id", field + " '" + id + "' is already in use", field);
        }
    }

    /**
     * A person a write names beside its caller (an owner, a leader, a co-signer): enterprise staff may name the
     * people of their own enterprise and park staff; another enterprise's person is answered as unknown, exactly as
     * the ledger answers a person it does not know.
     */
    public void personRef(String field, String personId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (personId != null && ledger.directory().person(personId)
                    .map(p -> p.enterpriseId() != null && !own.equals(p.enterpriseId())).orElse(false)) {
                throw new UnknownReferenceException(field, personId, "person");
            }
        });
    }

    /** An inspection a write cites: another enterprise's is answered as unknown, as the ledger answers a missing one. */
    public void inspectionRef(String field, String inspectionId) {
        caller.enterpriseOnly().ifPresent(own -> {
            if (inspectionId != null && ledger.inspections().inspection(inspectionId)
                    .map(i -> !own.equals(i.enterpriseId())).orElse(false)) {
                throw new UnknownReferenceException(field, inspectionId, "inspection");
            }
        });
    }

    /**
     * A list filtered by an enterprise, hazard or person that does not exist (as the ledger stands now) is refused as
     * its own endpoint refuses it, 404, not answered with an empty list that reads as "none of them": in an audit a
     * mistyped id must not look like a clean record. For enterprise staff another enterprise's is answered the same.
     */
    public void filters(String enterpriseId, String hazardId, String personId) {
        // a malformed id is a bad request (400, naming the parameter) before it is an unknown one
        for (String[] given : new String[][] {{"enterpriseId", enterpriseId}, {"hazardId", hazardId},
                {"personId", personId}}) {
            if (given[1] != null) {
                io.hazardledger.internal.Checks.id(given[0], given[1]);
            }
        }
        if (enterpriseId != null) {
            enterprise(enterpriseId);
            if (ledger.directory().enterprise(enterpriseId).isEmpty()) {
                throw unknown("enterprise", enterpriseId);
            }
        }
        if (hazardId != null) {
            hazard(hazardId);
            if (ledger.register().get(hazardId).isEmpty()) {
                throw unknown("hazard", hazardId);
            }
        }
        if (personId != null) {
            person(personId);
            if (ledger.directory().person(personId).isEmpty()) {
                throw unknown("person", personId);
            }
        }
    }

    /**
     * As {@link #filters}, and each id given also named a record among the ledger's first {@code at.size()} entries
     * (none when {@code at} is null, asked of now): a question "as of" a time before the enterprise, hazard or person
     * was registered answers as the ledger did then, 404, not with an empty list.
     */
    public void filters(String enterpriseId, String hazardId, String personId, LedgerPosition at) {
        filters(enterpriseId, hazardId, personId);
        if (at == null) {
            return;
        }
        for (String[] given : new String[][] {{"enterprise", enterpriseId}, {"hazard", hazardId},
                {"person", personId}}) {
            if (given[1] != null && ledger.register().history(given[1], at).isEmpty()) {
                throw new NotFoundException("no " + given[0] + " with id '" + given[1] + "' among the ledger's "
                        + "first " + at.size() + " entries");
            }
        }
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

    private static NotFoundException unknown(String kind, String id) {
        return new NotFoundException("no " + kind + " with id '" + id + "'");
    }
}
