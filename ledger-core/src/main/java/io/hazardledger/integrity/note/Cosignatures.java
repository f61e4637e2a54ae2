package io.hazardledger.integrity.note;

import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.integrity.sig.VerificationKey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * C2SP tlog-cosignature v1 with Ed25519 (signature type 0x04): a witness signs
 * {@code "cosignature/v1\ntime <seconds>\n" || checkpoint text}; its signature line carries
 * {@code base64(keyID || u64 big-endian timestamp || signature)}, keyID = {@code SHA-256(name || 0x0A || 0x04 || key)[:4]}.
 */
public final class Cosignatures {

    /** The signature type of Ed25519 cosignatures. */
    public static final byte COSIGNATURE_V1 = 0x04;
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Cosignatures() {
    }

    /** The signed message of a cosignature made at {@code timestamp} (POSIX seconds). */
    public static byte[] message(String checkpointText, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] keyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update(COSIGNATURE_V1);
            sha.update(publicKey);
            return Arrays.copyOf(sha.digest(), 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A witness's verifier key {@code name+hex8(keyID)+base64(0x04 || public key)}. */
    public static String verifierKey(String name, byte[] publicKey) {
        byte[] typed = new byte[33];
        typed[0] = COSIGNATURE_V1;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyId(name, publicKey)) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** A witness, as the log knows it: checks its cosignature lines. */
    public record Witness(String name, byte[] keyId, VerificationKey key) {

        /** Parses a witness verifier key (type 0x04). */
        public static Witness parse(String verifierKey) throws InvalidSignatureException {
            String[] parts = verifierKey == null ? new String[0] : verifierKey.strip().split("\\+", 3);
            if (parts.length != 3) {
                throw new InvalidSignatureException("a witness key is name+keyid+key");
            }
            byte[] id;
            byte[] typed;
            try {
                NoteKeys.checkName(parts[0]);
                id = HexFormat.of().parseHex(parts[1]);
                typed = Base64.getDecoder().decode(parts[2]);
            } catch (IllegalArgumentException e) {
                throw new InvalidSignatureException("malformed witness key: " + e.getMessage());
            }
            if (id.length != 4 || typed.length != 33 || typed[0] != COSIGNATURE_V1) {
                throw new InvalidSignatureException("a witness key is an Ed25519 cosignature/v1 key (type 0x04)");
            }
            byte[] pub = Arrays.copyOfRange(typed, 1, 33);
            if (!Arrays.equals(id, Cosignatures.keyId(parts[0], pub))) {
                throw new InvalidSignatureException("the witness key's ID does not match its name and key");
            }
            byte[] spki = new byte[44];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, 12);
            System.arraycopy(pub, 0, spki, 12, 32);
            return new Witness(parts[0], id, VerificationKey.fromSpki(spki));
        }

        /** Whether the signature line is this witness's (by name and key ID). */
        public boolean owns(String line) {
            String[] f = fields(line);
            if (f == null || !f[0].equals(name)) {
                return false;
            }
            try {
                byte[] sig = Base64.getDecoder().decode(f[1]);
                return sig.length >= 4 && Arrays.equals(Arrays.copyOf(sig, 4), keyId);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /**
         * Verifies this witness's cosignature line over the checkpoint text.
         *
         * @return the cosignature's timestamp (POSIX seconds)
         */
        public long verify(String checkpointText, String line) throws InvalidSignatureException {
            String[] f = fields(line);
            if (f == null || !owns(line)) {
                throw new InvalidSignatureException("not a cosignature line of " + name);
            }
            byte[] sig = Base64.getDecoder().decode(f[1]);
            if (sig.length != 4 + 8 + 64) {
                throw new InvalidSignatureException("a cosignature is keyID, an 8-byte timestamp and 64 signature bytes");
            }
            long timestamp = ByteBuffer.wrap(sig, 4, 8).getLong();
            if (timestamp < 0) {
                throw new InvalidSignatureException("the cosignature's timestamp exceeds 2^63 - 1");
            }
            key.verify(message(checkpointText, timestamp), Arrays.copyOfRange(sig, 12, sig.length));
            return timestamp;
        }
    }

    /** Signs cosignatures as a witness (for witnesses built on this library, and for tests). */
    public static String cosign(String name, StatementSigner key, String checkpointText, long timestamp) {
        byte[] spki = key.verificationKey().spki();
        byte[] pub = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] sig = key.sign(message(checkpointText, timestamp));
        ByteBuffer line = ByteBuffer.allocate(4 + 8 + sig.length);
        line.put(keyId(name, pub)).putLong(timestamp).put(sig);
        return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(line.array());
    }

    private static String[] fields(String line) {
        if (line == null || !line.startsWith("\u2014 ")) {
            return null;
        }
        String[] f = line.substring(2).split(" ");
        return f.length == 2 ? f : null;
    }
}
