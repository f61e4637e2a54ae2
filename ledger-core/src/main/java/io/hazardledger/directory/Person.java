package io.hazardledger.directory;

import io.hazardledger.UnknownReferenceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import io.hazardledger.RuleViolationException;
import io.hazardledger.integrity.sig.VerificationKey;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A person known to the ledger: enterprise staff, inspector, verifier, park office, auditor ... */
public class Person {

    /** How far a revocation's time may lie ahead of the ledger's clock (the revoking device's clock may drift). */
    static final java.time.Duration REVOCATION_SKEW = java.time.Duration.ofMinutes(5);

    @AggregateIdentifier
    private String personId;
    /** Key ID → still active. */
    private final Map<String, Boolean> keys = new HashMap<>();

    protected Person() {
    }

    @CommandHandler
    public Person(RegisterPerson cmd, Directory directory) {
        if (cmd.enterpriseId() != null && directory.enterprise(cmd.enterpriseId()).isEmpty()) {
            throw new UnknownReferenceException("enterpriseId", cmd.enterpriseId(), "enterprise");
        }
        apply(new PersonRegistered(cmd.personId(), cmd.name(), cmd.enterpriseId(), List.copyOf(new java.util.TreeSet<>(cmd.roles()))));
    }

    @CommandHandler
    public void handle(RegisterKey cmd, Directory directory, Clock clock) {
        registrar(directory, cmd.registeredBy());
        VerificationKey key = cmd.key();
        if (directory.key(key.keyId()).isPresent()) {
            throw new RuleViolationException("key-already-registered", "key " + key.keyId() + " is already registered");
        }
        // "now" down to the whole second: a statement claimed in that second, written as 12:00:41Z, may use the key
        Instant validFrom = cmd.validFrom() == null ? wholeSecond(clock.instant()) : cmd.validFrom();
        apply(new KeyRegistered(personId, key.keyId(), key.algorithm(), key.spkiBase64(), validFrom, cmd.registeredBy()));
    }

    @CommandHandler
    public void handle(RevokeKey cmd, Directory directory, Clock clock) {
        registrar(directory, cmd.revokedBy());
        requireActiveKey(cmd.keyId());
        Instant now = clock.instant();
        Instant effectiveAt = cmd.effectiveAt() == null ? now : cmd.effectiveAt();
        if (effectiveAt.isAfter(now.plus(REVOCATION_SKEW))) {
            // the key would count as revoked at once, so that no later revocation could take it back from an earlier
            // time, while it went on signing validly until then
            throw new io.hazardledger.InvalidInputException("effectiveAt", "must not be more than "
                    + REVOCATION_SKEW.toMinutes() + " minutes after the ledger's clock (" + now + "): a key is revoked"
                    + " from now, or from an earlier time when it was compromised earlier");
        }
        apply(new KeyRevoked(personId, cmd.keyId(), cmd.reason(), effectiveAt, cmd.revokedBy()));
    }

    @CommandHandler
    public void handle(RotateKey cmd, Directory directory, Clock clock) {
        requireActiveKey(cmd.oldKeyId());
        VerificationKey key = cmd.newKey();
        if (directory.key(key.keyId()).isPresent()) {
            throw new RuleViolationException("key-already-registered", "key " + key.keyId() + " is already registered");
        }
        Instant now = clock.instant();
        // the old key's signatures count until now, the rotation's own included; the new key's from the whole second
        apply(new KeyRegistered(personId, key.keyId(), key.algorithm(), key.spkiBase64(), wholeSecond(now), personId));
        apply(new KeyRevoked(personId, cmd.oldKeyId(), "rotated to " + key.keyId(), now, personId));
    }

    private static Instant wholeSecond(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /**
     * The acting person is this person, or a registrar of the park acting for them (a registrar role given to an
     * enterprise's person does not count); the keys of an administrator or a registrar are managed, besides by
     * themself, only by an administrator who is also a registrar, as only an administrator gives those roles.
     */
    private void registrar(Directory directory, String actorId) {
        if (actorId.equals(personId)) {
            return;
        }
        PersonRecord actor = directory.person(actorId)
                .orElseThrow(() -> new UnknownReferenceException("registeredBy", actorId, "person"));
        if (!actor.roles().contains(Role.REGISTRAR) || actor.enterpriseId() != null) {
            throw new RuleViolationException("registrar-required", actorId + " is not a registrar of the park and may"
                    + " not manage the keys of " + personId);
        }
        boolean guarded = directory.person(personId)
                .map(p -> p.roles().contains(Role.ADMIN) || p.roles().contains(Role.REGISTRAR)).orElse(false);
        if (guarded && !actor.roles().contains(Role.ADMIN)) {
            throw new RuleViolationException("admin-required", personId + " is an administrator or a registrar, whose"
                    + " keys only an administrator manages besides themself; " + actorId + " is not an administrator");
        }
    }

    private void requireActiveKey(String keyId) {
        Boolean active = keys.get(keyId);
        if (active == null) {
            throw new UnknownReferenceException("keyId", keyId, "key");
        }
        if (!active) {
            throw new RuleViolationException("key-already-revoked", "key " + keyId + " is already revoked");
        }
    }

    @EventSourcingHandler
    void on(PersonRegistered e) {
        this.personId = e.personId();
    }

    @EventSourcingHandler
    void on(KeyRegistered e) {
        keys.put(e.keyId(), true);
    }

    @EventSourcingHandler
    void on(KeyRevoked e) {
        keys.put(e.keyId(), false);
    }
}
