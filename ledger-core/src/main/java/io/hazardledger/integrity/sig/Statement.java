package io.hazardledger.integrity.sig;

import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
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
            if (io.hazardledger.integrity.JsonText.hasLoneSurrogate(member)) {
                throw new IllegalArgumentException("a statement member holds an unpaired surrogate");
            }
        }
        String json = "{\"version\":" + VERSION
                + ",\"action\":" + quote(action)
                + ",\"aggregateId\":" + quote(aggregateId)
                + ",\"contentSha256\":" + quote(contentSha256)
                + ",\"prevEntryHash\":" + quote(prevEntryHash)
                + ",\"signerId\":" + quote(signerId)
                + ",\"keyId\":" + quote(keyId)
                + ",\"claimedAt\":" + quote(claimedAt)
                + ",\"mode\":" + quote(mode) + "}";
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("statement cannot be canonicalised: " + e.getMessage(), e);
        }
    }

    private static String quote(String s) {
        return io.hazardledger.integrity.JsonText.quote(new StringBuilder(s.length() + 2), s).toString();
    }
}
