package io.hazardledger.signing.internal;

import io.hazardledger.SignatureRefusedException;
import io.hazardledger.directory.Directory;
import io.hazardledger.directory.KeyRecord;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.integrity.sig.VerificationKey;
import io.hazardledger.store.internal.Sql;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Checks the signed statement of every signed act before its handler runs, inside the command's unit of work
 * (so on the same connection and transaction as the write). Refusals are {@link SignatureRefusedException}s with
 * a stable code; nothing is stored.
 */
public final class SignatureChecks implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** How far a claimed signing time may lie in the future (device clocks drift). */
    static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final ConnectionProvider connections;
    private final Directory directory;
    private final Clock clock;
    private final boolean required;
    private final boolean demoSigning;
    private final Duration maxAge;

    public SignatureChecks(ConnectionProvider connections, Directory directory, Clock clock, boolean required,
                           boolean demoSigning, Duration maxAge) {
        this.connections = connections;
        this.directory = directory;
        this.clock = clock;
        this.required = required;
        this.demoSigning = demoSigning;
        this.maxAge = maxAge;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> message = unitOfWork.getMessage();
        Object command = message.getPayload();
        Object metadata = message.getMetaData().get(SignatureMetadata.KEY);
        var action = SignedActions.of(command);
        if (action.isEmpty()) {
            if (metadata != null) {
                throw refused("not-a-signed-act", command.getClass().getSimpleName() + " is not an act that is signed");
            }
            return chain.proceed();
        }
        if (metadata == null) {
            String actor = action.get().actor().apply(command);
            if ((required || SignedActions.alwaysSigned(command)) && !SignedActions.optional(command)) {
                throw refused("signature-required", action.get().name() + " must carry a statement signed by "
                        + actor);
            }
            if (SignedActions.optional(command)) {
                // a first key has nothing to be signed with; once the actor or the person holds a key, a token
                // alone (the person's, or a registrar's who holds none) must not give anyone a further key to sign
                // in that person's name, on a ledger that requires signatures or not: acts signed with it would be
                // valid in the trail. A demo ledger's people hold keys only its server holds: they may register
                // their own with their token.
                String person = ((io.hazardledger.directory.RegisterKey) command).personId();
                for (String who : demoSigning ? List.<String>of() : List.of(actor, person)) {
                    var held = heldKey(who);
                    if (held.isPresent()) {
                        throw refused("signature-required", action.get().name() + " must carry a statement signed by "
                                + actor + ": " + who + " already holds the key " + held.get().keyId()
                                + ", and only a first key may be registered unsigned");
                    }
                }
            }
            return chain.proceed();
        }
        SignedStatement signed = SignatureMetadata.fromMetadata(metadata);
        if (signed == null) {
            throw refused("statement-malformed", "the signature must be {statement:{…}, signature:base64}");
        }
        try {
            check(action.get(), command, signed);
        } catch (IllegalArgumentException e) {
            throw refused("statement-malformed", e.getMessage());
        }
        return chain.proceed();
    }

    private void check(SignedActions.Action action, Object command, SignedStatement signed) throws SignatureRefusedException {
        Statement s = signed.statement();
        String aggregateId = action.aggregateId().apply(command);
        String actor = action.actor().apply(command);
        String statementHash = Hashes.sha256Hex(s.canonicalBytes());
        if (!Sql.query(connections, "SELECT ledger_index FROM signature_entry WHERE statement_hash = ?",
                rs -> rs.getLong(1), statementHash).isEmpty()) {
            throw refused("statement-replayed", "this signed statement was already used");
        }
        mismatch("action", action.name(), s.action());
        mismatch("aggregateId", aggregateId, s.aggregateId());
        mismatch("contentSha256", ContentDigest.of(command), s.contentSha256());
        if (!actor.equals(s.signerId())) {
            throw refused("signer-not-actor", "the statement is signed by " + s.signerId() + " but the acting person is "
                    + actor);
        }
        String prev = Sql.query(connections, "SELECT entry_hash FROM ledger_entry WHERE aggregate_id = ? "
                + "ORDER BY ledger_index DESC", rs -> rs.getString(1), aggregateId).stream().findFirst()
                .orElse(Hashes.ZERO_HASH);
        if (!prev.equals(s.prevEntryHash())) {
            throw refused("statement-mismatch", "prevEntryHash: the statement was made for another history of "
                    + aggregateId + "; its latest entry hash is " + prev + ", the statement says " + s.prevEntryHash());
        }
        if (Statement.DEMO_SERVER.equals(s.mode()) ? !demoSigning : !Statement.PERSONAL.equals(s.mode())) {
            throw refused("statement-mismatch", "mode: '" + s.mode() + "' is not accepted by this ledger");
        }
        Instant claimed;
        try {
            claimed = Instant.parse(s.claimedAt());
        } catch (DateTimeParseException e) {
            throw refused("statement-malformed", "claimedAt must be an RFC 3339 UTC time such as 2026-11-29T10:41:14Z");
        }
        Instant now = clock.instant();
        if (claimed.isAfter(now.plus(FUTURE_SKEW)) || claimed.isBefore(now.minus(maxAge))) {
            throw refused("claimed-time-out-of-range", "claimedAt " + s.claimedAt() + " is more than "
                    + (claimed.isAfter(now) ? FUTURE_SKEW.toMinutes() + " minutes ahead of" : maxAge.toHours()
                    + " hours behind") + " the ledger's clock (" + now + ")");
        }
        KeyRecord key = usableKey(directory, s, claimed);
        try {
            signed.requireCanonicalSpelling();   // at the write only: a ledger may hold other spellings from before
            signed.verifyWith(VerificationKey.fromBase64Spki(key.publicKey()));
        } catch (InvalidSignatureException e) {
            throw refused("signature-invalid", e.getMessage());
        }
    }

    /**
     * The statement's key, when it is registered to its signer and valid at {@code claimed}; refused as the write
     * would refuse it otherwise. Also asked when a statement is prepared, so that a signature that the write would
     * refuse is not made.
     */
    public static KeyRecord usableKey(Directory directory, Statement s, Instant claimed)
            throws SignatureRefusedException {
        KeyRecord key = directory.key(s.keyId())
                .orElseThrow(() -> refused("key-unknown", "no key " + s.keyId() + " is registered"));
        if (!key.personId().equals(s.signerId())) {
            throw refused("signer-not-actor", "key " + s.keyId() + " belongs to " + key.personId() + ", not "
                    + s.signerId());
        }
        if (claimed.isBefore(key.validFrom())) {
            throw refused("key-not-yet-valid", "key " + s.keyId() + " is valid from " + key.validFrom()
                    + ", after the claimed time " + s.claimedAt());
        }
        if (key.revokedAt() != null && !claimed.isBefore(key.revokedAt())) {
            throw refused("key-revoked", "key " + s.keyId() + " was revoked at " + key.revokedAt()
                    + " (" + key.revokeReason() + ")");
        }
        return key;
    }

    /** A key the person holds now: registered, valid from now or earlier, and not revoked. */
    private java.util.Optional<KeyRecord> heldKey(String personId) {
        Instant now = clock.instant();
        return directory.keys(personId).stream()
                .filter(k -> k.revokedAt() == null && !k.validFrom().isAfter(now)).findFirst();
    }

    private static void mismatch(String member, String expected, String got) throws SignatureRefusedException {
        if (!expected.equals(got)) {
            throw refused("statement-mismatch", member + ": the statement says '" + got + "' but the command needs '"
                    + expected + "'");
        }
    }

    private static SignatureRefusedException refused(String code, String message) {
        return new SignatureRefusedException(code, message);
    }
}
