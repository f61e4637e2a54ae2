package io.hazardledger.integrity.sig;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import static io.hazardledger.integrity.sig.SigTestSupport.hex;
import static io.hazardledger.integrity.sig.SigTestSupport.pem;
import static io.hazardledger.integrity.sig.SigTestSupport.unhex;
import static io.hazardledger.integrity.sig.SigTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SM2 signature example on the recommended curve sm2p256v1 with the default user ID {@code 1234567812345678}
 * (GM/T 0003.5-2012 / GB/T 32918.5 example; the same numbers are used by GmSSL, Tongsuo and others):
 * private key d, public key P = (x, y), message "message digest", nonce k, and the signature (r, s), with the
 * intermediate Z_A and e.
 *
 * <p>The better-known worked example of GB/T 32918.2 annex A (draft-shen-sm2-ecdsa) is <em>not</em> used: it runs
 * on a 256-bit test curve (p = 8542D69E...) with user ID "ALICE123@YAHOO.COM", neither of which
 * {@link VerificationKey} accepts (it takes sm2p256v1 and the default ID only, by design).
 *
 * <p>By hand with OpenSSL 3.0 (note {@code distid}: without it OpenSSL 3.0 uses an <em>empty</em> user ID and
 * reports "Signature Verification Failure"):
 *
 * <pre>{@code
 * X=09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020
 * Y=CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13
 * R=F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3
 * S=B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA
 * printf '3059301306072a8648ce3d020106082a811ccf5501822d03420004%s%s' $X $Y | xxd -r -p > pub.der
 * printf '3046022100%s022100%s' $R $S | xxd -r -p > sig.der
 * printf 'message digest' > msg
 * openssl pkeyutl -verify -pubin -inkey pub.der -keyform DER -rawin -digest sm3 \
 *     -pkeyopt distid:1234567812345678 -in msg -sigfile sig.der
 * # Signature Verified Successfully
 * }</pre>
 */
class Sm2KnownAnswerTest {

    static final String D = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8";
    static final String X = "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020";
    static final String Y = "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13";
    static final String K = "59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21";
    static final String ZA = "b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3";
    static final String E = "f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640";
    static final String R = "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3";
    static final String S = "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa";
    static final byte[] MESSAGE = utf8("message digest");

    /** SubjectPublicKeyInfo: id-ecPublicKey, namedCurve sm2p256v1 (1.2.156.10197.1.301), uncompressed point. */
    static final byte[] SPKI = unhex("3059301306072a8648ce3d020106082a811ccf5501822d03420004" + X + Y);
    /** PKCS#8 of d, laid out as {@code openssl genpkey -algorithm SM2} writes it (ECPrivateKey with the public key). */
    static final byte[] PKCS8 = unhex("308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420" + D
            + "a14403420004" + X + Y);
    /** DER SEQUENCE { r, s }; both have their top bit set, so each INTEGER takes a leading zero. */
    static final byte[] SIGNATURE = unhex("3046022100" + R + "022100" + S);

    @Test
    void zaAndE_areThoseOfTheStandard_forTheDefaultUserId() throws IOException {
        byte[] za = Sm2Reference.za(utf8(VerificationKey.SM2_DEFAULT_USER_ID), Sm2Reference.publicPoint(SPKI));

        assertThat(hex(za)).isEqualTo(ZA);
        assertThat(hex(Sm2Reference.e(za, MESSAGE))).isEqualTo(E);
        assertThat(Sm2Reference.verify(Sm2Reference.publicPoint(SPKI), utf8("1234567812345678"), MESSAGE,
                new BigInteger(R, 16), new BigInteger(S, 16))).isTrue();
    }

    @Test
    void theDefaultUserId_isTheOneOfGbT35276() {
        assertThat(VerificationKey.SM2_DEFAULT_USER_ID).isEqualTo("1234567812345678");
    }

    @Test
    void pemSigner_derivesTheStandardPublicKeyFromD() throws Exception {
        PemSigner signer = PemSigner.fromPem(pem("PRIVATE KEY", PKCS8));

        assertThat(signer.verificationKey().algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
        assertThat(signer.verificationKey().spki()).isEqualTo(SPKI);
        assertThat(signer.verificationKey()).isEqualTo(VerificationKey.fromSpki(SPKI));
    }

    @Test
    void verificationKey_acceptsTheStandardSignature() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(SPKI);

        assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
        assertThatCode(() -> key.verify(MESSAGE, SIGNATURE)).doesNotThrowAnyException();
    }

