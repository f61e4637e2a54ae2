package io.hazardledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.InvalidSignatureException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reading what the offline commands are given: proof files, checkpoints and verifier keys. */
final class ProofFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProofFiles() {
    }

    /** A proof file's JSON object; anything else is an {@link IOException} whose message names the file. */
    static JsonNode read(Path file) throws IOException {
        JsonNode p;
        try {
            p = JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not JSON: " + e.getOriginalMessage());
        }
        if (p == null || !p.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        return p;
    }

    /** The verifier keys an option names: the key itself ({@code name+keyid+key}), or a file of them, one a line. */
    static List<String> keys(String option) throws IOException {
        Path p = Path.of(option);
        if (!option.contains("+") && Files.isRegularFile(p)) {
            return Files.readAllLines(p).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
        return List.of(option.strip());
    }

    /** The root of a signed checkpoint of the given size, verified with the key. */
    static byte[] root(Path checkpointFile, String key, long size) {
        if (checkpointFile == null || key == null) {
            throw new IllegalArgumentException("the proof holds no root: give a signed checkpoint and --key");
        }
        try {
            List<String> keys = keys(key);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("the key file " + key + " holds no key");
            }
            Checkpoint cp = Checkpoint.parse(NoteVerifier.parse(keys.get(0)).verify(Files.readString(checkpointFile)));
            if (cp.size() != size) {
                throw new IllegalArgumentException("the checkpoint is of size " + cp.size() + ", the proof of size " + size);
            }
            return cp.root();
        } catch (IOException | InvalidSignatureException e) {
            throw new IllegalArgumentException("the checkpoint does not verify: " + e.getMessage());
        }
    }

    static long number(JsonNode p, String member) {
        if (!p.path(member).canConvertToLong() || !p.path(member).isIntegralNumber()) {
            throw new IllegalArgumentException(member + " must be a whole number");
        }
        return p.path(member).asLong();
    }

    static byte[] bytes(JsonNode p, String member) {
        if (!p.path(member).isTextual()) {
            throw new IllegalArgumentException(member + " must be base64");
        }
        return Base64.getDecoder().decode(p.path(member).asText());
    }

    static List<byte[]> hashes(JsonNode p) {
        if (!p.path("hashes").isArray()) {
            throw new IllegalArgumentException("hashes must be an array of base64 hashes");
        }
        List<byte[]> out = new ArrayList<>();
        for (JsonNode h : p.path("hashes")) {
            out.add(Base64.getDecoder().decode(h.asText()));
        }
        return out;
    }
}
