package io.hazardledger.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.VerificationKey;
import io.hazardledger.signing.internal.SignatureMetadata;
import io.hazardledger.signing.internal.SignedActions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Verifies a bundle offline, in one pass over its lines and memory that grows only with keys and signed entries. */
public final class BundleVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private BundleVerifier() {
    }

    private record Key(String personId, VerificationKey key, Instant validFrom, long registeredAt) {
    }

    private record Signed(long index, String signerId, String keyId, Instant claimed, String action) {
    }

    /**
     * @param trustedVerifierKeys checkpoint verifier keys the auditor obtained out of band; when empty, the bundle's
     *                            own keys are used and the report says so
     */
    public static BundleReport verify(InputStream in, List<String> trustedVerifierKeys) throws BundleException, IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new BundleException(-1, "header", "the bundle is empty");
        }
        JsonNode header = JSON.readTree(headerLine);
        if (!BundleWriter.FORMAT.equals(header.path("format").asText())) {
            throw new BundleException(-1, "header", "not a " + BundleWriter.FORMAT + " bundle");
        }
        boolean keyFromBundle = trustedVerifierKeys.isEmpty();
        List<String> keys = new ArrayList<>(trustedVerifierKeys);
        if (keyFromBundle) {
            header.path("verifierKeys").forEach(k -> keys.add(k.asText()));
        }
        String note = header.path("checkpoint").asText();
        String text = null;
        String verifiedWith = null;
        for (String k : keys) {
            try {
                text = NoteVerifier.parse(k).verify(note);
                verifiedWith = k;
                break;
            } catch (InvalidSignatureException e) {
                // try the next key
            }
        }
        if (text == null) {
            throw new BundleException(-1, "checkpoint-signature", "the checkpoint is signed by none of the keys given");
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BundleException(-1, "checkpoint", e.getMessage());
        }
        if (checkpoint.size() != header.path("treeSize").asLong(-1)) {
            throw new BundleException(-1, "checkpoint", "the header's treeSize differs from the checkpoint's");
        }

        Deque<byte[]> stack = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        String prev = Hashes.ZERO_HASH;
        long index = 0;
        Map<String, Key> keyHistory = new HashMap<>();
        Map<String, Instant> revoked = new HashMap<>();
        List<Signed> signed = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (index >= checkpoint.size()) {
                throw new BundleException(index, "trailing-entries", "the bundle holds more entries than the checkpoint");
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            JsonNode e;
            try {
                e = JSON.readTree(line);
            } catch (IOException ex) {
                throw new BundleException(index, "malformed-entry", "not JSON");
            }
            if (e.path("index").asLong(-1) != index) {
                throw new BundleException(index, "missing-entry", "the line holds entry " + e.path("index").asText());
            }
            if (!prev.equals(e.path("prevHash").asText())) {
                throw new BundleException(index, "chain-link", "prevHash is " + e.path("prevHash").asText()
                        + ", the previous entry hashes to " + prev);
            }
            EntryContent content = new EntryContent(e.path("eventId").asText(), e.path("aggregateType").asText(),
                    e.path("aggregateId").asText(), e.path("aggregateSequence").asLong(), e.path("eventType").asText(),
                    e.path("payloadRevision").isNull() ? null : e.path("payloadRevision").asText(),
                    e.path("recordedAt").asText(), e.path("metadata").toString(), e.path("payload").toString());
            try {
                if (!MessageDigest.isEqual(EntryCodec.encode(index, prev, content), bytes)) {
                    throw new BundleException(index, "entry-not-canonical",
                            "the line is not the canonical entry (RFC 8785) of its own members");
                }
            } catch (EntryCodec.MalformedEntryException ex) {
                throw new BundleException(index, "malformed-entry", ex.getMessage());
            }
            String leaf = Hashes.leafHash(bytes);
            push(stack, levels, HEX.parseHex(leaf));
            learnKeys(index, e, keyHistory, revoked);
            checkSignature(index, e, keyHistory, signed);
            prev = leaf;
            index++;
        }
        if (index != checkpoint.size()) {
            throw new BundleException(index, "missing-entry", "the checkpoint covers " + checkpoint.size()
                    + " entries, the bundle holds " + index);
        }
        byte[] root = stack.isEmpty() ? MerkleHash.empty() : stack.pop();
        while (!stack.isEmpty()) {
            root = MerkleHash.node(stack.pop(), root);
        }
        if (!MessageDigest.isEqual(root, checkpoint.root())) {
            throw new BundleException(-1, "root-mismatch", "the entries give root " + HEX.formatHex(root)
                    + ", the checkpoint says " + HEX.formatHex(checkpoint.root()));
        }
        List<String> findings = new ArrayList<>();
        for (Signed s : signed) {
            Key k = keyHistory.get(s.keyId());
            if (s.claimed().isBefore(k.validFrom())) {
                findings.add("entry " + s.index() + ": key " + s.keyId() + " of " + s.signerId() + " is valid from "
                        + k.validFrom() + ", after the claimed time " + s.claimed());
                continue;
            }
            Instant r = revoked.get(s.keyId());
            if (r != null && !s.claimed().isBefore(r) && !SignedActions.managesKeys(s.action())) {
                findings.add("entry " + s.index() + ": key " + s.keyId() + " of " + s.signerId() + " was revoked from "
                        + r + ", before the claimed time " + s.claimed());
            }
        }
        return new BundleReport(checkpoint.origin(), checkpoint.size(), Base64.getEncoder().encodeToString(root),
                verifiedWith, keyFromBundle, signed.size(), findings);
    }

    /** Appends a leaf to the right edge of the tree (a stack of perfect subtrees, largest at the bottom). */
    private static void push(Deque<byte[]> stack, Deque<Integer> levels, byte[] leaf) {
        byte[] node = leaf;
        int level = 0;
        while (!levels.isEmpty() && levels.peek() == level) {
            levels.pop();
            node = MerkleHash.node(stack.pop(), node);
            level++;
        }
        stack.push(node);
        levels.push(level);
    }

    @SuppressWarnings("unchecked")
    private static void checkSignature(long index, JsonNode entry, Map<String, Key> keys, List<Signed> signed)
            throws BundleException {
        JsonNode sig = entry.path("metadata").path(SignatureMetadata.KEY);
        if (sig.isMissingNode()) {
            return;
        }
        SignedStatement statement = SignatureMetadata.fromMetadata(JSON.convertValue(sig, Map.class));
        if (statement == null) {
            throw new BundleException(index, "signature-malformed", "the signed statement is not a version 1 statement");
        }
        var s = statement.statement();
        Key key = keys.get(s.keyId());
        if (key == null) {
            throw new BundleException(index, "signature-key-unknown", "key " + s.keyId() + " is not registered before it");
        }
        if (!key.personId().equals(s.signerId()) || !s.aggregateId().equals(entry.path("aggregateId").asText())
                || !SignedActions.eventsOf(s.action()).contains(entry.path("eventType").asText())) {
            throw new BundleException(index, "signature-mismatch", "the statement does not belong to this entry");
        }
        try {
            statement.verifyWith(key.key());
        } catch (InvalidSignatureException | IllegalArgumentException e) {
            throw new BundleException(index, "signature-invalid", e.getMessage());
        }
        signed.add(new Signed(index, s.signerId(), s.keyId(), Instant.parse(s.claimedAt()), s.action()));
    }

    private static void learnKeys(long index, JsonNode entry, Map<String, Key> keys, Map<String, Instant> revoked)
            throws BundleException {
        String type = entry.path("eventType").asText();
        JsonNode p = entry.path("payload");
        try {
            if ("KeyRegistered".equals(type)) {
                keys.put(p.path("keyId").asText(), new Key(p.path("personId").asText(),
                        VerificationKey.fromBase64Spki(p.path("publicKey").asText()),
                        Instant.parse(p.path("validFrom").asText()), index));
            } else if ("KeyRevoked".equals(type)) {
                revoked.put(p.path("keyId").asText(), Instant.parse(p.path("effectiveAt").asText()));
            }
        } catch (InvalidSignatureException | RuntimeException e) {
            throw new BundleException(index, "malformed-key", "the key event cannot be read: " + e.getMessage());
        }
    }
}
