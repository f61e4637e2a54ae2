package io.hazardledger.signing.internal;

import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.integrity.sig.StatementSigner;
import org.axonframework.messaging.MetaData;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The park office's seal on the acts the server takes for it when a deadline passes (escalation steps): a statement
 * like a person's (docs/FORMAT.md), in mode {@code office-server}, signed with the office's key, which the server
 * holds and the directory lists under the office's person. Without a key configured there is no seal, and the acts
 * that need one are not taken.
 */
public final class OfficeSeal {

    private final String officeId;
    private final StatementSigner signer;
    private final Function<String, String> latestEntryHash;
    private final Clock clock;
    private final io.hazardledger.directory.Directory directory;

    /** {@code latestEntryHash}: an aggregate's latest entry hash (the zero hash before its first). */
    public OfficeSeal(String officeId, StatementSigner signer, Function<String, String> latestEntryHash, Clock clock,
                      io.hazardledger.directory.Directory directory) {
        this.officeId = officeId;
        this.signer = signer;
        this.latestEntryHash = latestEntryHash;
        this.clock = clock;
        this.directory = directory;
    }

    /** The office's person, when a key is configured. */
    public Optional<String> officeId() {
        return signer == null ? Optional.empty() : Optional.of(officeId);
    }

    /**
     * Why the office cannot sign now (no key configured; the key not registered to the office's person, or revoked),
     * or empty when it can. A step that finds no seal waits: its deadline fails and is tried again later.
     */
    public Optional<String> unavailable() {
        if (signer == null) {
            return Optional.of("no office key is configured (ledger.office.person, ledger.office.key-file)");
        }
        String keyId = signer.verificationKey().keyId();
        var key = directory.key(keyId);
        if (key.isEmpty() || !key.get().personId().equals(officeId)) {
            return Optional.of("the office key " + keyId + " is not registered to " + officeId);
        }
        if (clock.instant().isBefore(key.get().validFrom())) {
            return Optional.of("the office key " + keyId + " is valid only from " + key.get().validFrom());
        }
        if (key.get().revokedAt() != null && !clock.instant().isBefore(key.get().revokedAt())) {
            return Optional.of("the office key " + keyId + " is revoked");
        }
        return Optional.empty();
    }

    /** The metadata that signs {@code content} as the office's act {@code action} on {@code aggregateId}. */
    public MetaData seal(String action, String aggregateId, Object content) {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        Statement s = new Statement(action, aggregateId, ContentDigest.of(content), latestEntryHash.apply(aggregateId),
                officeId, signer.verificationKey().keyId(), clock.instant().toString(), Statement.OFFICE_SERVER);
        return MetaData.with(SignatureMetadata.KEY, SignatureMetadata.toMetadata(SignedStatement.sign(s, signer)));
    }
}
