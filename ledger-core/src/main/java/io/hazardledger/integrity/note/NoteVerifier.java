package io.hazardledger.integrity.note;

import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.VerificationKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Verifies a signed note against one verifier key {@code name+hex8(keyID)+base64(0x01 || public key)}. */
public final class NoteVerifier {

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final byte[] keyId;
    private final VerificationKey key;

    private NoteVerifier(String name, byte[] keyId, VerificationKey key) {
        this.name = name;
        this.keyId = keyId;
        this.key = key;
    }

    /** Parses a verifier key string. */
    public static NoteVerifier parse(String verifierKey) throws InvalidSignatureException {
        // name and hex key ID hold no "+"; the base64 key after them may
        String[] parts = verifierKey == null ? new String[0] : verifierKey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new InvalidSignatureException("a verifier key is name+keyid+key");
        }
        byte[] typed;
        byte[] id;
        try {
            NoteKeys.checkName(parts[0]);
            id = HexFormat.of().parseHex(parts[1]);
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("malformed verifier key: " + e.getMessage());
        }
        if (id.length != 4 || typed.length != 33 || typed[0] != NoteKeys.ED25519) {
            throw new InvalidSignatureException("only Ed25519 verifier keys (type 0x01, 32 bytes) are accepted");
        }
        byte[] publicKey = Arrays.copyOfRange(typed, 1, 33);
        if (!Arrays.equals(id, NoteKeys.keyId(parts[0], publicKey))) {
            throw new InvalidSignatureException("the verifier key's ID does not match its name and key");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(publicKey, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return new NoteVerifier(parts[0], id, VerificationKey.fromSpki(spki));
    }

    /** The text of {@code note} if any of {@code verifiers} verifies it, else empty. */
    public static java.util.Optional<String> verifyWithAny(java.util.List<NoteVerifier> verifiers, String note) {
        for (NoteVerifier verifier : verifiers) {
            try {
                return java.util.Optional.of(verifier.verify(note));
            } catch (InvalidSignatureException e) {
                // not this key's: the next one
            }
        }
        return java.util.Optional.empty();
    }

    public String name() {
        return name;
    }

    /**
     * Verifies the note and returns its text (ending with a newline).
     *
     * @throws InvalidSignatureException when the note is malformed or carries no valid signature of this key
     */
    public String verify(String note) throws InvalidSignatureException {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new InvalidSignatureException("a signed note is text, an empty line and signature lines");
        }
        String text = note.substring(0, split + 1);
        try {
            NoteKeys.checkText(note.replace("\u2014", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("malformed note: " + e.getMessage());
        }
        boolean found = false;
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith("\u2014 ")) {
                throw new InvalidSignatureException("a signature line starts with an em dash and a space");
            }
            String[] fields = line.substring(2).split(" ", -1);
            if (fields.length != 2 || fields[0].isEmpty() || fields[1].isEmpty()) {
                throw new InvalidSignatureException("a signature line is '\u2014 name base64'");
            }
            byte[] sig;
            try {
                sig = NoteKeys.strictBase64(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidSignatureException("the signature is not canonical padded base64");
            }
            if (!fields[0].equals(name) || sig.length < 4 || !Arrays.equals(Arrays.copyOf(sig, 4), keyId)) {
                continue;
            }
            key.verify(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(sig, 4, sig.length));
            found = true;
        }
        if (!found) {
            throw new InvalidSignatureException("the note carries no signature by " + name);
        }
        return text;
    }
}
