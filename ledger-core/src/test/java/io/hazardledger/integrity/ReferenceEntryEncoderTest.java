package io.hazardledger.integrity;

import io.hazardledger.integrity.Vectors.ChainCase;
import io.hazardledger.integrity.Vectors.EntryCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reference encoder, written from docs/FORMAT.md without looking at {@link EntryCodec}, against the vectors
 * that {@link EntryCodec} produced: two implementations that agree on the bytes.
 */
class ReferenceEntryEncoderTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "event-enterprise-registered", "event-person-registered", "event-person-registered-no-enterprise",
            "event-principal-appointed", "event-hazard-reported", "event-rectification-planned",
            "event-deadline-extended", "event-rectification-submitted", "event-rectification-verified",
            "event-hazard-closed-out", "event-hazard-reopened",
            "string-escapes", "member-order-utf16", "payload-not-canonical", "metadata-null", "metadata-blank",
            "payload-revision", "large-index"})
    void referenceEncoder_givesTheVectorBytesAndHash(String name) {
        EntryCase v = Vectors.entry(name);

        byte[] bytes = ReferenceEntryEncoder.encode(v.index(), v.prevHash(), v.content());

        assertThat(new String(bytes, StandardCharsets.UTF_8)).as(v.desc()).isEqualTo(v.wantBytes());
        assertThat(ReferenceEntryEncoder.leafHash(bytes)).isEqualTo(v.wantHash());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "err-payload-truncated", "err-payload-trailing-comma", "err-payload-not-json", "err-payload-duplicate-member",
            "err-payload-nan", "err-payload-infinite-number", "err-payload-raw-control-char", "err-payload-single-quotes",
            "err-payload-empty", "err-metadata-malformed"})
    void referenceEncoder_rejectsTheMalformedVectors(String name) {
        EntryCase v = Vectors.entry(name);

        assertThatThrownBy(() -> ReferenceEntryEncoder.encode(v.index(), v.prevHash(), v.content()))
                .as(v.desc())
                .isInstanceOf(ReferenceEntryEncoder.Malformed.class);
    }

    @Test
    void referenceEncoder_refusesNonIntegersRatherThanGuess() {
        EntryCase v = Vectors.entry("numbers");

        assertThatThrownBy(() -> ReferenceEntryEncoder.encode(v.index(), v.prevHash(), v.content()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void referenceEncoder_rebuildsEveryEntryOfARealLedger() {
        ChainCase v = Vectors.chain("valid-full");
        String prevHash = Hashes.ZERO_HASH;

        for (int i = 0; i < v.entries().size(); i++) {
            Vectors.Entry entry = v.entries().get(i);
            byte[] bytes = ReferenceEntryEncoder.encode(i, prevHash, v.events().get(i).content());
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(entry.bytes());
            assertThat(ReferenceEntryEncoder.leafHash(bytes)).isEqualTo(entry.entryHash());
            prevHash = entry.entryHash();
        }
        assertThat(prevHash).isEqualTo(v.head().hash());
    }
}
