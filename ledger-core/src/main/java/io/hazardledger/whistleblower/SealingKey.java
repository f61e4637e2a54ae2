package io.hazardledger.whistleblower;

import io.hazardledger.integrity.Hashes;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The park office's sealing key pair (X25519, RFC 7748): whistleblower identities' data keys are wrapped for its
 * public key (HPKE, RFC 9180) and only its private key unwraps them. Kept by the server in a PKCS#8 PEM file; its
 * key id is the first 32 hex digits of the SHA-256 of its public key's DER SubjectPublicKeyInfo, as for signing keys
 * (docs/FORMAT.md 12.5 and 18).
 */
public final class SealingKey {

    private final X25519PrivateKeyParameters privateKey;
    private final X25519PublicKeyParameters publicKey;
    private final String keyId;
    private final byte[] spki;

    private SealingKey(X25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
        try {
            this.spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded("DER");
            this.keyId = Hashes.sha256Hex(spki).substring(0, 32);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new key pair from a strong random source. */
    public static SealingKey generate() {
        return new SealingKey(new X25519PrivateKeyParameters(new SecureRandom()));
    }

    /**
     * The key of a PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @throws IllegalArgumentException when it is not an X25519 private key
     */
    public static SealingKey fromPem(String pem) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(Base64.getDecoder().decode(body));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PKCS#8 PEM private key");
        }
        if (!(key instanceof X25519PrivateKeyParameters x)) {
            throw new IllegalArgumentException("not an X25519 private key");
        }
        return new SealingKey(x);
    }

    /** The private key as PKCS#8 PEM. */
    public String toPem() {
        try {
            PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey);
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(info.getEncoded("DER"));
            return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The public key's DER SubjectPublicKeyInfo, in standard base64: what {@link #keyId()} is the hash of. */
    public String spkiBase64() {
        return Base64.getEncoder().encodeToString(spki);
    }

    /** The raw 32-byte public key (RFC 7748). */
    public byte[] publicKey() {
        return publicKey.getEncoded();
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /**
     * Wraps a data key for this key pair: HPKE base mode (RFC 9180; DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
     * AES-256-GCM), empty associated data; the result is the encapsulated key (32 bytes) followed by the ciphertext.
     */
    public byte[] wrap(byte[] dataKey, byte[] info) {
        HPKE hpke = hpke();
        try {
            byte[][] sealed = hpke.seal(publicKey, info, new byte[0], dataKey, null, null, null);
            byte[] out = Arrays.copyOf(sealed[1], sealed[1].length + sealed[0].length);
            System.arraycopy(sealed[0], 0, out, sealed[1].length, sealed[0].length);
            return out;
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("wrapping failed", e);
        }
    }

    /**
     * Unwraps what {@link #wrap} made with the same {@code info}.
     *
     * @throws IllegalArgumentException when it was not wrapped for this key with this info, or was changed
     */
    public byte[] unwrap(byte[] wrapped, byte[] info) {
        HPKE hpke = hpke();
        int encSize = hpke.getEncSize();
        if (wrapped.length <= encSize) {
            throw new IllegalArgumentException("a wrapped key must be longer than " + encSize + " bytes");
        }
        try {
            return hpke.open(Arrays.copyOfRange(wrapped, 0, encSize), new AsymmetricCipherKeyPair(publicKey, privateKey),
                    info, new byte[0], Arrays.copyOfRange(wrapped, encSize, wrapped.length), null, null, null);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("the wrapped key does not open with the key " + keyId);
        }
    }

    @Override
    public String toString() {
        return "SealingKey[" + keyId + "]";
    }
}
