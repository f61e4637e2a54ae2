package io.hazardledger.integrity.note;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.integrity.merkle.NodeSource;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.PemSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The signed-note and checkpoint vectors of other implementations in {@code src/test/resources/vectors/note/} (made
 * and checked with pyca/cryptography by {@code derive.py} there), and what the tests need to use them: a
 * {@link PemSigner} from a Go signer key's seed, and an in-memory {@link NodeSource}.
 */
final class NoteVectors {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The PKCS#8 v1 DER prefix of an Ed25519 private key; the 32-byte seed follows (RFC 8410). */
    static final String ED25519_PKCS8_PREFIX = "302e020100300506032b657004220420";

    private NoteVectors() {
    }

    /** A key: its name, key ID (hex8), raw public key (hex), verifier key string and, if published, signer key. */
    record Key(String desc, String name, String keyId, String publicKey, String verifierKey, String signerKey) {
    }

    /** A verifier key string that must be refused. */
    record BadKey(String desc, String verifierKey) {
    }

    /**
     * A signed note and what a verifier trusting {@code verifierKey} alone must say: {@code want} is "verified" (then
     * {@code wantText} is the text it returns) or "rejected". With {@code signerKey}, the note is exactly what that key
     * signs.
     */
    record NoteCase(String desc, String verifierKey, String note, String want, String wantText, String signerKey) {
        boolean verified() {
            return switch (want) {
                case "verified" -> true;
                case "rejected" -> false;
                default -> throw new IllegalStateException("want is verified or rejected, not " + want);
            };
        }
    }

    /** A checkpoint note text and what it parses to ({@code root} in base64). */
    record CheckpointCase(String desc, String text, String origin, long size, String root) {
    }

    /** A checkpoint note text that must not parse. */
    record Refusal(String desc, String text) {
    }

    /** One file. {@code leaves}: the leaf data of the log the checkpoints are of, when the source gives it. */
    record VectorFile(String source, String desc, List<Key> keys, List<BadKey> badVerifierKeys, List<NoteCase> notes,
                      List<CheckpointCase> checkpoints, List<Refusal> refusals, List<String> leaves) {
        VectorFile {
            keys = keys == null ? List.of() : keys;
            badVerifierKeys = badVerifierKeys == null ? List.of() : badVerifierKeys;
            notes = notes == null ? List.of() : notes;
            checkpoints = checkpoints == null ? List.of() : checkpoints;
            refusals = refusals == null ? List.of() : refusals;
        }
    }

    static Stream<Path> files() {
        URL dir = NoteVectors.class.getResource("/vectors/note");
        if (dir == null) {
            throw new IllegalStateException("no vectors/note on the test class path");
        }
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            List<Path> files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("vectors/note holds no vectors");
            }
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static VectorFile read(Path file) {
        try {
            VectorFile v = JSON.readValue(file.toFile(), VectorFile.class);
            if (v.source() == null || v.source().isBlank() || v.desc() == null || v.desc().isBlank()) {
                throw new IllegalStateException(file + " has no source or desc");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VectorFile read(String name) {
        return files().filter(p -> p.getFileName().toString().equals(name)).findFirst().map(NoteVectors::read)
                .orElseThrow(() -> new IllegalStateException("no vectors/note/" + name));
    }

    static String name(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".json".length());
    }

    /** A Go signer key {@code PRIVATE+KEY+name+hex8(keyID)+base64(0x01 || seed)}, taken apart. */
    record SignerKey(String name, String keyId, byte[] seed) {
        static SignerKey parse(String skey) {
            String[] parts = skey.split("\\+", 5);
            if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
                throw new IllegalArgumentException("not a signer key: " + skey);
            }
            byte[] typed = Base64.getDecoder().decode(parts[4]);
            if (typed.length != 33 || typed[0] != 0x01) {
                throw new IllegalArgumentException("not an Ed25519 signer key: " + skey);
            }
            return new SignerKey(parts[2], parts[3], Arrays.copyOfRange(typed, 1, 33));
        }

        /** A PemSigner over the seed: PKCS#8 {@code 302e020100300506032b657004220420 || seed}, PEM. */
        PemSigner pemSigner() {
            return pemSignerFromSeed(seed);
        }

        NoteSigner noteSigner() {
            return new NoteSigner(name, pemSigner());
        }
    }

    static PemSigner pemSignerFromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        byte[] der = HexFormat.of().parseHex(ED25519_PKCS8_PREFIX + HexFormat.of().formatHex(seed));
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
        try {
            return PemSigner.fromPem(pem);
        } catch (InvalidSignatureException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code SHA-256(0x00 || data)}: the RFC 9162 leaf hash. */
    static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(data);
        return sha.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The perfect subtrees over {@code leaves}, computed naively from the leaf hashes (level 0 is the leaf hash). */
    static NodeSource memory(List<byte[]> leaves) {
        return (level, index) -> naive(leaves, index << level, (index + 1) << level);
    }

    /** MTH(D[from:to]) by the RFC 9162 2.1.1 recursion, straight from its definition. */
    static byte[] naive(List<byte[]> leaves, long from, long to) {
        if (to > leaves.size()) {
            throw new IllegalStateException("the tree has no leaf " + (to - 1));
        }
        if (to - from == 0) {
            return MerkleHash.empty();
        }
        if (to - from == 1) {
            return leaves.get((int) from);
        }
        long k = Long.highestOneBit(to - from - 1);
        return MerkleHash.node(naive(leaves, from, from + k), naive(leaves, from + k, to));
    }
}