    @Test
    void theSignerSetUp_withTheStandardNonce_givesExactlyTheStandardSignature() throws Exception {
        // PemSigner draws k from its own SecureRandom, so this drives the same Signer and parameters it uses
        // (VerificationKey.newSigner / parameters: SM2Signer, SM3, the default user ID) with k fixed.
        AsymmetricKeyParameter privateKey = PrivateKeyFactory.createKey(PKCS8);
        Signer signer = VerificationKey.newSigner(SignatureAlgorithm.SM2_SM3);
        signer.init(true, VerificationKey.parameters(SignatureAlgorithm.SM2_SM3,
                new ParametersWithRandom(privateKey, fixed(unhex(K)))));
        signer.update(MESSAGE, 0, MESSAGE.length);

        assertThat(hex(signer.generateSignature())).isEqualTo(hex(SIGNATURE));
    }

    @Test
    void theStandardSignature_isRefused_forAnotherMessage() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(SPKI);

        assertThatThrownBy(() -> key.verify(utf8("message digesT"), SIGNATURE))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> key.verify(new byte[0], SIGNATURE))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void theStandardSignature_doesNotVerify_underAnEmptyUserId() throws IOException {
        // what `openssl pkeyutl -rawin -digest sm3` does without -pkeyopt distid:1234567812345678
        assertThat(Sm2Reference.verify(Sm2Reference.publicPoint(SPKI), new byte[0], MESSAGE,
                new BigInteger(R, 16), new BigInteger(S, 16))).isFalse();
    }

    @Test
    void rawRConcatS_isRefused_signaturesAreDer() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(SPKI);

        assertThatThrownBy(() -> key.verify(MESSAGE, unhex(R + S)))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void nonDerEncodingsOfTheSameRAndS_areRefused() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(SPKI);
        byte[] trailing = Arrays.copyOf(SIGNATURE, SIGNATURE.length + 1);
        byte[] longFormLength = unhex("308146022100" + R + "022100" + S);
        byte[] extraLeadingZero = unhex("304702220000" + R + "022100" + S);
        byte[] indefinite = unhex("3080022100" + R + "022100" + S + "0000");

        for (byte[] bad : new byte[][]{trailing, longFormLength, extraLeadingZero, indefinite}) {
            assertThatThrownBy(() -> key.verify(MESSAGE, bad))
                    .as(hex(bad))
                    .isInstanceOf(InvalidSignatureException.class);
        }
    }

    @Test
    void outOfRangeRAndS_areRefused() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(SPKI);
        String n = Sm2Reference.N.toString(16);
        byte[] rPlusN = der(new BigInteger(R, 16).add(Sm2Reference.N), new BigInteger(S, 16));
        byte[] zeroS = der(new BigInteger(R, 16), BigInteger.ZERO);
        byte[] nR = der(new BigInteger(n, 16), new BigInteger(S, 16));

        for (byte[] bad : new byte[][]{rPlusN, zeroS, nR}) {
            assertThatThrownBy(() -> key.verify(MESSAGE, bad))
                    .as(hex(bad))
                    .isInstanceOf(InvalidSignatureException.class);
        }
    }

    @Test
    void theStandardKey_isIdentifiedByTheSha256OfItsSpki() throws Exception {
        // by hand: openssl pkey -pubin -inform DER -in pub.der -outform DER | openssl dgst -sha256 -r | cut -c1-32
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(SPKI);
        assertThat(VerificationKey.fromSpki(SPKI).keyId()).isEqualTo(hex(sha256).substring(0, 32));
    }

    static byte[] der(BigInteger r, BigInteger s) throws IOException {
        return new DERSequence(new ASN1Encodable[]{new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    }

    /** A "random" source that hands out {@code k} (BouncyCastle draws exactly 32 bytes for a 256-bit order). */
    static SecureRandom fixed(byte[] k) {
        return new SecureRandom() {
            private boolean used;

            @Override
            public void nextBytes(byte[] bytes) {
                if (used || bytes.length != k.length) {
                    throw new IllegalStateException("unexpected draw of " + bytes.length + " bytes");
                }
                used = true;
                System.arraycopy(k, 0, bytes, 0, k.length);
            }
        };
    }
}
