package io.hazardledger.integrity.sig;

import io.hazardledger.integrity.sig.SigTestSupport.Ed25519Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import static io.hazardledger.integrity.sig.SigTestSupport.ed25519Pkcs8Pem;
import static io.hazardledger.integrity.sig.SigTestSupport.ed25519Spki;
import static io.hazardledger.integrity.sig.SigTestSupport.flipBit;
import static io.hazardledger.integrity.sig.SigTestSupport.hex;
import static io.hazardledger.integrity.sig.SigTestSupport.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8032 section 7.1 known answers ({@code src/test/resources/vectors/sig/ed25519-rfc8032.json}): the seed in a
 * PKCS#8 PEM signs to exactly the published signature, the raw public key in a SubjectPublicKeyInfo verifies it,
 * and any flipped bit of message or signature is refused.
 *
 * <p>Each vector can be reproduced by hand with OpenSSL 3.0 ({@code xxd} and {@code jq} assumed; run from
 * {@code ledger-core/src/test/resources/vectors/sig}):
 *
 * <pre>{@code
 * # ed_sign SEED_HEX MESSAGE_HEX: prints the Ed25519 signature in hex
 * ed_sign() {
 *   printf '302e020100300506032b657004220420%s' "$1" | xxd -r -p | openssl pkey -inform DER -out /tmp/k.pem &&
 *   printf '%s' "$2" | xxd -r -p > /tmp/m.bin &&
 *   openssl pkeyutl -sign -inkey /tmp/k.pem -rawin -in /tmp/m.bin | xxd -p -c 64
 * }
 * # TEST 2
 * ed_sign 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb 72
 * # TEST 3
 * ed_sign c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7 af82
 * # TEST 1024
 * ed_sign f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5 "$(jq -r '.vectors[3].message' ed25519-rfc8032.json)"
 * # TEST SHA(abc): the message is the 64-byte SHA-512 of "abc"
 * ed_sign 833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42 "$(printf abc | openssl dgst -sha512 -r | cut -c1-128)"
 * # the public key of a seed: the last 32 bytes of the SPKI
 * printf '302e020100300506032b657004220420%s' 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb \
 *   | xxd -r -p | openssl pkey -inform DER -pubout -outform DER | tail -c 32 | xxd -p -c 32
 * }</pre>
 *
 * TEST 1 (the empty message) cannot be reproduced with {@code openssl pkeyutl -rawin} 3.0, which fails with
 * "Could not allocate 0 bytes for oneshot sign/verify buffer" on an empty input; with Python's {@code cryptography}:
 *
 * <pre>{@code
 * python3 -c "from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey as K; \
 *   print(K.from_private_bytes(bytes.fromhex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')).sign(b'').hex())"
 * }</pre>
 */
class Ed25519KnownAnswerTest {

    static List<Ed25519Vector> vectors() {
        return SigTestSupport.ed25519Vectors();
    }

    @Test
    void theStoredVectors_areTheFiveOfSection7_1() {
        assertThat(vectors()).extracting(Ed25519Vector::name)
                .containsExactly("TEST 1", "TEST 2", "TEST 3", "TEST 1024", "TEST SHA(abc)");
        assertThat(vectors()).allSatisfy(v -> {
            assertThat(v.desc()).isNotBlank();
            assertThat(v.secretKey()).hasSize(64);
            assertThat(v.publicKey()).hasSize(64);
            assertThat(v.signature()).hasSize(128);
        });
        assertThat(vectors().get(3).message()).hasSize(2 * 1023);
    }

