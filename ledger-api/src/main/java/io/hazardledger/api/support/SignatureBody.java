package io.hazardledger.api.support;

import io.hazardledger.InvalidInputException;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;

/**
 * The {@code signature} member of a signed write: the statement as JSON and the base64 signature over its
 * RFC 8785 canonical bytes. See docs/FORMAT.md.
 */
public record SignatureBody(StatementBody statement, String signature) {

    /** A statement as JSON. */
    public record StatementBody(Integer version, String action, String aggregateId, String contentSha256,
                                String prevEntryHash, String signerId, String keyId, String claimedAt, String mode) {

        public static StatementBody of(Statement s) {
            return new StatementBody(Statement.VERSION, s.action(), s.aggregateId(), s.contentSha256(),
                    s.prevEntryHash(), s.signerId(), s.keyId(), s.claimedAt(), s.mode());
        }

        Statement toStatement() {
            if (version == null || version != Statement.VERSION) {
                throw new InvalidInputException("signature.statement.version", "must be " + Statement.VERSION);
            }
            return new Statement(req("action", action), req("aggregateId", aggregateId),
                    req("contentSha256", contentSha256), req("prevEntryHash", prevEntryHash), req("signerId", signerId),
                    req("keyId", keyId), req("claimedAt", claimedAt), req("mode", mode));
        }

        private static String req(String member, String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidInputException("signature.statement." + member, "is required");
            }
            return value;
        }
    }

    /** The signed statement, or null when the write carries no signature. */
    public static SignedStatement toSigned(SignatureBody body) {
        if (body == null) {
            return null;
        }
        if (body.statement() == null) {
            throw new InvalidInputException("signature.statement", "is required");
        }
        if (body.signature() == null || body.signature().isBlank()) {
            throw new InvalidInputException("signature.signature", "is required");
        }
        return new SignedStatement(body.statement().toStatement(), body.signature());
    }
}
