package io.hazardledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.sig.InvalidSignatureException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reading what the offline commands are given: proof files, checkpoints and verifier keys. */
public final class ProofFiles {

    /** One JSON value with no member twice: the proof checked is the one a reader sees. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private ProofFiles() {
    }

    /** The most a proof, checkpoint, key or note file may hold: far beyond any real one. */
    static final int SMALL_FILE = 16 << 20;

    /** The most a dossier file may hold: far beyond a hazard's. */
    static final int DOSSIER_FILE = 64 << 20;

    /**
     * A file's bytes, at most {@code limit} of them (a pipe too): a larger one is a usage error naming the file, not a
     * heap the JVM cannot give.
     */
    static byte[] bytes(Path file, int limit) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(limit + 1);
            if (b.length > limit) {
                throw new UsageError(file + " holds more than " + (limit >> 20) + " MiB: not a file this command "
                        + "reads");
            }
            return b;
        }
    }

    /**
     * A small file's text (a checkpoint, a proof, a key file), which must be UTF-8 and at most 16 MiB: else an
     * unchecked usage error whose message names the file.
     */
    public static String text(Path file) throws IOException {
        return text(file, SMALL_FILE);
    }

    /** As {@link #text(Path)}, at most {@code limit} bytes. */
    static String text(Path file, int limit) throws IOException {
        byte[] b = bytes(file, limit);
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UsageError(file + " is not UTF-8 text");
        }
    }

    /** A proof file's JSON object; anything else is an {@link IOException} whose message names the file. */
    static JsonNode read(Path file) throws IOException {
        JsonNode p;
        try {
            p = JSON.readTree(text(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not JSON: " + e.getOriginalMessage());
        }
        if (p == null || !p.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        return p;
    }

    /**
     * The verifier keys an option names: the key itself ({@code name+keyid+key}), or a file of them, one a line. A
     * value that is neither (a mistyped file name, a file of something else) is a usage error (exit 2), not a
     * checkpoint that fails to verify (exit 1): an auditor's typo must not read as a forged log.
     */
    public static List<String> keys(String option) throws IOException {
        Path p;
        try {
            p = Path.of(option);
        } catch (java.nio.file.InvalidPathException e) {
            p = null;
        }
        if (p != null && Files.isRegularFile(p)) {
            List<String> lines = text(p).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            for (int i = 0; i < lines.size(); i++) {
                String problem = notAKey(lines.get(i));
                if (problem != null) {
                    throw new UsageError("--key " + option + ": the file's line " + (i + 1) + " is not a verifier key "
                            + "(name+keyid+key): " + problem);
                }
            }
            return lines;
        }
        String problem = notAKey(option.strip());
        if (problem != null) {
            throw new UsageError("--key " + option + ": neither a file nor a verifier key (name+keyid+key): "
                    + problem);
        }
        return List.of(option.strip());
    }

    /** Why the text is not an Ed25519 verifier key of a signed note, or null when it is one. */
    private static String notAKey(String text) {
        try {
            io.hazardledger.integrity.note.NoteVerifier.parse(text);
            return null;
        } catch (InvalidSignatureException e) {
            return e.getMessage();
        }
    }

    /**
     * The root a proof is checked against. With a signed checkpoint given, its root, verified with one of the keys
     * (the file's own {@code member}, where it holds one, must then be that root: a proof file cannot put another root
     * in the place of the checkpoint's). With none, the file's own root, which ties the proof to nothing: the command
     * says so ({@link #UNTIED}).
     */
    static byte[] root(JsonNode p, String member, Path checkpointFile, String key, long size) {
        if (checkpointFile == null) {
            if (key != null) {
                throw new UsageError("--key checks a signed checkpoint: give the checkpoint too");
            }
            if (!p.has(member)) {
                throw new UsageError("the proof holds no " + member + ": give a signed checkpoint and --key");
            }
            return bytes(p, member);
        }
        if (key == null) {
            throw new UsageError("a signed checkpoint is checked with --key: give the key too");
        }
        byte[] root = root(checkpointFile, key, size);
        if (p.has(member) && !java.util.Arrays.equals(bytes(p, member), root)) {
            throw new IllegalArgumentException("the proof's " + member + " is not the root of the signed checkpoint "
                    + checkpointFile + " (tree size " + size + ")");
        }
        return root;
    }

    /**
     * A command given the wrong options or an unreadable file: not a proof that fails (exit 1) but a usage error
     * (exit 2, "error: …", as every command line here reports one).
     */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /** What a command adds when it checked a proof against the proof file's own root. */
    static final String UNTIED = "WARNING: no signed checkpoint given: the proof was checked against the root its own "
            + "file holds, which proves only that the file is consistent, not that the entry is in the log";

    /** The root of a signed checkpoint of the given size, verified with one of the keys. */
    private static byte[] root(Path checkpointFile, String key, long size) {
        List<String> keys;
        String note;
        try {
            keys = keys(key);
            note = text(checkpointFile);
        } catch (IOException e) {
            throw new UsageError((e instanceof java.nio.file.NoSuchFileException ? "no such file: " : "cannot read ")
                    + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new UsageError("the key file " + key + " holds no key");
        }
        Checkpoint cp;
        try {
            cp = Checkpoint.verified(note, keys);
        } catch (InvalidSignatureException e) {
            throw new IllegalArgumentException("the checkpoint does not verify: " + e.getMessage());
        }
        if (cp.size() != size) {
            throw new IllegalArgumentException("the checkpoint is of size " + cp.size() + ", the proof of size "
                    + size);
        }
        return cp.root();
    }

    static long number(JsonNode p, String member) {
        if (!p.path(member).canConvertToLong() || !p.path(member).isIntegralNumber()) {
            throw new IllegalArgumentException(member + " must be a whole number");
        }
        return p.path(member).asLong();
    }

    /** A SHA-256 hash in base64, as proofs and checkpoints carry them (RFC 9162: 32 bytes). */
    static byte[] bytes(JsonNode p, String member) {
        return hash(p.path(member), member);
    }

    static List<byte[]> hashes(JsonNode p) {
        if (!p.path("hashes").isArray()) {
            throw new IllegalArgumentException("hashes must be an array of base64 hashes");
        }
        List<byte[]> out = new ArrayList<>();
        for (JsonNode h : p.path("hashes")) {
            out.add(hash(h, "hashes[" + out.size() + "]"));
        }
        return out;
    }

    /**
     * One hash of a proof file: a base64 string of exactly 32 bytes. Anything else names the member and says what it
     * holds, so that a proof damaged in transit reads as that and not as a tree that does not hold it.
     */
    private static byte[] hash(JsonNode value, String member) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(member + " must be a SHA-256 hash in base64 (a string of 44 "
                    + "characters): it is " + (value.isMissingNode() ? "missing" : "a JSON " + value.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT)));
        }
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(member + " is not base64 (RFC 4648, with padding): "
                    + value.asText().substring(0, Math.min(60, value.asText().length())));
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException(member + " must be a SHA-256 hash of 32 bytes: it holds " + hash.length
                    + (hash.length == 1 ? " byte" : " bytes"));
        }
        return hash;
    }
}
