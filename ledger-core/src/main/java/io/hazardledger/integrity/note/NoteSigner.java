package io.hazardledger.integrity.note;

import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Signs note texts as one named Ed25519 key: the signature line {@code — name base64(keyID || signature)}. */
public final class NoteSigner {

    private final String name;
    private final StatementSigner key;
    private final byte[] publicKey;
    private final byte[] keyId;

    public NoteSigner(String name, StatementSigner key) {
        NoteKeys.checkName(name);
        if (key.verificationKey().algorithm() != SignatureAlgorithm.ED25519) {
            throw new IllegalArgumentException("signed notes are signed with Ed25519 keys");
        }
        byte[] spki = key.verificationKey().spki();
        this.name = name;
        this.key = key;
        this.publicKey = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        this.keyId = NoteKeys.keyId(name, publicKey);
    }

    public String name() {
        return name;
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The verifier key string of this signer. */
    public String verifierKey() {
        return NoteKeys.verifierKey(name, publicKey);
    }

    /** The verifier of this signer's notes. */
    public NoteVerifier verifier() {
        try {
            return NoteVerifier.parse(verifierKey());
        } catch (io.hazardledger.integrity.sig.InvalidSignatureException e) {
            throw new IllegalStateException("a signer's own verifier key cannot be read: " + e.getMessage(), e);
        }
    }

    /** The signature line over {@code text} (which ends with a newline), without its own trailing newline. */
    public String signatureLine(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a note text ends with a newline");
        }
        NoteKeys.checkText(text);
        byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] line = new byte[4 + signature.length];
        System.arraycopy(keyId, 0, line, 0, 4);
        System.arraycopy(signature, 0, line, 4, signature.length);
        return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(line);
    }

    /** The signed note: text, an empty line, the signature line. */
    public String sign(String text) {
        return text + "\n" + signatureLine(text) + "\n";
    }
}
