package io.hazardledger.whistleblower.internal;

import io.hazardledger.integrity.Hashes;
import io.hazardledger.signing.internal.ContentDigest;
import io.hazardledger.whistleblower.Identity;
import io.hazardledger.whistleblower.SealedIdentity;
import io.hazardledger.whistleblower.SealingKey;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals and opens whistleblower identities (docs/FORMAT.md 18.2). The identity, with a random salt, is written as
 * RFC 8785 canonical JSON; its SHA-256 is the commitment; AES-256-GCM under a fresh data key encrypts it, padded with
 * zero bytes to a multiple of 512 (the report id bound as associated data); HPKE base mode (RFC 9180: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM)
 * wraps the data key for the office's sealing key, the report id bound in {@code info}.
 */
public final class IdentitySeal {

    public static final String SCHEME = "hl-seal-v1";
    private static final byte[] AAD_PREFIX = "hazard-ledger whistleblower identity v1\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO_PREFIX = "hazard-ledger whistleblower key v1\n".getBytes(StandardCharsets.UTF_8);

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The sealed plaintext is padded with zero bytes to a multiple of this, so its length says little. */
    static final int BLOCK = 512;

    /** The sealed plaintext: the identity and the salt that hides it in the commitment. */
    record Plaintext(String name, String contact, String salt) {
        @Override
        public String toString() {
            return "Plaintext[sealed]";
        }
    }

    /** What sealing gives: the ledger's part, the wrapped data key (kept beside the ledger) and the salt. */
    public record Sealed(SealedIdentity identity, byte[] wrappedKey, String salt) {
    }

    private IdentitySeal() {
    }

    public static Sealed seal(String reportId, Identity identity, SealingKey key) {
        byte[] saltBytes = new byte[32];
        RANDOM.nextBytes(saltBytes);
        String salt = Base64.getUrlEncoder().withoutPadding().encodeToString(saltBytes);
        byte[] plaintext = ContentDigest.canonicalJson(new Plaintext(identity.name(), identity.contact(), salt));
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            byte[] padded = Arrays.copyOf(plaintext, (plaintext.length + BLOCK - 1) / BLOCK * BLOCK);
            byte[] ciphertext = aesGcm(Cipher.ENCRYPT_MODE, dataKey, nonce, aad(reportId), padded);
            Arrays.fill(padded, (byte) 0);
            byte[] wrapped = key.wrap(dataKey, info(reportId));
            Base64.Encoder b64 = Base64.getEncoder();
            return new Sealed(new SealedIdentity(SCHEME, key.keyId(), b64.encodeToString(nonce),
                    b64.encodeToString(ciphertext), Hashes.sha256Hex(plaintext)), wrapped, salt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Opens a sealed identity with its wrapped data key and the office's key.
     *
     * @throws IllegalStateException when the key is not the one it was sealed for, or nothing opens or matches the
     *                               commitment (the message names no part of the identity)
     */
    public static Identity open(String reportId, SealedIdentity sealed, byte[] wrappedKey, SealingKey key) {
        if (!SCHEME.equals(sealed.scheme())) {
            throw new IllegalStateException("unknown sealing scheme " + sealed.scheme());
        }
        if (!key.keyId().equals(sealed.keyId())) {
            throw new IllegalStateException("the identity of " + reportId + " was sealed for the key " + sealed.keyId()
                    + ", not for the configured sealing key " + key.keyId());
        }
        byte[] dataKey = null;
        byte[] plaintext = null;
        try {
            dataKey = key.unwrap(wrappedKey, info(reportId));
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] padded = aesGcm(Cipher.DECRYPT_MODE, dataKey, b64.decode(sealed.nonce()), aad(reportId),
                    b64.decode(sealed.ciphertext()));
            int length = padded.length;
            while (length > 0 && padded[length - 1] == 0) {
                length--;   // canonical JSON holds no zero byte: the padding ends where the JSON does
            }
            plaintext = Arrays.copyOf(padded, length);
            Arrays.fill(padded, (byte) 0);
            if (!MessageDigest.isEqual(Hashes.sha256Hex(plaintext).getBytes(StandardCharsets.US_ASCII),
                    sealed.commitment().getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("the opened identity of " + reportId + " does not match its commitment");
            }
            Plaintext p = io.hazardledger.store.internal.LedgerSerializer.objectMapper().readValue(plaintext,
                    Plaintext.class);
            return new Identity(p.name(), p.contact());
        } catch (GeneralSecurityException | java.io.IOException
                 | IllegalArgumentException e) {
            throw new IllegalStateException("the identity of " + reportId + " does not open: "
                    + e.getClass().getSimpleName());
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private static byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    static byte[] aad(String reportId) {
        return concat(AAD_PREFIX, reportId.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] info(String reportId) {
        return concat(INFO_PREFIX, reportId.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
