package io.hazardledger.whistleblower;

import io.hazardledger.whistleblower.internal.IdentitySeal;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seal opens only with its own report id, its own wrapped key and the office's key, and unchanged. */
class IdentitySealTest {

    final SealingKey key = SealingKey.generate();
    final Identity identity = new Identity("Li Si", "lisi@example.org");

    @Test
    void opensWithTheOfficeKey_andTheKeySurvivesItsPem() {
        IdentitySeal.Sealed sealed = IdentitySeal.seal("wb-1", identity, key);
        assertThat(IdentitySeal.open("wb-1", sealed.identity(), sealed.wrappedKey(), key)).isEqualTo(identity);
        SealingKey reloaded = SealingKey.fromPem(key.toPem());
        assertThat(reloaded.keyId()).isEqualTo(key.keyId()).matches("[0-9a-f]{32}");
        assertThat(IdentitySeal.open("wb-1", sealed.identity(), sealed.wrappedKey(), reloaded)).isEqualTo(identity);
        assertThat(sealed.wrappedKey()).hasSize(32 + 32 + 16);
    }

    /** docs/FORMAT.md 18.2 followed step by step with the JDK and BouncyCastle's HPKE, not with the ledger's code. */
    @Test
    void opensByTheStepsOfTheFormat() throws Exception {
        IdentitySeal.Sealed sealed = IdentitySeal.seal("wb-0123", identity, key);
        byte[] pkcs8 = Base64.getMimeDecoder().decode(key.toPem().replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "").strip());
        var sk = (org.bouncycastle.crypto.params.X25519PrivateKeyParameters)
                org.bouncycastle.crypto.util.PrivateKeyFactory.createKey(pkcs8);
        var hpke = new org.bouncycastle.crypto.hpke.HPKE((byte) 0, (short) 0x0020, (short) 0x0001, (short) 0x0002);
        byte[] wrapped = sealed.wrappedKey();
        byte[] info = "hazard-ledger whistleblower key v1\nwb-0123".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] dataKey = hpke.open(java.util.Arrays.copyOf(wrapped, 32), hpke.deserializePrivateKey(sk.getEncoded(),
                sk.generatePublicKey().getEncoded()), info, new byte[0], java.util.Arrays.copyOfRange(wrapped, 32, 80),
                null, null, null);
        var aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(dataKey, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, Base64.getDecoder().decode(sealed.identity().nonce())));
        aes.updateAAD("hazard-ledger whistleblower identity v1\nwb-0123".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] padded = aes.doFinal(Base64.getDecoder().decode(sealed.identity().ciphertext()));
        assertThat(padded.length).as("padded to 512 bytes").isEqualTo(512);
        int end = padded.length;
        while (padded[end - 1] == 0) {
            end--;
        }
        byte[] plaintext = java.util.Arrays.copyOf(padded, end);
        assertThat(new String(plaintext, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"contact\":\"lisi@example.org\",\"name\":\"Li Si\",\"salt\":\"" + sealed.salt() + "\"}");
        assertThat(io.hazardledger.integrity.Hashes.sha256Hex(plaintext)).isEqualTo(sealed.identity().commitment());
        byte[] spki = org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory
                .createSubjectPublicKeyInfo(sk.generatePublicKey()).getEncoded("DER");
        assertThat(io.hazardledger.integrity.Hashes.sha256Hex(spki).substring(0, 32)).isEqualTo(sealed.identity().keyId());
        assertThat(sealed.salt()).hasSize(43);
    }

    /** The known-answer vector of docs/FORMAT.md 18.2 ({@code vectors/seal/hl-seal-v1.json}) opens as it says. */
    @Test
    void theKnownAnswerVector_opensToItsIdentity_andItsCommitment() throws Exception {
        var v = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                IdentitySealTest.class.getResourceAsStream("/vectors/seal/hl-seal-v1.json"));
        SealingKey office = SealingKey.fromPem(v.get("sealingKeyPem").asText());
        var s = v.get("sealedIdentity");
        SealedIdentity sealed = new SealedIdentity(s.get("scheme").asText(), s.get("keyId").asText(),
                s.get("nonce").asText(), s.get("ciphertext").asText(), s.get("commitment").asText());
        var expected = v.get("expected");
        assertThat(IdentitySeal.open(v.get("reportId").asText(), sealed,
                Base64.getDecoder().decode(v.get("wrappedKey").asText()), office))
                .isEqualTo(new Identity(expected.get("name").asText(), expected.get("contact").asText()));
        String plaintext = "{\"contact\":\"" + expected.get("contact").asText() + "\",\"name\":\""
                + expected.get("name").asText() + "\",\"salt\":\"" + expected.get("salt").asText() + "\"}";
        assertThat(io.hazardledger.integrity.Hashes.sha256Hex(plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(sealed.commitment());
        assertThat(office.keyId()).isEqualTo(sealed.keyId());
    }

    @Test
    void identitiesOfDifferentLengths_giveCiphertextsOfOneLength_upToTheBlock() {
        int shortOne = IdentitySeal.seal("wb-1", new Identity("A", "a@b.c"), key).identity().ciphertext().length();
        int longer = IdentitySeal.seal("wb-1", new Identity("A much longer name " + "x".repeat(100),
                "a much longer contact " + "y".repeat(250)), key).identity().ciphertext().length();
        assertThat(shortOne).isEqualTo(longer).isEqualTo(704);   // base64 of 512 + 16 bytes
        IdentitySeal.Sealed longest = IdentitySeal.seal("wb-1", new Identity("n".repeat(200), "c".repeat(500)), key);
        assertThat(Base64.getDecoder().decode(longest.identity().ciphertext()).length - 16).isEqualTo(1024);
        Identity wide = new Identity("名".repeat(200), "联".repeat(500));   // 3 bytes a character: a larger class
        IdentitySeal.Sealed sealed = IdentitySeal.seal("wb-1", wide, key);
        assertThat(Base64.getDecoder().decode(sealed.identity().ciphertext()).length - 16).isEqualTo(2560);
        assertThat(IdentitySeal.open("wb-1", sealed.identity(), sealed.wrappedKey(), key)).isEqualTo(wide);
    }

    @Test
    void twoSealsOfOneIdentity_shareNothing() {
        IdentitySeal.Sealed a = IdentitySeal.seal("wb-1", identity, key);
        IdentitySeal.Sealed b = IdentitySeal.seal("wb-1", identity, key);
        assertThat(a.identity().commitment()).isNotEqualTo(b.identity().commitment());
        assertThat(a.identity().ciphertext()).isNotEqualTo(b.identity().ciphertext());
        assertThat(a.wrappedKey()).isNotEqualTo(b.wrappedKey());
    }

    @Test
    void doesNotOpen_forAnotherReport_anotherKey_aChangedCiphertext_orAnotherReportsWrappedKey() {
        IdentitySeal.Sealed sealed = IdentitySeal.seal("wb-1", identity, key);
        IdentitySeal.Sealed other = IdentitySeal.seal("wb-2", identity, key);
        assertThatThrownBy(() -> IdentitySeal.open("wb-2", sealed.identity(), sealed.wrappedKey(), key))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("Li Si");
        assertThatThrownBy(() -> IdentitySeal.open("wb-1", sealed.identity(), other.wrappedKey(), key))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IdentitySeal.open("wb-1", sealed.identity(), sealed.wrappedKey(),
                SealingKey.generate())).isInstanceOf(IllegalStateException.class).hasMessageContaining("sealed for");
        byte[] ct = Base64.getDecoder().decode(sealed.identity().ciphertext());
        ct[3] ^= 1;
        SealedIdentity changed = new SealedIdentity(sealed.identity().scheme(), sealed.identity().keyId(),
                sealed.identity().nonce(), Base64.getEncoder().encodeToString(ct), sealed.identity().commitment());
        assertThatThrownBy(() -> IdentitySeal.open("wb-1", changed, sealed.wrappedKey(), key))
                .isInstanceOf(IllegalStateException.class);
        SealedIdentity otherCommitment = new SealedIdentity(sealed.identity().scheme(), sealed.identity().keyId(),
                sealed.identity().nonce(), sealed.identity().ciphertext(), other.identity().commitment());
        assertThatThrownBy(() -> IdentitySeal.open("wb-1", otherCommitment, sealed.wrappedKey(), key))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("commitment");
    }

    @Test
    void anIdentityNeverPrintsItself_andItsChecksNeverQuoteIt() {
        assertThat(identity.toString()).doesNotContain("Li Si").doesNotContain("lisi");
        assertThatThrownBy(() -> new Identity("x".repeat(201) + "secret-name", "c"))
                .hasMessageNotContaining("secret-name").hasMessageContaining("identity.name");
        assertThatThrownBy(() -> new Identity("n", "bad\u0001secret-contact"))
                .hasMessageNotContaining("secret-contact");
        assertThatThrownBy(() -> SealingKey.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
