package io.hazardledger.integrity.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Key IDs and verifier-key strings of C2SP signed notes, Ed25519 (signature type 0x01). */
public final class NoteKeys {

    /** The signature type of Ed25519 in signed notes. */
    public static final byte ED25519 = 0x01;

    private NoteKeys() {
    }

    /** The key ID: the first 4 bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}. */
    public static byte[] keyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update(ED25519);
            sha.update(publicKey);
            return Arrays.copyOf(sha.digest(), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The verifier key: {@code name+hex8(keyID)+base64(0x01 || public key)}. */
    public static String verifierKey(String name, byte[] publicKey) {
        byte[] typed = new byte[publicKey.length + 1];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name + "+" + java.util.HexFormat.of().formatHex(keyId(name, publicKey)) + "+"
                + java.util.Base64.getEncoder().encodeToString(typed);
    }

    /** A key name must be non-empty and hold no Unicode space and no '+'. */
    public static void checkName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+')) {
            throw new IllegalArgumentException("a signed-note key name must be non-empty, without spaces or '+': " + name);
        }
    }
}
