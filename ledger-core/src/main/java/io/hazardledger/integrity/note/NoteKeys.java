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

    /** A key name must be non-empty and hold no Unicode space, no control character and no '+'. */
    public static void checkName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '+')) {
            throw new IllegalArgumentException("a signed-note key name must be non-empty, without spaces, control "
                    + "characters or '+': " + name);
        }
        checkUnicode(name);
    }

    /** A note text is valid Unicode with no control character but newline (C2SP signed-note). */
    public static void checkText(String text) {
        if (text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
            throw new IllegalArgumentException("a note text holds no control character but newline");
        }
        checkUnicode(text);
    }

    private static void checkUnicode(String s) {
        if (io.hazardledger.integrity.JsonText.hasLoneSurrogate(s)) {
            throw new IllegalArgumentException("not valid Unicode: an unpaired surrogate");
        }
    }

    /** Standard base64 with padding, in its one canonical form (what Go's encoding/base64 StdEncoding accepts). */
    public static byte[] strictBase64(String s) {
        byte[] bytes = java.util.Base64.getDecoder().decode(s);
        if (!java.util.Base64.getEncoder().encodeToString(bytes).equals(s)) {
            throw new IllegalArgumentException("not canonical padded base64");
        }
        return bytes;
    }
}
