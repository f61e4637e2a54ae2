package io.hazardledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.ProofException;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.InvalidSignatureException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads a ledger server and proves what it reads. It holds one trusted checkpoint (verified with the log's verifier
 * key, which the caller obtained out of band); a newer checkpoint replaces it only after a consistency proof from the
 * trusted one passes, and an older one must be consistent with it. Thread-safe.
 */
public final class VerifyingClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final NoteVerifier logKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Checkpoint trusted;

    /**
     * @param base              the server, e.g. {@code http://localhost:8080}
     * @param verifierKey       the log's checkpoint verifier key
     * @param trustedCheckpoint a checkpoint (signed note) trusted from before, or null to trust on first use
     */
    public VerifyingClient(URI base, String verifierKey, String trustedCheckpoint) throws VerificationFailedException {
        this.base = base;
        try {
            this.logKey = NoteVerifier.parse(verifierKey);
        } catch (InvalidSignatureException e) {
            throw new VerificationFailedException("the verifier key: " + e.getMessage(), e);
        }
        this.trusted = trustedCheckpoint == null ? null : checkpoint(trustedCheckpoint);
    }

    /** The checkpoint trusted now (its text), if any. */
    public synchronized Optional<String> trustedCheckpoint() {
        return Optional.ofNullable(trusted).map(Checkpoint::text);
    }

    /**
     * A hazard's history, every entry proved to be in a checkpoint consistent with the trusted one, and each read from
     * the entry itself: its index, its event type, that it is the hazard's, and that the hazard's entries come in
     * ledger order with their sequence numbers 0, 1, 2, … (none left out before the last one served; entries after
     * the checkpoint's size are not in it).
     */
    public List<VerifiedEntry> hazardHistory(String hazardId) throws VerificationFailedException {
        JsonNode h = get("/api/v1/hazards/" + URLEncoder.encode(hazardId, StandardCharsets.UTF_8) + "/verified-history");
        Checkpoint served = checkpoint(h.path("checkpoint").asText());
        if (served.size() != h.path("treeSize").asLong(-1)) {
            throw new VerificationFailedException("the served tree size differs from the checkpoint's");
        }
        advance(served);
        List<VerifiedEntry> out = new ArrayList<>();
        for (JsonNode e : h.path("entries")) {
            byte[] bytes;
            try {
                // the entry is served as JSON; its canonical form (RFC 8785) is exactly the bytes that were hashed
                bytes = new org.erdtman.jcs.JsonCanonicalizer(e.path("entry").toString()).getEncodedUTF8();
            } catch (IOException ex) {
                throw new VerificationFailedException("entry " + e.path("index").asLong() + " is not JSON", ex);
            }
            String leaf = Hashes.leafHash(bytes);
            if (!leaf.equals(e.path("entryHash").asText())) {
                throw new VerificationFailedException("entry " + e.path("index").asLong() + " does not hash to its "
                        + "entry hash: expected " + e.path("entryHash").asText() + ", computed " + leaf);
            }
            List<byte[]> proof = new ArrayList<>();
            e.path("inclusionProof").forEach(p -> proof.add(Base64.getDecoder().decode(p.asText())));
            try {
                Proofs.verifyInclusion(e.path("index").asLong(), served.size(), HexFormat.of().parseHex(leaf), proof,
                        served.root());
            } catch (ProofException ex) {
                throw new VerificationFailedException("entry " + e.path("index").asLong() + ": " + ex.getMessage(), ex);
            }
            // what is returned is read from the entry proved, not from the wrapper around it
            JsonNode entry = e.path("entry");
            long index = e.path("index").asLong();
            if (!entry.path("index").isIntegralNumber() || entry.path("index").asLong() != index) {
                throw new VerificationFailedException("entry " + index + " says it is entry " + entry.path("index"));
            }
            if (!hazardId.equals(entry.path("aggregateId").asText(null))) {
                throw new VerificationFailedException("entry " + index + " is not of hazard " + hazardId + " but of "
                        + entry.path("aggregateId"));
            }
            if (entry.path("aggregateSequence").asLong(-1) != out.size()
                    || !out.isEmpty() && out.get(out.size() - 1).index() >= index) {
                throw new VerificationFailedException("entry " + index + " is the hazard's event "
                        + entry.path("aggregateSequence") + " where event " + out.size() + " comes next, in ledger "
                        + "order: the history served leaves entries out or repeats them");
            }
            out.add(new VerifiedEntry(index, leaf, entry.path("eventType").asText(),
                    new String(bytes, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Fetches the latest checkpoint and moves the trusted one forward to it if a consistency proof passes. */
    public String refresh() throws VerificationFailedException {
        Checkpoint latest = checkpoint(getText("/api/v1/ledger/checkpoint"));
        advance(latest);
        return latest.text();
    }

    private synchronized void advance(Checkpoint served) throws VerificationFailedException {
        if (trusted == null) {
            trusted = served;
            return;
        }
        if (!served.origin().equals(trusted.origin())) {
            throw new VerificationFailedException("the checkpoint is of another log: " + served.origin());
        }
        Checkpoint older = served.size() < trusted.size() ? served : trusted;
        Checkpoint newer = served.size() < trusted.size() ? trusted : served;
        if (older.size() == newer.size()) {
            if (!MessageDigest.isEqual(older.root(), newer.root())) {
                throw new VerificationFailedException("two checkpoints of size " + older.size() + " with different roots: "
                        + "the log forked");
            }
            return;
        }
        JsonNode proof = get("/api/v1/ledger/proofs/consistency?from=" + older.size() + "&to=" + newer.size());
        List<byte[]> hashes = new ArrayList<>();
        proof.path("hashes").forEach(p -> hashes.add(Base64.getDecoder().decode(p.asText())));
        try {
            Proofs.verifyConsistency(older.size(), newer.size(), older.root(), newer.root(), hashes);
        } catch (ProofException e) {
            throw new VerificationFailedException("checkpoint " + served.size() + " is not consistent with the trusted "
                    + "checkpoint " + trusted.size() + ": " + e.getMessage(), e);
        }
        trusted = newer;
    }

    private Checkpoint checkpoint(String note) throws VerificationFailedException {
        try {
            return Checkpoint.parse(logKey.verify(note));
        } catch (InvalidSignatureException | IllegalArgumentException e) {
            throw new VerificationFailedException("the checkpoint does not verify: " + e.getMessage(), e);
        }
    }

    private JsonNode get(String path) throws VerificationFailedException {
        try {
            return JSON.readTree(getText(path));
        } catch (IOException e) {
            throw new VerificationFailedException("the server's answer to " + path + " is not JSON", e);
        }
    }

    private String getText(String path) throws VerificationFailedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new VerificationFailedException("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new VerificationFailedException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationFailedException("interrupted", e);
        }
    }
}
