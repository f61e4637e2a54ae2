package io.hazardledger.signing.internal;

import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed statement as message metadata, under {@link #KEY}: it travels with the command and is copied onto
 * every event the command produces, so it is stored in the event's metadata and covered by the ledger entry.
 * <pre>{"ledgerSignature":{"statement":{…statement members…},"signature":"base64"}}</pre>
 */
public final class SignatureMetadata {

    public static final String KEY = "ledgerSignature";

    private SignatureMetadata() {
    }

    public static Map<String, Object> toMetadata(SignedStatement signed) {
        Statement s = signed.statement();
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("version", Statement.VERSION);
        statement.put("action", s.action());
        statement.put("aggregateId", s.aggregateId());
        statement.put("contentSha256", s.contentSha256());
        statement.put("prevEntryHash", s.prevEntryHash());
        statement.put("signerId", s.signerId());
        statement.put("keyId", s.keyId());
        statement.put("claimedAt", s.claimedAt());
        statement.put("mode", s.mode());
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("statement", statement);
        value.put("signature", signed.signature());
        return value;
    }

    /** The signed statement in a metadata value, or null when there is none or it is not well formed. */
    public static SignedStatement fromMetadata(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 2 || !(map.get("statement") instanceof Map<?, ?> s)
                || !(map.get("signature") instanceof String signature)) {
            return null;
        }
        // exactly a version 1 statement: nine members, version the number 1
        if (s.size() != 9 || !(s.get("version") instanceof Number v) || v.doubleValue() != Statement.VERSION
                || v instanceof Double d && d != Math.rint(d)) {
            return null;
        }
        try {
            return new SignedStatement(new Statement(str(s, "action"), str(s, "aggregateId"), str(s, "contentSha256"),
                    str(s, "prevEntryHash"), str(s, "signerId"), str(s, "keyId"), str(s, "claimedAt"), str(s, "mode")),
                    signature);
        } catch (NullPointerException e) {
            return null;
        }
    }

    private static String str(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v instanceof String s ? s : null;
    }
}