    @Test
    void theShaAbcMessage_isSha512OfAbc() throws Exception {
        byte[] sha512 = MessageDigest.getInstance("SHA-512").digest(SigTestSupport.utf8("abc"));
        assertThat(vectors().get(4).message()).isEqualTo(hex(sha512));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void pemSigner_derivesTheRfcPublicKey(Ed25519Vector v) throws Exception {
        PemSigner signer = PemSigner.fromPem(ed25519Pkcs8Pem(v.secretKey()));

        VerificationKey key = signer.verificationKey();
        assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
        assertThat(hex(key.spki())).isEqualTo(SigTestSupport.ED25519_SPKI_PREFIX + v.publicKey());
        assertThat(key).isEqualTo(VerificationKey.fromSpki(ed25519Spki(v.publicKey())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void pemSigner_producesExactlyTheRfcSignature(Ed25519Vector v) throws Exception {
        PemSigner signer = PemSigner.fromPem(ed25519Pkcs8Pem(v.secretKey()));

        byte[] signature = signer.sign(unhex(v.message()));

        assertThat(hex(signature)).isEqualTo(v.signature());
        // deterministic: the same again
        assertThat(hex(signer.sign(unhex(v.message())))).isEqualTo(v.signature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verificationKey_acceptsTheRfcSignature(Ed25519Vector v) throws Exception {
        byte[] spki = ed25519Spki(v.publicKey());
        VerificationKey key = VerificationKey.fromSpki(spki);
        VerificationKey fromBase64 = VerificationKey.fromBase64Spki(Base64.getEncoder().encodeToString(spki));

        assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
        assertThatCode(() -> key.verify(unhex(v.message()), unhex(v.signature()))).doesNotThrowAnyException();
        assertThatCode(() -> fromBase64.verify(unhex(v.message()), unhex(v.signature()))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void keyId_isTheFirst16BytesOfSha256OfTheSpki(Ed25519Vector v) throws Exception {
        byte[] spki = ed25519Spki(v.publicKey());
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(spki);

        VerificationKey key = VerificationKey.fromSpki(spki);

        // by hand: printf '302a300506032b6570032100%s' PUBKEY | xxd -r -p | openssl dgst -sha256 -r | cut -c1-32
        assertThat(key.keyId()).isEqualTo(hex(sha256).substring(0, 32)).hasSize(32).isLowerCase();
        assertThat(VerificationKey.keyIdOf(spki)).isEqualTo(key.keyId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyFlippedBitOfTheSignature_isRefused(Ed25519Vector v) throws Exception {
        VerificationKey key = VerificationKey.fromSpki(ed25519Spki(v.publicKey()));
        byte[] message = unhex(v.message());
        byte[] signature = unhex(v.signature());

        for (int bit = 0; bit < 512; bit++) {
            byte[] bad = flipBit(signature, bit);
            assertThatThrownBy(() -> key.verify(message, bad))
                    .as("bit %d", bit)
                    .isInstanceOf(InvalidSignatureException.class)
                    .hasMessageContaining(key.keyId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void aFlippedBitOfTheMessage_isRefused(Ed25519Vector v) throws Exception {
        VerificationKey key = VerificationKey.fromSpki(ed25519Spki(v.publicKey()));
        byte[] message = unhex(v.message());
        byte[] signature = unhex(v.signature());

        if (message.length == 0) {
            assertThatThrownBy(() -> key.verify(new byte[]{0}, signature))
                    .isInstanceOf(InvalidSignatureException.class);
            return;
        }
        int bits = message.length * 8;
        for (int bit : new int[]{0, 7, bits / 2, bits - 8, bits - 1}) {
            byte[] bad = flipBit(message, bit);
            assertThatThrownBy(() -> key.verify(bad, signature))
                    .as("bit %d", bit)
                    .isInstanceOf(InvalidSignatureException.class);
        }
        // a byte more or a byte less
        byte[] longer = java.util.Arrays.copyOf(message, message.length + 1);
        byte[] shorter = java.util.Arrays.copyOf(message, message.length - 1);
        assertThatThrownBy(() -> key.verify(longer, signature)).isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> key.verify(shorter, signature)).isInstanceOf(InvalidSignatureException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theSignatureOfAnotherVector_isRefused(Ed25519Vector v) throws Exception {
        VerificationKey key = VerificationKey.fromSpki(ed25519Spki(v.publicKey()));
        for (Ed25519Vector other : vectors()) {
            if (!other.name().equals(v.name())) {
                assertThatThrownBy(() -> key.verify(unhex(v.message()), unhex(other.signature())))
                        .as(other.name())
                        .isInstanceOf(InvalidSignatureException.class);
            }
        }
    }
}
