package io.hazardledger.integrity.sig;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

import static io.hazardledger.integrity.sig.SigTestSupport.ed25519Pkcs8Pem;
import static io.hazardledger.integrity.sig.SigTestSupport.ed25519Spki;
import static io.hazardledger.integrity.sig.SigTestSupport.pem;
import static io.hazardledger.integrity.sig.SigTestSupport.unhex;
import static io.hazardledger.integrity.sig.SigTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the signature code must refuse, always with {@link InvalidSignatureException}: keys that are not base64, not
 * DER, or not Ed25519 / SM2; Ed25519 signatures of the wrong length; private keys that are not unencrypted PKCS#8.
 */
class KeyRefusalTest {

    static final String RFC_TEST1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String RFC_TEST1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    // --- public keys -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "MCowBQYDK2VwAyEA#", "====", "MCow BQYD K2Vw", "Zm9v\u00e9"})
    void nonBase64Key_isRefused(String notBase64) {
        assertThatThrownBy(() -> VerificationKey.fromBase64Spki(notBase64))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t"})
    void blankKey_isRefused(String blank) {
        assertThatThrownBy(() -> VerificationKey.fromBase64Spki(blank))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("no public key");
        assertThatThrownBy(() -> VerificationKey.fromBase64Spki(null))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void base64OfGarbage_isRefused() {
        String garbage = Base64.getEncoder().encodeToString(utf8("this is not a key"));

        assertThatThrownBy(() -> VerificationKey.fromBase64Spki(garbage))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void garbageDer_isRefused() {
        byte[] spki = ed25519Spki(RFC_TEST1_PUBLIC);
        byte[][] garbage = {
                new byte[0],
                {0x30},
                {0x30, 0x00},
                {0x05, 0x00},
                utf8("-----BEGIN PUBLIC KEY-----"),
                Arrays.copyOf(spki, spki.length - 1),                 // truncated
                Arrays.copyOf(spki, spki.length + 1),                 // trailing byte
                unhex("302a300506032b6570032101" + RFC_TEST1_PUBLIC),  // BIT STRING with unused bits
                unhex("3029300506032b6570032000" + RFC_TEST1_PUBLIC.substring(2)), // 31-byte key
                unhex("302b300506032b6570032200" + RFC_TEST1_PUBLIC + "00"),        // 33-byte key
                unhex("302a300506032b6571032100" + RFC_TEST1_PUBLIC),  // OID 1.3.101.113 is Ed448
        };
        for (byte[] der : garbage) {
            assertThatThrownBy(() -> VerificationKey.fromSpki(der))
                    .as(SigTestSupport.hex(der))
                    .isInstanceOf(InvalidSignatureException.class);
        }
        assertThatThrownBy(() -> VerificationKey.fromSpki(null)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void anRsaSpki_isRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] spki = rsa.generateKeyPair().getPublic().getEncoded();

        assertThatThrownBy(() -> VerificationKey.fromSpki(spki))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("unsupported");
        assertThatThrownBy(() -> VerificationKey.fromBase64Spki(Base64.getEncoder().encodeToString(spki)))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void aP256Spki_isRefused_onlyCurveSm2p256v1IsSm2() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] spki = ec.generateKeyPair().getPublic().getEncoded();

        assertThatThrownBy(() -> VerificationKey.fromSpki(spki))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("unsupported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed448", "X25519", "X448"})
    void otherEdwardsAndMontgomeryKeys_areRefused(String algorithm) throws Exception {
        byte[] spki = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic().getEncoded();

        assertThatThrownBy(() -> VerificationKey.fromSpki(spki)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void anSm2PointNotOnTheCurve_isRefused() {
        String x = Sm2KnownAnswerTest.X;
        String yPlusOne = new BigInteger(Sm2KnownAnswerTest.Y, 16).add(BigInteger.ONE).toString(16);
        byte[] offCurve = unhex("3059301306072a8648ce3d020106082a811ccf5501822d03420004" + x + yPlusOne);

        assertThatThrownBy(() -> VerificationKey.fromSpki(offCurve)).isInstanceOf(InvalidSignatureException.class);
    }

    // --- signatures --------------------------------------------------------------------------------------------------

    @Test
    void anEd25519SignatureOfTheWrongLength_isRefused() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(ed25519Spki(RFC_TEST1_PUBLIC));
        byte[] good = unhex(SigTestSupport.ed25519Vectors().get(0).signature());
        key.verify(new byte[0], good);

        for (int length : new int[]{0, 1, 32, 63, 65, 72, 128}) {
            byte[] bad = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> key.verify(new byte[0], bad))
                    .as("length %d", length)
                    .isInstanceOf(InvalidSignatureException.class)
                    .hasMessageContaining("64 bytes");
        }
        assertThatThrownBy(() -> key.verify(new byte[0], null))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("no signature");
    }

    @Test
    void emptyOrMissingSm2Signature_isRefused() throws Exception {
        VerificationKey key = VerificationKey.fromSpki(Sm2KnownAnswerTest.SPKI);

        assertThatThrownBy(() -> key.verify(Sm2KnownAnswerTest.MESSAGE, new byte[0]))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> key.verify(Sm2KnownAnswerTest.MESSAGE, null))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> key.verify(Sm2KnownAnswerTest.MESSAGE, new byte[64]))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void anEd25519SignatureUnderAnSm2Key_andViceVersa_isRefused() throws Exception {
        VerificationKey sm2 = VerificationKey.fromSpki(Sm2KnownAnswerTest.SPKI);
        VerificationKey ed = VerificationKey.fromSpki(ed25519Spki(RFC_TEST1_PUBLIC));

        assertThatThrownBy(() -> sm2.verify(new byte[0], unhex(SigTestSupport.ed25519Vectors().get(0).signature())))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> ed.verify(Sm2KnownAnswerTest.MESSAGE, Sm2KnownAnswerTest.SIGNATURE))
                .isInstanceOf(InvalidSignatureException.class);
    }

