package io.hazardledger.integrity.sig;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static io.hazardledger.integrity.sig.SigTestSupport.ed25519Spki;
import static io.hazardledger.integrity.sig.SigTestSupport.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@link VerificationKey} as a value: equality by key bytes, defensive copies, key ID, base64 round trip. */
class VerificationKeyTest {

    static final String PUB1 = KeyRefusalTest.RFC_TEST1_PUBLIC;
    static final String PUB2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

    @Test
    void equalsAndHashCode_goByTheKeyBytes() throws Exception {
        VerificationKey a = VerificationKey.fromSpki(ed25519Spki(PUB1));
        VerificationKey sameBytes = VerificationKey.fromSpki(ed25519Spki(PUB1));
        VerificationKey viaBase64 = VerificationKey.fromBase64Spki(
                Base64.getEncoder().encodeToString(ed25519Spki(PUB1)));
        VerificationKey viaSigner = PemSigner.fromPem(SigTestSupport.ed25519Pkcs8Pem(KeyRefusalTest.RFC_TEST1_SEED))
                .verificationKey();
        VerificationKey other = VerificationKey.fromSpki(ed25519Spki(PUB2));
        VerificationKey sm2 = VerificationKey.fromSpki(Sm2KnownAnswerTest.SPKI);

        assertThat(a).isEqualTo(a).isEqualTo(sameBytes).isEqualTo(viaBase64).isEqualTo(viaSigner);
        assertThat(sameBytes).isEqualTo(a);
        assertThat(a).hasSameHashCodeAs(sameBytes).hasSameHashCodeAs(viaBase64).hasSameHashCodeAs(viaSigner);
        assertThat(a).isNotSameAs(sameBytes);
        assertThat(a).isNotEqualTo(other).isNotEqualTo(sm2).isNotEqualTo(null).isNotEqualTo(ed25519Spki(PUB1))
                .isNotEqualTo(a.keyId());
        assertThat(a.hashCode()).isNotEqualTo(other.hashCode());
    }

    @Test
    void spki_returnsADefensiveCopy() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(ed25519Spki(PUB1));
        String keyId = key.keyId();

        byte[] out = key.spki();
        out[out.length - 1] ^= 1;
        out[0] = 0;

        assertThat(key.spki()).isEqualTo(ed25519Spki(PUB1)).isNotSameAs(key.spki());
        assertThat(key.keyId()).isEqualTo(keyId);
        assertThat(key.spkiBase64()).isEqualTo(Base64.getEncoder().encodeToString(ed25519Spki(PUB1)));
        assertThat(key).isEqualTo(VerificationKey.fromSpki(ed25519Spki(PUB1)));
        var v = SigTestSupport.ed25519Vectors().get(0);
        assertThatCode(() -> key.verify(unhex(v.message()), unhex(v.signature()))).doesNotThrowAnyException();
    }

    @Test
    void fromSpki_copiesItsInput() throws Exception {
        byte[] input = ed25519Spki(PUB1);
        VerificationKey key = VerificationKey.fromSpki(input);

        input[input.length - 1] ^= 1;

        assertThat(key.spki()).isEqualTo(ed25519Spki(PUB1));
        assertThat(key).isEqualTo(VerificationKey.fromSpki(ed25519Spki(PUB1)));
        var v = SigTestSupport.ed25519Vectors().get(0);
        assertThatCode(() -> key.verify(unhex(v.message()), unhex(v.signature()))).doesNotThrowAnyException();
    }

    @Test
    void keyId_isThirtyTwoLowercaseHexDigits_andToStringNamesIt() throws Exception {
        for (byte[] spki : new byte[][]{ed25519Spki(PUB1), Sm2KnownAnswerTest.SPKI}) {
            VerificationKey key = VerificationKey.fromSpki(spki);
            assertThat(key.keyId()).matches("[0-9a-f]{32}").isEqualTo(VerificationKey.keyIdOf(spki));
            assertThat(key.toString()).contains(key.keyId()).contains(key.algorithm().name());
        }
        assertThat(VerificationKey.keyIdOf(ed25519Spki(PUB1))).isNotEqualTo(VerificationKey.keyIdOf(ed25519Spki(PUB2)));
    }

    @Test
    void base64_roundTrips_andToleratesSurroundingWhitespace() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(Sm2KnownAnswerTest.SPKI);

        assertThat(VerificationKey.fromBase64Spki(key.spkiBase64())).isEqualTo(key);
        assertThat(VerificationKey.fromBase64Spki("  " + key.spkiBase64() + "\n")).isEqualTo(key);
        assertThat(VerificationKey.fromBase64Spki(key.spkiBase64()).algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
    }

    @Test
    void theGeneratedKeys_areOfTheAskedAlgorithm() {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            KeyPairs.Generated generated = KeyPairs.generate(algorithm);
            assertThat(generated.verificationKey().algorithm()).isEqualTo(algorithm);
            assertThat(generated.verificationKey()).isEqualTo(generated.signer().verificationKey());
        }
        assertThat(KeyPairs.generate(SignatureAlgorithm.ED25519).verificationKey())
                .isNotEqualTo(KeyPairs.generate(SignatureAlgorithm.ED25519).verificationKey());
    }

    // --- one key, one encoding, one key ID ---------------------------------------------------------------------------
    //
    // The key ID is a hash of the SubjectPublicKeyInfo bytes as given. Each of these encodings carries exactly the
    // public key of the canonical one; accepting it as given yields a second key ID (and unequal VerificationKeys)
    // for the same key. Either refusing it or re-encoding it to the canonical DER would do.

    /** The Ed25519 SPKI with a BER long-form length: 30 81 2a instead of 30 2a. Not DER. */
    @Test
    void aBerEncodedSpki_isRefusedOrMadeCanonical() throws Exception {
        assertRefusedOrCanonical(unhex("30812a300506032b6570032100" + PUB1), ed25519Spki(PUB1));
        assertRefusedOrCanonical(unhex("3080300506032b6570032100" + PUB1 + "0000"), ed25519Spki(PUB1));
    }

    /** RFC 8410 section 3: for Ed25519 the parameters MUST be absent; here they are NULL (05 00). */
    @Test
    void anEd25519SpkiWithNullParameters_isRefusedOrMadeCanonical() throws Exception {
        assertRefusedOrCanonical(unhex("302c300706032b65700500032100" + PUB1), ed25519Spki(PUB1));
    }

    /** The GM/T 0003.5 SM2 key as a compressed point (02/03 || x): valid DER, but not what OpenSSL or we write. */
    @Test
    void anSm2SpkiWithACompressedPoint_isRefusedOrMadeCanonical() throws Exception {
        byte[] compressed = unhex("3039301306072a8648ce3d020106082a811ccf5501822d032200" + "03"
                + Sm2KnownAnswerTest.X);
        assertRefusedOrCanonical(compressed, Sm2KnownAnswerTest.SPKI);
    }

    private static void assertRefusedOrCanonical(byte[] variant, byte[] canonical) throws Exception {
        Throwable thrown = catchThrowable(() -> VerificationKey.fromSpki(variant));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(InvalidSignatureException.class);
            return;
        }
        VerificationKey key = VerificationKey.fromSpki(variant);
        VerificationKey expected = VerificationKey.fromSpki(canonical);
        assertThat(key.keyId()).as("key ID of a second encoding of the same key").isEqualTo(expected.keyId());
        assertThat(key.spki()).isEqualTo(canonical);
        assertThat(key).isEqualTo(expected);
    }
}
