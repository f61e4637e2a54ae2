package io.hazardledger.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where {@link EntryCodec} departs from docs/FORMAT.md (section 11). Each disabled test states the specified
 * behaviour and fails today; the enabled ones pin the current behaviour that the disabled ones describe.
 */
class EntryCodecGapsTest {

    private static EntryContent withPayload(String payloadJson) {
        return new EntryContent("ev-1", "Hazard", "hz-1", 0, "HazardReopened", null, "2026-11-29T10:41:14.123Z", "{}",
                payloadJson);
    }

    private static EntryContent withMetadata(String metadataJson) {
        return new EntryContent("ev-1", "Hazard", "hz-1", 0, "HazardReopened", null, "2026-11-29T10:41:14.123Z",
                metadataJson, "{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{},\"injected\":1", "{\"a\":1},\"zzz\":{}", "[1]", "\"text\"", "42", "null", "true"})
    void payloadThatIsNotOneJsonObject_isRejected(String payload) {
        assertThatThrownBy(() -> EntryCodec.encode(0, Hashes.ZERO_HASH, withPayload(payload)))
                .isInstanceOf(EntryCodec.MalformedEntryException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{},\"injected\":1", "[]", "null"})
    void metadataThatIsNotOneJsonObject_isRejected(String metadata) {
        assertThatThrownBy(() -> EntryCodec.encode(0, Hashes.ZERO_HASH, withMetadata(metadata)))
                .isInstanceOf(EntryCodec.MalformedEntryException.class);
    }

    @Test
    void loneSurrogate_isRejected() {
        assertThatThrownBy(() -> EntryCodec.encode(0, Hashes.ZERO_HASH, withPayload("{\"reason\":\"\\ud800\"}")))
                .isInstanceOf(EntryCodec.MalformedEntryException.class);
        assertThatThrownBy(() -> EntryCodec.encode(0, Hashes.ZERO_HASH,
                new EntryContent("ev-\ud800", "Hazard", "hz-1", 0, "HazardReopened", null, "2026-11-29T10:41:14.123Z",
                        "{}", "{}")))
                .isInstanceOf(EntryCodec.MalformedEntryException.class);
    }

    @Test
    void numberWithLeadingZero_isRejected() {
        assertThatThrownBy(() -> EntryCodec.encode(0, Hashes.ZERO_HASH, withPayload("{\"n\":01}")))
                .isInstanceOf(EntryCodec.MalformedEntryException.class);
    }
}
