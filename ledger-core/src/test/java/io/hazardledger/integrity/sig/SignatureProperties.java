package io.hazardledger.integrity.sig;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.util.Arrays;

import static io.hazardledger.integrity.sig.SigTestSupport.flipBit;
import static io.hazardledger.integrity.sig.SigTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sign/verify round trips over random messages with keys from {@link KeyPairs#generate}: SM2 signatures are the
 * strict DER of (r, s) and check out under an independent verifier with the default user ID; a signature from one key
 * is refused by another; a changed message or signature is refused. Ed25519 likewise (raw 64 bytes).
 */
class SignatureProperties {

    private static final KeyPairs.Generated SM2 = KeyPairs.generate(SignatureAlgorithm.SM2_SM3);
    private static final KeyPairs.Generated SM2_OTHER = KeyPairs.generate(SignatureAlgorithm.SM2_SM3);
    private static final KeyPairs.Generated ED25519 = KeyPairs.generate(SignatureAlgorithm.ED25519);
    private static final KeyPairs.Generated ED25519_OTHER = KeyPairs.generate(SignatureAlgorithm.ED25519);

    @Property(tries = 40)
    void sm2_freshKey_signsAndVerifies(@ForAll @Size(max = 2048) byte[] message) throws Exception {
        KeyPairs.Generated key = KeyPairs.generate(SignatureAlgorithm.SM2_SM3);

        byte[] signature = key.signer().sign(message);

        assertThat(key.verificationKey().algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
        assertThat(key.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThatCode(() -> key.verificationKey().verify(message, signature)).doesNotThrowAnyException();
        // the PEM it hands out is the key: loaded again, the same verification key, and it verifies the signature
        PemSigner reloaded = PemSigner.fromPem(key.privateKeyPem());
        assertThat(reloaded.verificationKey()).isEqualTo(key.verificationKey());
        assertThatCode(() -> reloaded.verificationKey().verify(message, signature)).doesNotThrowAnyException();
        // and via the base64 SPKI the ledger stores
        VerificationKey stored = VerificationKey.fromBase64Spki(key.verificationKey().spkiBase64());
        assertThatCode(() -> stored.verify(message, signature)).doesNotThrowAnyException();
    }

    @Property(tries = 60)
    void sm2_signature_isStrictDer_andVerifiesIndependentlyWithTheDefaultUserId(
            @ForAll @Size(max = 1024) byte[] message) throws Exception {
        byte[] signature = SM2.signer().sign(message);

        BigInteger[] rs = Sm2Reference.strictDer(signature);
        assertThat(rs).as("strict DER SEQUENCE { r, s }").isNotNull();
        assertThat(signature.length).isBetween(8, 72);
        for (BigInteger v : rs) {
            assertThat(v).isPositive().isLessThan(Sm2Reference.N);
        }
        var point = Sm2Reference.publicPoint(SM2.verificationKey().spki());
        assertThat(Sm2Reference.verify(point, utf8("1234567812345678"), message, rs[0], rs[1])).isTrue();
        assertThat(Sm2Reference.verify(point, new byte[0], message, rs[0], rs[1])).isFalse();
    }

    @Property(tries = 60)
    void sm2_signatureOfOneKey_isRefusedByAnother(@ForAll @Size(max = 1024) byte[] message) {
        byte[] signature = SM2.signer().sign(message);

        assertThatThrownBy(() -> SM2_OTHER.verificationKey().verify(message, signature))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining(SM2_OTHER.verificationKey().keyId());
        // nor by an Ed25519 key
        assertThatThrownBy(() -> ED25519.verificationKey().verify(message, signature))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Property(tries = 60)
    void sm2_tamperedMessage_isRefused(@ForAll @Size(min = 1, max = 1024) byte[] message,
                                       @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
        byte[] signature = SM2.signer().sign(message);
        byte[] tampered = flipBit(message, where % (message.length * 8));

        assertThatThrownBy(() -> SM2.verificationKey().verify(tampered, signature))
                .isInstanceOf(InvalidSignatureException.class);
        byte[] extended = Arrays.copyOf(message, message.length + 1);
        assertThatThrownBy(() -> SM2.verificationKey().verify(extended, signature))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Property(tries = 60)
    void sm2_tamperedSignature_isRefused(@ForAll @Size(max = 256) byte[] message,
                                         @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
        byte[] signature = SM2.signer().sign(message);
        byte[] tampered = flipBit(signature, where % (signature.length * 8));

        assertThatThrownBy(() -> SM2.verificationKey().verify(message, tampered))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Property(tries = 30)
    void sm2_isRandomised_twoSignaturesDiffer_bothVerify(@ForAll @Size(max = 256) byte[] message) throws Exception {
        byte[] first = SM2.signer().sign(message);
        byte[] second = SM2.signer().sign(message);

        assertThat(first).isNotEqualTo(second);
        SM2.verificationKey().verify(message, first);
        SM2.verificationKey().verify(message, second);
    }

    @Property(tries = 60)
    void ed25519_signsAndVerifies_rawSixtyFourBytes_deterministically(@ForAll @Size(max = 2048) byte[] message)
            throws Exception {
        byte[] signature = ED25519.signer().sign(message);

        assertThat(signature).hasSize(64);
        assertThat(ED25519.signer().sign(message)).isEqualTo(signature);
        assertThatCode(() -> ED25519.verificationKey().verify(message, signature)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ED25519_OTHER.verificationKey().verify(message, signature))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> SM2.verificationKey().verify(message, signature))
                .isInstanceOf(InvalidSignatureException.class);
        PemSigner reloaded = PemSigner.fromPem(ED25519.privateKeyPem());
        assertThat(reloaded.sign(message)).isEqualTo(signature);
    }

    @Property(tries = 60)
    void ed25519_tamperedMessageOrSignature_isRefused(@ForAll @Size(min = 1, max = 1024) byte[] message,
                                                      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
        byte[] signature = ED25519.signer().sign(message);
        byte[] badMessage = flipBit(message, where % (message.length * 8));
        byte[] badSignature = flipBit(signature, where % 512);

        assertThatThrownBy(() -> ED25519.verificationKey().verify(badMessage, signature))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> ED25519.verificationKey().verify(message, badSignature))
                .isInstanceOf(InvalidSignatureException.class);
    }
}
