package io.hazardledger.signing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.integrity.CanonicalJson;

import java.io.IOException;

/**
 * The content a statement binds: SHA-256 of the RFC 8785 canonical JSON of the command record, as the ledger's
 * ObjectMapper writes it (record components by name, nulls as null, instants as RFC 3339 UTC, dates as
 * YYYY-MM-DD, enums by name).
 */
public final class ContentDigest {

    private static final ObjectMapper MAPPER = LedgerSerializer.objectMapper();

    private ContentDigest() {
    }

    public static String of(Object command) {
        return Hashes.sha256Hex(canonicalJson(command));
    }

    public static byte[] canonicalJson(Object command) {
        String json;
        try {
            json = MAPPER.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("command cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return CanonicalJson.canonicalize(json).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("command cannot be canonicalised: " + e.getMessage(), e);
        }
    }
}
