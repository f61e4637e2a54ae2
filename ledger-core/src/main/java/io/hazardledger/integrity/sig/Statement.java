package io.hazardledger.integrity.sig;

import io.hazardledger.integrity.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a person signs for one act: the action, the aggregate, the SHA-256 of the command's content, the hash of
 * that aggregate's previous ledger entry (so the signature cannot be replayed onto another history), who signs
 * with which key, when they say they signed, and the signing mode ({@code personal}, or {@code demo-server}
 * when the server signed with a demo person's key it holds). The signed bytes are the RFC 8785 canonical JSON of
 * <pre>
 * {"version":1,"action":"…","aggregateId":"…","contentSha256":"hex64","prevEntryHash":"hex64",
 *  "signerId":"…","keyId":"hex32","claimedAt":"RFC 3339 UTC","mode":"personal"}
 * </pre>
 * See docs/FORMAT.md.
 */
public record Statement(String action, String aggregateId, String contentSha256, String prevEntryHash,
                        String signerId, String keyId, String claimedAt, String mode) {

    public static final int VERSION = 1;
    public static final String PERSONAL = "personal";
    public static final String DEMO_SERVER = "demo-server";
    /** An act the server takes for the park office on a deadline (an escalation step), with the office's key. */
    public static final String OFFICE_SERVER = "office-server";

    public Statement {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(prevEntryHash, "prevEntryHash");
        Objects.requireNonNull(signerId, "signerId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * The bytes that are signed: RFC 8785 canonical JSON, UTF-8.
     *
     * @throws IllegalArgumentException when a member holds an unpaired surrogate (RFC 8785 refuses it)
     */
    public byte[] canonicalBytes() {
        for (String member : new String[]{action, aggregateId, contentSha256, prevEntryHash, signerId, keyId, claimedAt, mode}) {
            if (JsonText.hasLoneSurrogate(member)) {
                throw new IllegalArgumentException("a statement member holds an unpaired surrogate");
            }
        }
        // The members in RFC 8785 order (all names are ASCII), strings in its escaping, the version as digits: the
        // canonicaliser's output without parsing the statement (StatementCanonicalProperties holds it to a reference).
        StringBuilder json = new StringBuilder(384);
        json.append("{\"action\":");
        JsonText.quoteCanonical(json, action).append(",\"aggregateId\":");
        JsonText.quoteCanonical(json, aggregateId).append(",\"claimedAt\":");
        JsonText.quoteCanonical(json, claimedAt).append(",\"contentSha256\":");
        JsonText.quoteCanonical(json, contentSha256).append(",\"keyId\":");
        JsonText.quoteCanonical(json, keyId).append(",\"mode\":");
        JsonText.quoteCanonical(json, mode).append(",\"prevEntryHash\":");
        JsonText.quoteCanonical(json, prevEntryHash).append(",\"signerId\":");
        JsonText.quoteCanonical(json, signerId).append(",\"version\":").append(VERSION).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
