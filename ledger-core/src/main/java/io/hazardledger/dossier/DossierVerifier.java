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
        if (!d.path("atSize").isIntegralNumber() || !d.path("proofs").path("treeSize").isIntegralNumber()) {
            throw new DossierException("atSize and proofs.treeSize must be whole numbers");
        }
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
            try {
                for (JsonNode h : e.path("inclusionProof")) {
                    path.add(Base64.getDecoder().decode(h.asText()));
                }
                Proofs.verifyInclusion(index, checkpoint.size(), Hashes.leafHashBytes(bytes), path, checkpoint.root());
            } catch (ProofException | IllegalArgumentException ex) {
                throw new DossierException("entry " + index + ": its inclusion proof does not lead to the checkpoint's "
                        + "root: " + ex.getMessage());
            }
            proved.put(index, hash);
            parsed.put(index, entry);
        }

        Cited cite = new Cited(proved, atSize);
        long sequence = 0;
        List<long[]> timeline = new ArrayList<>(); // index, status ordinal (-1 unchanged), recorded epoch millis
        List<String> statuses = new ArrayList<>();
        String status = null;
        for (JsonNode t : d.path("timeline")) {
            long index = cite.hashed(t.path("index"), t.path("entryHash"), "timeline");
            JsonNode entry = parsed.get(index);
            if (!hazardId.equals(entry.path("aggregateId").asText())
                    || !"Hazard".equals(entry.path("aggregateType").asText())) {
                throw new DossierException("timeline entry " + index + " is not an entry of hazard " + hazardId);
            }
            if (entry.path("aggregateSequence").asLong(-1) != sequence) {
                throw new DossierException("timeline entry " + index + " has aggregate sequence "
                        + entry.path("aggregateSequence") + " where " + sequence + " was due: the timeline misses an "
                        + "entry of the hazard");
            }
            String type = entry.path("eventType").asText();
            if (!type.equals(t.path("eventType").asText())) {
                throw new DossierException("timeline entry " + index + " says " + t.path("eventType")
                        + " but the entry is " + entry.path("eventType"));
            }
            if (!sameInstant(entry.path("recordedAt"), t.path("recordedAt"))) {
                throw new DossierException("timeline entry " + index + " says it was recorded at " + t.path("recordedAt")
                        + " but the entry says " + entry.path("recordedAt"));
            }
            status = statusAfter(type, entry.path("payload"), status);
            if (!java.util.Objects.equals(status, t.path("statusAfter").isTextual() ? t.path("statusAfter").asText()
                    : null)) {
                throw new DossierException("timeline entry " + index + " says the status became " + t.path("statusAfter")
                        + " but a " + type + " makes it " + status);
            }
            JsonNode statement = entry.path("metadata").path("ledgerSignature").path("statement");
            for (String member : new String[] {"signerId", "keyId", "claimedAt"}) {
                String stored = statement.path(member).isTextual() ? statement.path(member).asText() : null;
                String claimed = t.path(member).isTextual() ? t.path(member).asText() : null;
                if (!java.util.Objects.equals(stored, claimed)) {
                    throw new DossierException("timeline entry " + index + " says " + member + " " + claimed
                            + " but the entry's signed statement says " + stored);
                }
            }
            if (statement.isMissingNode() != "unsigned".equals(t.path("signatureStatus").asText())) {
                throw new DossierException("timeline entry " + index + " says its signature is "
                        + t.path("signatureStatus") + " but the entry " + (statement.isMissingNode() ? "carries none"
                        : "carries one"));
            }
            statuses.add(status);
            timeline.add(new long[] {index, java.time.Instant.parse(entry.path("recordedAt").asText()).toEpochMilli()});
            sequence++;
        }
        if (timeline.isEmpty()) {
            throw new DossierException("the timeline is empty: a dossier begins with the hazard's report");
        }
        JsonNode hazard = d.path("hazard");
        long[] first = timeline.get(0);
        long[] last = timeline.get(timeline.size() - 1);
        if (hazard.path("firstIndex").asLong(-1) != first[0] || hazard.path("lastIndex").asLong(-1) != last[0]
                || !proved.get(last[0]).equals(hazard.path("lastEntryHash").asText())
                || !hazardId.equals(hazard.path("hazardId").asText())) {
            throw new DossierException("the hazard's register row (firstIndex, lastIndex, lastEntryHash) does not "
                    + "match the timeline's first and last entries");
        }
        stages(d.path("stages"), timeline, statuses, d.path("moment"));
        for (JsonNode dl : d.path("deadlines")) {
            cite.hashed(dl.path("setIndex"), dl.path("setEntryHash"), "deadline");
            cite.optional(dl.path("outcomeIndex"), "deadline");
        }
        for (JsonNode e : d.path("escalations")) {
            cite.hashed(e.path("index"), e.path("entryHash"), "escalation");
        }
        for (JsonNode q : d.path("inspectionsWithoutAction")) {
            cite.hashed(q.path("signOffIndex"), q.path("signOffEntryHash"), "inspection");
        }
        for (JsonNode f : d.path("flags")) {
            String where = "flag " + f.path("flagId").asText();
            cite.index(f.path("raisedAtIndex"), where);
            for (JsonNode c : f.path("entries")) {
                cite.hashed(c.path("index"), c.path("entryHash"), where);
            }
            if (!f.path("acknowledgement").isNull() && !f.path("acknowledgement").isMissingNode()) {
                cite.hashed(f.path("acknowledgement").path("index"), f.path("acknowledgement").path("entryHash"),
                        "acknowledgement of " + where);
            }
        }
        for (JsonNode r : d.path("responsibilities")) {
            cite.index(r.path("fromIndex"), "responsibility");
            cite.optional(r.path("toIndex"), "responsibility");
        }
        return new Report(hazardId, (int) sequence, proved.size(), checkpoint.size(), checkpoint.origin());
    }

    /** The hazard's status after an event (FORMAT.md 16.2); {@code before} for an event that does not change it. */
    private static String statusAfter(String type, JsonNode payload, String before) {
        return switch (type) {
            case "HazardReported", "HazardReopened" -> "REPORTED";
            case "RectificationPlanned" -> "RECTIFICATION_PLANNED";
            case "RectificationSubmitted" -> "RECTIFICATION_SUBMITTED";
            case "RectificationVerified" -> payload.path("passed").asBoolean() ? "VERIFIED" : "RECTIFICATION_PLANNED";
            case "HazardClosedOut" -> "CLOSED";
            default -> before;
        };
    }

    /** The stages must be the timeline's status changes (FORMAT.md 16.1), with their entries, times and lengths. */
    private static void stages(JsonNode stages, List<long[]> timeline, List<String> statuses, JsonNode moment)
            throws DossierException {
        List<long[]> expected = new ArrayList<>(); // from index, to index (-1 ongoing), from millis, to millis
        List<String> names = new ArrayList<>();
        String current = null;
        for (int i = 0; i < timeline.size(); i++) {
            if (!statuses.get(i).equals(current)) {
                if (!expected.isEmpty()) {
                    expected.get(expected.size() - 1)[1] = timeline.get(i)[0];
                    expected.get(expected.size() - 1)[3] = timeline.get(i)[1];
                }
                expected.add(new long[] {timeline.get(i)[0], -1, timeline.get(i)[1], 0});
                names.add(statuses.get(i));
                current = statuses.get(i);
            }
        }
        if (stages.size() != expected.size()) {
            throw new DossierException("the dossier lists " + stages.size() + " stages; its timeline makes "
                    + expected.size());
        }
        long momentMillis;
        try {
            momentMillis = java.time.Instant.parse(moment.asText()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new DossierException("moment is not an RFC 3339 time: " + moment);
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonNode s = stages.get(i);
            long[] e = expected.get(i);
            boolean ongoing = e[1] < 0;
            long seconds = ongoing ? (names.get(i).equals("CLOSED") ? 0 : Math.max(0, (momentMillis - e[2]) / 1000))
                    : (e[3] - e[2]) / 1000;
            boolean same = names.get(i).equals(s.path("status").asText()) && s.path("fromIndex").asLong(-2) == e[0]
                    && (ongoing ? s.path("toIndex").isNull() : s.path("toIndex").asLong(-2) == e[1])
                    && Math.abs(s.path("seconds").asLong(-10) - seconds) <= 1;
            if (!same) {
                throw new DossierException("stage " + i + " (" + s.path("status").asText() + " from entry "
                        + s.path("fromIndex") + ") is not what the timeline makes: " + names.get(i) + " from entry "
                        + e[0] + (ongoing ? ", ongoing" : " to entry " + e[1]) + ", " + seconds + " s");
            }
        }
    }

    private static boolean sameInstant(JsonNode a, JsonNode b) {
        try {
            return java.time.Instant.parse(a.asText()).equals(java.time.Instant.parse(b.asText()));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** The citations of a dossier: each must name a proved entry below {@code atSize}. */
    private record Cited(Map<Long, String> proved, long atSize) {

        /** An index with the entry hash that must go with it (both required). */
        long hashed(JsonNode index, JsonNode hash, String where) throws DossierException {
            long i = index(index, where);
            if (!hash.isTextual() || !proved.get(i).equals(hash.asText())) {
                throw new DossierException(where + " cites entry " + i + " with hash " + hash
                        + ", but the proved entry's hash is " + proved.get(i));
            }
            return i;
        }

        /** An index that may be null (none). */
        void optional(JsonNode index, String where) throws DossierException {
            if (!index.isNull()) {
                index(index, where);
            }
        }

        long index(JsonNode index, String where) throws DossierException {
            if (!index.isIntegralNumber()) {
                throw new DossierException(where + " cites an entry without a whole-number index: " + index);
            }
            long i = index.asLong();
            if (!proved.containsKey(i)) {
                throw new DossierException(where + " cites entry " + i + ", which the dossier does not prove");
            }
            if (i >= atSize) {
                throw new DossierException(where + " cites entry " + i + ", beyond the dossier's position " + atSize);
            }
            return i;
        }
    }

    private static Checkpoint checkpoint(String note, List<String> keys) throws DossierException {
        String last = "no verifier key was given";
        for (String key : keys) {
            try {
                NoteVerifier verifier = NoteVerifier.parse(key);
                Checkpoint checkpoint = Checkpoint.parse(verifier.verify(note));
                if (!checkpoint.origin().equals(verifier.name())) {
                    last = "its origin " + checkpoint.origin() + " is not the key's log " + verifier.name();
                    continue;
                }
                return checkpoint;
            } catch (InvalidSignatureException | IllegalArgumentException e) {
                last = e.getMessage();
            }
        }
        throw new DossierException("the checkpoint does not verify: " + last);
    }

}
