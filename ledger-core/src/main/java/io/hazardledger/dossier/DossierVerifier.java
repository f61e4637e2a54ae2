package io.hazardledger.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.ProofException;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.InvalidSignatureException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a dossier's JSON offline (docs/FORMAT.md section 16): the checkpoint's signature, every entry's hash and
 * inclusion proof, that every entry the dossier cites is among the proved ones with the same hash, and that the
 * timeline is the hazard's own entries with no gap in their aggregate sequence. Uses only Jackson's tree model, so
 * that the standalone verifier can run it.
 */
public final class DossierVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a dossier that verifies holds. */
    public record Report(String hazardId, int timelineEntries, int provedEntries, long treeSize, String origin) {
    }

    /** A dossier that does not verify; the message says what failed, naming the entry. */
    public static final class DossierException extends Exception {
        public DossierException(String message) {
            super(message);
        }
    }

    private DossierVerifier() {
    }

    /**
     * @param json         the dossier's JSON bytes
     * @param verifierKeys the log's checkpoint verifier keys ({@code name+keyid+base64}); one valid signature suffices
     */
    public static Report verify(byte[] json, List<String> verifierKeys) throws DossierException {
        JsonNode d;
        try {
            d = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new DossierException("not JSON: " + e.getMessage());
        }
        if (d == null || !HazardDossier.FORMAT.equals(d.path("format").asText(null))) {
            throw new DossierException("not a dossier: format must be \"" + HazardDossier.FORMAT + "\"");
        }
        String hazardId = d.path("hazardId").asText();
        long atSize = d.path("atSize").asLong(-1);
        JsonNode proofs = d.path("proofs");
        if (!proofs.path("checkpoint").isTextual()) {
            throw new DossierException("the dossier holds no signed checkpoint: its entries cannot be proved");
        }
        Checkpoint checkpoint = checkpoint(proofs.path("checkpoint").asText(), verifierKeys);
        if (checkpoint.size() != proofs.path("treeSize").asLong(-1)) {
            throw new DossierException("treeSize " + proofs.path("treeSize") + " is not the checkpoint's size "
                    + checkpoint.size());
        }
        if (atSize < 0 || atSize > checkpoint.size()) {
            throw new DossierException("atSize " + d.path("atSize") + " is not within the checkpoint's tree of "
                    + checkpoint.size());
        }

        Map<Long, String> proved = new HashMap<>();
        Map<Long, JsonNode> parsed = new HashMap<>();
        long previous = -1;
        for (JsonNode e : proofs.path("entries")) {
            long index = e.path("index").asLong(-1);
            if (index <= previous) {
                throw new DossierException("entry " + e.path("index") + ": entries must be in ascending index order");
            }
            previous = index;
            byte[] bytes = e.path("entry").asText("").getBytes(StandardCharsets.UTF_8);
            String hash = Hashes.leafHash(bytes);
            if (!hash.equals(e.path("entryHash").asText())) {
                throw new DossierException("entry " + index + ": its bytes hash to " + hash + ", not the entryHash "
                        + e.path("entryHash").asText());
            }
            JsonNode entry;
            try {
                entry = JSON.readTree(bytes);
            } catch (java.io.IOException ex) {
                throw new DossierException("entry " + index + ": not JSON");
            }
            if (entry.path("index").asLong(-1) != index) {
                throw new DossierException("entry " + index + ": the entry's own index is " + entry.path("index"));
            }
            List<byte[]> path = new ArrayList<>();
            for (JsonNode h : e.path("inclusionProof")) {
                path.add(Base64.getDecoder().decode(h.asText()));
            }
            try {
                Proofs.verifyInclusion(index, checkpoint.size(), Hashes.leafHashBytes(bytes), path, checkpoint.root());
            } catch (ProofException | IllegalArgumentException ex) {
                throw new DossierException("entry " + index + ": its inclusion proof does not lead to the checkpoint's "
                        + "root: " + ex.getMessage());
            }
            proved.put(index, hash);
            parsed.put(index, entry);
        }

        long sequence = 0;
        for (JsonNode t : d.path("timeline")) {
            long index = cited(proved, t.path("index"), t.path("entryHash"), "timeline");
            JsonNode entry = parsed.get(index);
            if (!hazardId.equals(entry.path("aggregateId").asText()) || index >= atSize) {
                throw new DossierException("timeline entry " + index + " is not an entry of hazard " + hazardId
                        + " among the first " + atSize);
            }
            if (entry.path("aggregateSequence").asLong(-1) != sequence) {
                throw new DossierException("timeline entry " + index + " has aggregate sequence "
                        + entry.path("aggregateSequence") + " where " + sequence + " was due: the timeline misses an "
                        + "entry of the hazard");
            }
            if (!entry.path("eventType").asText().equals(t.path("eventType").asText())) {
                throw new DossierException("timeline entry " + index + " says " + t.path("eventType")
                        + " but the entry is " + entry.path("eventType"));
            }
            sequence++;
        }
        for (JsonNode s : d.path("stages")) {
            cited(proved, s.path("fromIndex"), null, "stage");
            if (!s.path("toIndex").isNull()) {
                cited(proved, s.path("toIndex"), null, "stage");
            }
        }
        for (JsonNode dl : d.path("deadlines")) {
            cited(proved, dl.path("setIndex"), dl.path("setEntryHash"), "deadline");
            if (!dl.path("outcomeIndex").isNull()) {
                cited(proved, dl.path("outcomeIndex"), null, "deadline");
            }
        }
        for (JsonNode q : d.path("inspectionsWithoutAction")) {
            cited(proved, q.path("signOffIndex"), q.path("signOffEntryHash"), "inspection");
        }
        for (JsonNode f : d.path("flags")) {
            for (JsonNode c : f.path("entries")) {
                cited(proved, c.path("index"), c.path("entryHash"), "flag " + f.path("flagId").asText());
            }
            if (f.path("acknowledgement").isObject()) {
                cited(proved, f.path("acknowledgement").path("index"), f.path("acknowledgement").path("entryHash"),
                        "acknowledgement of flag " + f.path("flagId").asText());
            }
        }
        for (JsonNode r : d.path("responsibilities")) {
            cited(proved, r.path("fromIndex"), null, "responsibility");
            if (!r.path("toIndex").isNull()) {
                cited(proved, r.path("toIndex"), null, "responsibility");
            }
        }
        return new Report(hazardId, (int) sequence, proved.size(), checkpoint.size(), checkpoint.origin());
    }

    private static long cited(Map<Long, String> proved, JsonNode index, JsonNode hash, String where)
            throws DossierException {
        if (!index.isIntegralNumber()) {
            throw new DossierException(where + " cites an entry without an index");
        }
        long i = index.asLong();
        String provedHash = proved.get(i);
        if (provedHash == null) {
            throw new DossierException(where + " cites entry " + i + ", which the dossier does not prove");
        }
        if (hash != null && !provedHash.equals(hash.asText())) {
            throw new DossierException(where + " cites entry " + i + " with hash " + hash.asText()
                    + ", but the proved entry's hash is " + provedHash);
        }
        return i;
    }

    private static Checkpoint checkpoint(String note, List<String> keys) throws DossierException {
        String last = "no verifier key was given";
        for (String key : keys) {
            try {
                return Checkpoint.parse(NoteVerifier.parse(key).verify(note));
            } catch (InvalidSignatureException | IllegalArgumentException e) {
                last = e.getMessage();
            }
        }
        throw new DossierException("the checkpoint does not verify: " + last);
    }

}