    // --- private keys ------------------------------------------------------------------------------------------------

    /**
     * The RFC 8032 TEST 1 key, encrypted by OpenSSL 3.0 with password "ledger":
     * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 1000 -passout pass:ledger -in t1.pem}.
     */
    static final String OPENSSL_ENCRYPTED_PKCS8 = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhXFayTTHgyFAICA+gw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEECMtT0fNB6jHgG+rRI2Wi+QEQNV0
            2gt5zInv+n3uO05V9ZL1q1mSXCPluAVw0c730mP2TFlnQxc0KZz6Itx83zLRKf0Q
            qo62xX1nyJ+Vo+ugdP4=
            -----END ENCRYPTED PRIVATE KEY-----
            """;

    @Test
    void anEncryptedPkcs8Pem_isRefused() throws Exception {
        // sanity: the same key unencrypted loads
        PemSigner.fromPem(ed25519Pkcs8Pem(RFC_TEST1_SEED));

        assertThatThrownBy(() -> PemSigner.fromPem(OPENSSL_ENCRYPTED_PKCS8))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("PKCS#8");
    }

    @Test
    void anEncryptedPkcs8Pem_fromBouncyCastle_isRefused() throws Exception {
        byte[] pkcs8 = unhex(SigTestSupport.ED25519_PKCS8_PREFIX + RFC_TEST1_SEED);
        OutputEncryptor encryptor = new BcPKCS12PBEOutputEncryptorBuilder(
                PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, CBCBlockCipher.newInstance(new DESedeEngine()))
                .build("ledger".toCharArray());
        byte[] encrypted = new PKCS8EncryptedPrivateKeyInfoBuilder(PrivateKeyInfo.getInstance(pkcs8))
                .build(encryptor).getEncoded();

        assertThatThrownBy(() -> PemSigner.fromPem(pem("ENCRYPTED PRIVATE KEY", encrypted)))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("PKCS#8");
    }

    @Test
    void aLegacyEncryptedPem_isRefused() {
        String legacy = "-----BEGIN EC PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n"
                + "\n"
                + Base64.getEncoder().encodeToString(new byte[48]) + "\n"
                + "-----END EC PRIVATE KEY-----\n";

        assertThatThrownBy(() -> PemSigner.fromPem(legacy)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void aSec1EcPrivateKeyPem_isRefused_evenForSm2() {
        // openssl ec -in key.pem -out sec1.pem (-----BEGIN EC PRIVATE KEY-----) for the GM/T 0003.5 key
        byte[] sec1 = unhex("307702010104" + "20" + Sm2KnownAnswerTest.D + "a00a06082a811ccf5501822d"
                + "a14403420004" + Sm2KnownAnswerTest.X + Sm2KnownAnswerTest.Y);

        assertThatThrownBy(() -> PemSigner.fromPem(pem("EC PRIVATE KEY", sec1)))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void aPublicKeyPem_isRefused_asAPrivateKey() {
        assertThatThrownBy(() -> PemSigner.fromPem(pem("PUBLIC KEY", ed25519Spki(RFC_TEST1_PUBLIC))))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("PKCS#8");
    }

    @Test
    void rsaAndP256Pkcs8_areRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));

        for (KeyPair pair : new KeyPair[]{rsa.generateKeyPair(), ec.generateKeyPair()}) {
            String pkcs8 = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
            assertThatThrownBy(() -> PemSigner.fromPem(pkcs8))
                    .as(pair.getPrivate().getAlgorithm())
                    .isInstanceOf(InvalidSignatureException.class);
        }
    }

    @Test
    void notPem_orBrokenPem_isRefused() {
        String[] bad = {
                "",
                "hello",
                "-----BEGIN PRIVATE KEY-----\n",                                          // no end
                "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",         // not base64
                pem("PRIVATE KEY", utf8("not DER at all")),
                pem("PRIVATE KEY", new byte[]{0x30, 0x03, 0x02, 0x01, 0x00}),             // version only
                pem("PRIVATE KEY", unhex(SigTestSupport.ED25519_PKCS8_PREFIX + RFC_TEST1_SEED.substring(2))),
                pem("CERTIFICATE", new byte[]{0x30, 0x00}),
        };
        for (String pem : bad) {
            assertThatThrownBy(() -> PemSigner.fromPem(pem))
                    .as(pem)
                    .isInstanceOf(InvalidSignatureException.class);
        }
        assertThatThrownBy(() -> PemSigner.fromPem(null)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void fromFile_readsAPemFile(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("key.pem");
        Files.writeString(good, ed25519Pkcs8Pem(RFC_TEST1_SEED), StandardCharsets.US_ASCII);
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "hello", StandardCharsets.US_ASCII);

        assertThat(PemSigner.fromFile(good).verificationKey().spki()).isEqualTo(ed25519Spki(RFC_TEST1_PUBLIC));
        assertThatThrownBy(() -> PemSigner.fromFile(bad)).isInstanceOf(InvalidSignatureException.class);
    }
}
