package io.hazardledger.integrity.note;

import java.util.Base64;
import java.util.Objects;

/**
 * A C2SP tlog checkpoint: the note text {@code origin\nsize\nbase64(root)\n}.
 */
public record Checkpoint(String origin, long size, byte[] root) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("an origin is one non-empty line");
        }
        if (size < 0 || root.length != 32) {
            throw new IllegalArgumentException("a checkpoint has a size >= 0 and a 32-byte root");
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** The note text. */
    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /**
     * A signed checkpoint verified with one of the verifier keys (C2SP signed notes: one valid signature suffices)
     * whose name is its origin.
     *
     * @throws io.hazardledger.integrity.sig.InvalidSignatureException naming why the last key tried did not verify it
     *                                                                 (a key or a text that does not parse included)
     */
    public static Checkpoint verified(String note, java.util.List<String> verifierKeys)
            throws io.hazardledger.integrity.sig.InvalidSignatureException {
        String last = "no verifier key was given";
        for (String key : verifierKeys) {
            try {
                NoteVerifier verifier = NoteVerifier.parse(key);
                Checkpoint checkpoint = parse(verifier.verify(note));
                if (checkpoint.origin().equals(verifier.name())) {
                    return checkpoint;
                }
                last = "its origin " + checkpoint.origin() + " is not the key's log " + verifier.name();
            } catch (io.hazardledger.integrity.sig.InvalidSignatureException | IllegalArgumentException e) {
                last = e.getMessage();
            }
        }
        throw new io.hazardledger.integrity.sig.InvalidSignatureException(last);
    }

    /**
     * The checkpoint of the log {@code origin} that {@code note} signs, if one of {@code verifiers} signed it and its
     * text is a checkpoint of that origin; empty otherwise (another key's note, another log's, or no checkpoint).
     */
    public static java.util.Optional<Checkpoint> signedBy(String note, java.util.List<NoteVerifier> verifiers,
                                                          String origin) {
        if (note == null) {
            return java.util.Optional.empty();
        }
        try {
            return NoteVerifier.verifyWithAny(verifiers, note).map(Checkpoint::parse)
                    .filter(cp -> cp.origin().equals(origin));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();   // signed, but not a checkpoint
        }
    }

    /** Parses a checkpoint's note text (extension lines after the root are allowed and ignored). */
    public static Checkpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint is origin, size and root hash, one per line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("the tree size is a decimal without leading zeros: " + lines[1]);
        }
        for (int i = 3; i < lines.length - 1; i++) {
            if (lines[i].isEmpty()) {
                throw new IllegalArgumentException("an extension line of a checkpoint is not empty "
                        + "(c2sp.org/tlog-checkpoint)");
            }
        }
        byte[] root;
        try {
            root = NoteKeys.strictBase64(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the root hash is not canonical padded base64");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size
                && java.util.Arrays.equals(c.root, root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, java.util.Arrays.hashCode(root));
    }
}
