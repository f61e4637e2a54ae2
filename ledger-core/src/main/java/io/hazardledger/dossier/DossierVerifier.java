package io.hazardledger.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hazardledger.dossier.internal.DeadlineOutcomes;
import io.hazardledger.flags.FlagRule;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.ProofException;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.sig.InvalidSignatureException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a dossier's JSON offline (docs/FORMAT.md section 16.5): the checkpoint's signature, every entry's hash and
 * inclusion proof, that every entry the dossier cites is among the proved ones with the same hash, that the timeline
 * is the hazard's own entries with no gap in their aggregate sequence, and that every claim those entries decide (the
 * register row, actors and signers, stages, due dates and their outcomes, escalations, responsibilities, what a flag,
 * an inspection or an acknowledgement cites) is what they make. Uses only Jackson's tree model and the ledger's own
 * rules for due dates, so that the standalone verifier can run it.
 */
public final class DossierVerifier {

    /**
     * One JSON value, with no member twice: a reader's viewer and this verifier must see the same dossier (with a
     * member repeated, a viewer may show the first value where a lenient parser keeps the last).
     */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** The values of a timeline item's {@code signatureStatus} (FORMAT.md 16.2). */
    private static final Set<String> SIGNATURE_STATUSES = Set.of("unsigned", "valid",
            "key-revoked", "key-not-yet-valid");

    /**
     * What a dossier that verifies holds.
     *
     * @param serverSigned the timeline's entries whose signed statement was made by a server ({@code mode} other than
     *                     {@code personal}), counted from the proved entries themselves, which a dossier cannot hide
     */
    public record Report(String hazardId, int timelineEntries, int provedEntries, long treeSize, String origin,
                         int serverSigned) {
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
        java.util.Objects.requireNonNull(json, "json");
        java.util.Objects.requireNonNull(verifierKeys, "verifierKeys");
        try {
            return check(json, verifierKeys);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new DossierException("a time or date of the dossier is out of range: " + e.getMessage());
        }
    }

    private static Report check(byte[] json, List<String> verifierKeys) throws DossierException {
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
        if (!isLong(d.path("atSize")) || !isLong(d.path("proofs").path("treeSize"))) {
            throw new DossierException("atSize and proofs.treeSize must be whole numbers");
        }
        for (String member : new String[] {"timeline", "stages", "deadlines", "escalations", "inspectionsWithoutAction",
                "flags", "responsibilities"}) {
            if (!d.path(member).isArray()) {
                throw new DossierException(member + " must be an array");
            }
        }
        if (!d.path("proofs").path("entries").isArray()) {
            throw new DossierException("proofs.entries must be an array");
        }
        for (JsonNode f : d.path("flags")) {
            if (!f.path("entries").isArray()) {
                throw new DossierException("flag " + f.path("flagId").asText() + ": entries must be an array");
            }
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
            long index = isLong(e.path("index")) ? e.path("index").asLong() : -1;
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
                    path.add(hash(h));
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
        int withMode = 0;
        for (JsonNode t : d.path("timeline")) {
            withMode += t.has("mode") ? 1 : 0;
        }
        if (withMode != 0 && withMode != d.path("timeline").size()) {
            // a dossier made with the member has it on every item (null where unsigned): one left out of some items
            // would hide that a server made their signatures
            throw new DossierException("the timeline says who made the signatures (mode) for " + withMode + " of its "
                    + d.path("timeline").size() + " items: a dossier says it for every item, or (made before the "
                    + "member was added) for none");
        }
        int serverSigned = 0;
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
            if (!Objects.equals(status, t.path("statusAfter").isTextual() ? t.path("statusAfter").asText()
                    : null)) {
                throw new DossierException("timeline entry " + index + " says the status became " + t.path("statusAfter")
                        + " but a " + type + " makes it " + status);
            }
            JsonNode statement = entry.path("metadata").path("ledgerSignature").path("statement");
            if (!statement.isMissingNode() && !io.hazardledger.integrity.sig.Statement.PERSONAL.equals(
                    statement.path("mode").asText())) {
                serverSigned++;
            }
            for (String member : new String[] {"signerId", "keyId", "claimedAt", "mode"}) {
                if (member.equals("mode") && !t.has("mode")) {
                    continue;   // a dossier made before the member was added (FORMAT.md 16.2): it says nothing of it
                }
                String stored = statement.path(member).isTextual() ? statement.path(member).asText() : null;
                String claimed = t.path(member).isTextual() ? t.path(member).asText() : null;
                if (!Objects.equals(stored, claimed)) {
                    throw new DossierException("timeline entry " + index + " says " + member + " " + claimed
                            + " but the entry's signed statement says " + stored);
                }
            }
            if (statement.isMissingNode() != "unsigned".equals(t.path("signatureStatus").asText())
                    || !SIGNATURE_STATUSES.contains(t.path("signatureStatus").asText())) {
                throw new DossierException("timeline entry " + index + " says its signature is "
                        + t.path("signatureStatus") + " but the entry " + (statement.isMissingNode() ? "carries none"
                        : "carries one"));
            }
            String actor = actorOf(type, entry.path("payload"));
            if (!Objects.equals(actor, text(t.path("actorId")))) {
                throw new DossierException("timeline entry " + index + " says its actor is " + t.path("actorId")
                        + " but the entry's " + type + " names " + actor);
            }
            statuses.add(status);
            timeline.add(new long[] {index, Instant.parse(entry.path("recordedAt").asText()).toEpochMilli()});
            sequence++;
        }
        if (timeline.isEmpty()) {
            throw new DossierException("the timeline is empty: a dossier begins with the hazard's report");
        }
        JsonNode hazard = d.path("hazard");
        long[] first = timeline.get(0);
        long[] last = timeline.get(timeline.size() - 1);
        if (!whole(hazard.path("firstIndex"), first[0]) || !whole(hazard.path("lastIndex"), last[0])
                || !proved.get(last[0]).equals(hazard.path("lastEntryHash").asText())
                || !hazardId.equals(hazard.path("hazardId").asText())) {
            throw new DossierException("the hazard's register row (firstIndex, lastIndex, lastEntryHash) does not "
                    + "match the timeline's first and last entries");
        }
        List<JsonNode> entries = new ArrayList<>();
        for (long[] item : timeline) {
            entries.add(parsed.get(item[0]));
        }
        ZoneId park;
        Instant moment;
        if (d.path("zone").isMissingNode()) {
            throw new DossierException("the dossier names no zone, so its due dates cannot be judged: it was made "
                    + "before dossiers named one; ask the ledger for it again");
        }
        park = DeadlineOutcomes.parse(d.path("zone").isTextual() ? d.path("zone").asText() : null);
        if (park == null) {
            throw new DossierException("zone is not an IANA time zone id nor a fixed offset: " + d.path("zone"));
        }
        // the zone the due dates are judged in is the one the ledger judged them in: each overdue notice and step of
        // the timeline states its due date and the instant it ended, a midnight in the park's zone
        for (JsonNode entry : entries) {
            String type = entry.path("eventType").asText();
            JsonNode p = entry.path("payload");
            if ((type.equals("RectificationOverdue") || type.equals("HazardEscalated")) && p.path("dueDate").isTextual()
                    && p.path("overdueSince").isTextual()) {
                Instant ended = java.time.LocalDate.parse(p.path("dueDate").asText()).plusDays(1).atStartOfDay(park)
                        .toInstant();
                if (!ended.equals(Instant.parse(p.path("overdueSince").asText()))) {
                    throw new DossierException("zone " + d.path("zone") + " is not the one the ledger judged the due "
                            + "dates in: entry " + entry.path("index") + " says the due date " + p.path("dueDate")
                            + " ended at " + p.path("overdueSince") + ", not at " + ended + " (midnight in that zone)");
                }
            }
        }
        try {
            moment = Instant.parse(d.path("moment").asText());
        } catch (DateTimeParseException e) {
            throw new DossierException("moment is not an RFC 3339 time: " + d.path("moment"));
        }
        registerRow(hazard, entries, park, moment);
        stages(d.path("stages"), timeline, statuses, moment, parsed);
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
        // every index cited is a proved entry: what those entries make (check 7)
        deadlines(d.path("deadlines"), entries, proved, park, moment);
        escalations(d.path("escalations"), entries, proved);
        long previousSignOff = -1;
        for (JsonNode q : d.path("inspectionsWithoutAction")) {
            long signOff = q.path("signOffIndex").asLong();
            if (signOff <= previousSignOff) {
                throw new DossierException("the inspection signed off at entry " + signOff + " comes after the one "
                        + "signed off at entry " + previousSignOff + ": inspections are listed once each, in the "
                        + "order of their sign-offs");
            }
            previousSignOff = signOff;
            inspection(q, parsed.get(signOff), signOff, timeline, statuses, hazardId);
        }
        // the entries the dossier shows of the hazard besides its flags: a flag is in it for citing one of them
        Set<Long> shown = new java.util.HashSet<>();
        timeline.forEach(item -> shown.add(item[0]));
        d.path("inspectionsWithoutAction").forEach(q -> shown.add(q.path("signOffIndex").asLong()));
        for (JsonNode r : d.path("responsibilities")) {
            shown.add(r.path("fromIndex").asLong());
            if (isLong(r.path("toIndex"))) {
                shown.add(r.path("toIndex").asLong());
            }
        }
        Set<String> flagIds = new java.util.HashSet<>();
        for (JsonNode f : d.path("flags")) {
            String where = "flag " + f.path("flagId").asText();
            if (!flagIds.add(f.path("flagId").asText())) {
                throw new DossierException(where + " is listed twice");
            }
            flag(f, parsed.get(f.path("raisedAtIndex").asLong()), where);
            for (JsonNode c : f.path("entries")) {
                citedAs(c.path("role").asText(), parsed.get(c.path("index").asLong()), where);
            }
            flagCites(f, parsed, hazardId, shown, where);
            JsonNode ack = f.path("acknowledgement");
            if (!ack.isNull() && !ack.isMissingNode()) {
                acknowledgement(f, ack, parsed.get(ack.path("index").asLong()), where);
            }
        }
        responsibilities(d.path("responsibilities"), entries, parsed);
        return new Report(hazardId, (int) sequence, proved.size(), checkpoint.size(), checkpoint.origin(),
                serverSigned);
    }

    /** The person a hazard event names as acting (FORMAT.md 16.2); null for an overdue notice, which nobody does. */
    public static String actorOf(String type, JsonNode payload) {
        String member = switch (type) {
            case "HazardReported" -> "reportedBy";
            case "RectificationPlanned" -> "plannedBy";
            case "RectificationSubmitted" -> "submittedBy";
            case "RectificationVerified" -> "verifierId";
            case "HazardClosedOut" -> "closedBy";
            case "HazardReopened" -> "reopenedBy";
            case "DeadlineExtended" -> "approverId";
            case "HazardEscalated" -> "issuedBy";
            default -> null;
        };
        return member == null ? null : text(payload.path(member));
    }

    /** A member's string, or null when it is null, missing or not a string. */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }

    /** The register row members that hold a time (compared as instants) and a whole number. */
    private static final Set<String> TIMES = Set.of("foundAt", "reportedAt", "closedAt");
    private static final Set<String> COUNTS = Set.of("submissions", "extensions", "reopenings");

    /**
     * The register row must be the one the timeline's entries make (FORMAT.md 16.5, check 4): the same fold as the
     * register's, from the report on, and {@code overdue} judged on the moment's day in the park's zone. {@code
     * selfReported}, {@code outsideFindingIndex} and {@code selfReportedFirst} are not re-checked: they depend on the
     * directory and on whistleblower reports, which the dossier does not cite.
     */
    private static void registerRow(JsonNode hazard, List<JsonNode> entries, ZoneId park,
                                    Instant moment) throws DossierException {
        if (!entries.get(0).path("eventType").asText().equals("HazardReported")) {
            throw new DossierException("the timeline begins with a " + entries.get(0).path("eventType").asText()
                    + ", not with the hazard's report");
        }
        Map<String, String> row = new LinkedHashMap<>();
        LocalDate submittedOn = null;   // the day in the park on which the latest submission was recorded
        for (JsonNode entry : entries) {
            JsonNode p = entry.path("payload");
            String recorded = entry.path("recordedAt").asText();
            switch (entry.path("eventType").asText()) {
                case "HazardReported" -> {
                    for (String m : new String[] {"enterpriseId", "level", "source", "criterionRef", "category",
                            "location", "description", "foundAt", "reportedBy"}) {
                        row.put(m, text(p.path(m)));
                    }
                    row.put("status", "REPORTED");
                    row.put("reportedAt", recorded);
                    for (String m : new String[] {"ownerId", "dueDate", "funding", "lastSubmittedBy", "lastVerifierId",
                            "closedAt"}) {
                        row.put(m, null);
                    }
                    row.put("submissions", "0");
                    row.put("extensions", "0");
                    row.put("reopenings", "0");
                }
                case "RectificationPlanned" -> {
                    row.put("status", "RECTIFICATION_PLANNED");
                    row.put("ownerId", text(p.path("ownerId")));
                    row.put("dueDate", text(p.path("dueDate")));
                    row.put("funding", text(p.path("funding")));
                }
                case "RectificationSubmitted" -> {
                    row.put("status", "RECTIFICATION_SUBMITTED");
                    row.put("submissions", p.path("submissionNo").asText());
                    row.put("lastSubmittedBy", text(p.path("submittedBy")));
                    submittedOn = LocalDate.ofInstant(Instant.parse(recorded), park);
                }
                case "RectificationVerified" -> {
                    row.put("status", p.path("passed").asBoolean() ? "VERIFIED" : "RECTIFICATION_PLANNED");
                    row.put("lastVerifierId", text(p.path("verifierId")));
                }
                case "HazardClosedOut" -> {
                    row.put("status", "CLOSED");
                    row.put("closedAt", recorded);
                }
                case "HazardReopened" -> {
                    row.put("status", "REPORTED");
                    row.put("closedAt", null);
                    row.put("ownerId", null);
                    row.put("dueDate", null);
                    row.put("funding", null);
                    row.put("reopenings", String.valueOf(Long.parseLong(row.get("reopenings")) + 1));
                    submittedOn = null;
                }
                case "DeadlineExtended" -> {
                    row.put("dueDate", text(p.path("newDueDate")));
                    row.put("extensions", String.valueOf(Long.parseLong(row.get("extensions")) + 1));
                }
                default -> {
                    // an overdue notice or an escalation changes only the row's latest entry
                }
            }
        }
        // overdue (section 8.1): a due date before the moment's day in the park, and the rectification planned, or
        // awaiting the verification of a submission recorded after the due date's end (on a later day in the park)
        String due = row.get("dueDate");
        String status = row.get("status");
        boolean overdue = due != null && dateBefore(due, LocalDate.ofInstant(moment, park))
                && ("RECTIFICATION_PLANNED".equals(status) || "RECTIFICATION_SUBMITTED".equals(status)
                && submittedOn != null && dateBefore(due, submittedOn));
        if (!hazard.path("overdue").isBoolean() || hazard.path("overdue").asBoolean() != overdue) {
            throw new DossierException("the hazard's register row says overdue " + hazard.path("overdue") + " but its "
                    + "timeline's entries make " + overdue + " on " + LocalDate.ofInstant(moment, park)
                    + " in " + park);
        }
        for (Map.Entry<String, String> m : row.entrySet()) {
            JsonNode claimed = hazard.path(m.getKey());
            String want = m.getValue();
            boolean same = want == null ? claimed.isNull()
                    : TIMES.contains(m.getKey()) ? sameInstant(claimed,
                            TextNode.valueOf(want))
                    : COUNTS.contains(m.getKey()) ? isLong(claimed) && claimed.asText().equals(want)
                    : claimed.isTextual() && claimed.asText().equals(want);
            if (!same) {
                throw new DossierException("the hazard's register row says " + m.getKey() + " " + claimed
                        + " but its timeline's entries make " + (want == null ? "null" : want));
            }
        }
    }

    private static boolean dateBefore(String date, LocalDate day) throws DossierException {
        try {
            return LocalDate.parse(date).isBefore(day);
        } catch (DateTimeParseException e) {
            throw new DossierException("the due date " + date + " of the timeline's entries is not a date");
        }
    }

    /** Whether a claimed member is this whole number (a JSON integer, not {@code 5.0}). */
    private static boolean whole(JsonNode claimed, long value) {
        return isLong(claimed) && claimed.asLong() == value;
    }

    /** A JSON integer that a long holds (a larger one would wrap). */
    private static boolean isLong(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong();
    }

    /** Whether a claimed member says what the entry does: the same string, or both null. */
    private static boolean says(JsonNode claimed, String value) {
        return value == null ? claimed.isNull() : claimed.isTextual() && claimed.asText().equals(value);
    }

    /**
     * The due dates must be those the timeline's plans and extensions set, in order, each with its entry's date,
     * setter, previous date and reason, and the outcome FORMAT.md 16.3 gives it, judged with the recorded times as
     * the clock, in the dossier's {@code zone}, up to its {@code moment}.
     */
    private static void deadlines(JsonNode deadlines, List<JsonNode> entries, Map<Long, String> proved,
                                  ZoneId park, Instant moment) throws DossierException {
        DeadlineOutcomes outcomes =
                new DeadlineOutcomes(park);
        List<HazardDossier.Deadline> made;
        try {
            for (JsonNode e : entries) {
                long index = e.path("index").asLong();
                outcomes.accept(index, proved.get(index), e);
            }
            made = outcomes.at(moment);
        } catch (DateTimeParseException e) {
            throw new DossierException("a due date or time of the timeline's entries does not parse: "
                    + e.getParsedString());
        }
        if (deadlines.size() != made.size()) {
            throw new DossierException("the dossier lists " + deadlines.size() + " due dates; its timeline sets "
                    + made.size());
        }
        for (int i = 0; i < made.size(); i++) {
            HazardDossier.Deadline m = made.get(i);
            JsonNode dl = deadlines.get(i);
            boolean same = dl.path("setIndex").asLong(-1) == m.setIndex() && says(dl.path("kind"), m.kind())
                    && says(dl.path("dueDate"), m.dueDate().toString()) && says(dl.path("setBy"), m.setBy())
                    && says(dl.path("previousDueDate"), m.previousDueDate() == null ? null
                            : m.previousDueDate().toString())
                    && says(dl.path("reason"), m.reason()) && says(dl.path("outcome"), m.outcome())
                    && (m.outcomeIndex() == null ? dl.path("outcomeIndex").isNull()
                            : dl.path("outcomeIndex").asLong(-1) == m.outcomeIndex());
            if (!same) {
                throw new DossierException("due date " + i + " (set at entry " + dl.path("setIndex") + ", "
                        + dl.path("outcome") + ") is not what the entries make: " + m.kind() + " " + m.dueDate()
                        + " set at entry " + m.setIndex() + " by " + m.setBy() + ", " + m.outcome()
                        + (m.outcomeIndex() == null ? "" : " at entry " + m.outcomeIndex()) + " (in " + park + ")");
            }
        }
    }

    /** The escalations must be the timeline's {@code HazardEscalated} entries, each with its step, time and issuer. */
    private static void escalations(JsonNode escalations, List<JsonNode> entries, Map<Long, String> proved)
            throws DossierException {
        List<JsonNode> escalated = entries.stream()
                .filter(e -> e.path("eventType").asText().equals("HazardEscalated")).toList();
        if (escalations.size() != escalated.size()) {
            throw new DossierException("the dossier lists " + escalations.size() + " escalations; its timeline holds "
                    + escalated.size());
        }
        for (int i = 0; i < escalated.size(); i++) {
            JsonNode e = escalated.get(i);
            JsonNode claimed = escalations.get(i);
            long index = e.path("index").asLong();
            boolean same = whole(claimed.path("index"), index)
                    && says(claimed.path("entryHash"), proved.get(index))
                    && says(claimed.path("step"), text(e.path("payload").path("step")))
                    && says(claimed.path("by"), text(e.path("payload").path("issuedBy")))
                    && sameInstant(claimed.path("at"), e.path("recordedAt"));
            if (!same) {
                throw new DossierException("escalation " + i + " is not what entry " + index + " records: its step, "
                        + "time and issuer");
            }
        }
    }

    /**
     * An inspection that did not act must cite its sign-off, by the inspector it names, when it was recorded, and
     * while the hazard was open: after an entry that made it {@code REPORTED} from nothing or from {@code CLOSED},
     * before the next close-out.
     */
    private static void inspection(JsonNode q, JsonNode signOff, long index, List<long[]> timeline,
                                   List<String> statuses, String hazardId) throws DossierException {
        JsonNode p = signOff.path("payload");
        for (JsonNode failed : p.path("failedItems")) {
            if (hazardId.equals(text(failed.path("hazardId")))) {
                throw new DossierException("inspection " + q.path("inspectionId") + " is listed as not acting on the "
                        + "hazard, but its sign-off (entry " + index + ") records item " + failed.path("itemNo")
                        + " as raising it");
            }
        }
        if (!signOff.path("eventType").asText().equals("InspectionSignedOff")
                || !says(q.path("inspectionId"), text(p.path("inspectionId")))
                || !says(q.path("inspectorId"), text(p.path("inspectorId")))
                || !sameInstant(q.path("signedOffAt"), signOff.path("recordedAt"))) {
            throw new DossierException("inspection " + q.path("inspectionId") + " cites entry " + index + ", which is "
                    + "not its sign-off by inspector " + q.path("inspectorId") + " at " + q.path("signedOffAt"));
        }
        String before = null;
        long openedAt = -1;
        for (int i = 0; i < timeline.size(); i++) {
            String now = statuses.get(i);
            if (!now.equals(before)) {
                if (now.equals("CLOSED")) {
                    if (index > openedAt && index < timeline.get(i)[0]) {
                        return;
                    }
                    openedAt = -1;
                } else if (before == null || before.equals("CLOSED")) {
                    openedAt = timeline.get(i)[0];
                }
            }
            before = now;
        }
        if (openedAt < 0 || index <= openedAt) {
            throw new DossierException("inspection " + q.path("inspectionId") + " was signed off at entry " + index
                    + ", while the hazard was not open");
        }
    }

    /**
     * The reporter's and the owners' responsibilities must be those the timeline makes, in order (the reporter from
     * the report; each owner from the plan that named them to the next plan, close-out or reopening); each principal's
     * must be a {@code PrincipalAppointed} entry of the hazard's enterprise naming them, up to the next such entry.
     * Every one's times are its entries' recorded times.
     */
    private static void responsibilities(JsonNode responsibilities, List<JsonNode> entries,
                                         Map<Long, JsonNode> parsed) throws DossierException {
        List<Object[]> made = new ArrayList<>(); // role, person, from index, to index (null: ongoing)
        Object[] owner = null;
        for (JsonNode e : entries) {
            long index = e.path("index").asLong();
            JsonNode p = e.path("payload");
            switch (e.path("eventType").asText()) {
                case "HazardReported" -> made.add(new Object[] {"reporter", text(p.path("reportedBy")), index, null});
                case "RectificationPlanned", "HazardClosedOut", "HazardReopened" -> {
                    if (owner != null) {
                        owner[3] = index;
                        owner = null;
                    }
                    if (e.path("eventType").asText().equals("RectificationPlanned")) {
                        owner = new Object[] {"owner", text(p.path("ownerId")), index, null};
                        made.add(owner);
                    }
                }
                default -> {
                    // no responsibility begins or ends here
                }
            }
        }
        String enterprise = text(entries.get(0).path("payload").path("enterpriseId"));
        int k = 0;
        for (JsonNode r : responsibilities) {
            String role = r.path("role").asText();
            long from = r.path("fromIndex").asLong();
            Long to = r.path("toIndex").isNull() ? null : r.path("toIndex").asLong();
            boolean same;
            if (role.equals("principal")) {
                JsonNode appointed = parsed.get(from);
                JsonNode next = to == null ? null : parsed.get(to);
                same = isAppointment(appointed, enterprise)
                        && says(r.path("personId"), text(appointed.path("payload").path("personId")))
                        && (next == null || isAppointment(next, enterprise) && to > from);
            } else {
                Object[] m = k < made.size() ? made.get(k++) : null;
                same = m != null && m[0].equals(role) && says(r.path("personId"), (String) m[1])
                        && from == (long) m[2] && Objects.equals(to, m[3]);
            }
            same = same && sameInstant(r.path("from"), parsed.get(from).path("recordedAt"))
                    && (to == null ? r.path("to").isNull()
                            : sameInstant(r.path("to"), parsed.get(to).path("recordedAt")));
            if (!same) {
                throw new DossierException("the " + role + " responsibility of " + r.path("personId") + " from entry "
                        + from + " is not what the entries make: its person, its entries and their times");
            }
        }
        if (k != made.size()) {
            throw new DossierException("the dossier lists " + k + " reporter and owner responsibilities; its timeline "
                    + "makes " + made.size());
        }
        // the principals follow one another: each to the next appointment, the last still in force, the first in
        // force when the hazard was reported
        Long next = null;
        long reported = entries.get(0).path("index").asLong();
        List<JsonNode> principals = new ArrayList<>();
        responsibilities.forEach(r -> {
            if (r.path("role").asText().equals("principal")) {
                principals.add(r);
            }
        });
        for (int i = principals.size() - 1; i >= 0; i--) {
            JsonNode r = principals.get(i);
            Long to = r.path("toIndex").isNull() ? null : r.path("toIndex").asLong();
            if (!Objects.equals(to, next) || i == 0 && to != null && to <= reported) {
                throw new DossierException("the principal responsibility of " + r.path("personId") + " from entry "
                        + r.path("fromIndex") + " does not end at the next appointment listed ("
                        + (next == null ? "none: it is the last" : "entry " + next) + ")" + (i == 0
                        ? ", or the first ended before the hazard was reported" : ""));
            }
            next = r.path("fromIndex").asLong();
        }
    }

    private static boolean isAppointment(JsonNode entry, String enterprise) {
        return entry.path("eventType").asText().equals("PrincipalAppointed")
                && enterprise != null && enterprise.equals(text(entry.path("payload").path("enterpriseId")));
    }

    /**
     * A flag's rule must be one of FLAGS.md's, with that rule's severity and version; its id names its rule's code
     * and the entry that raised it, and its {@code raisedAt} is that entry's recorded time.
     */
    private static void flag(JsonNode f, JsonNode raisedBy, String where) throws DossierException {
        FlagRule rule;
        try {
            rule = FlagRule.valueOf(f.path("rule").asText());
        } catch (IllegalArgumentException e) {
            throw new DossierException(where + ": no flag rule is named " + f.path("rule"));
        }
        String id = f.path("flagId").asText();
        String prefix = rule.code() + ":" + raisedBy.path("index").asLong() + ".";
        if (!says(f.path("severity"), rule.severity().name()) || !whole(f.path("ruleVersion"), rule.version())
                || !id.startsWith(prefix) || !id.substring(prefix.length()).matches("[0-9]+")
                || !sameInstant(f.path("raisedAt"), raisedBy.path("recordedAt"))) {
            throw new DossierException(where + " is not a flag of rule " + rule + " (severity " + rule.severity()
                    + ", version " + rule.version() + ") raised by entry " + raisedBy.path("index")
                    + " at its recorded time " + raisedBy.path("recordedAt")
                    + ", as its id, severity, version and raisedAt must say");
        }
    }

    /** The event types a flag's cited entry has in each role (FLAGS.md); a {@code signed-act} is any signed entry. */
    private static final Map<String, String> ROLES = Map.of("report", "HazardReported", "plan", "RectificationPlanned",
            "extension", "DeadlineExtended", "submission", "RectificationSubmitted", "verification",
            "RectificationVerified", "close-out", "HazardClosedOut", "revocation", "KeyRevoked");

    private static void citedAs(String role, JsonNode entry, String where) throws DossierException {
        boolean fits = role.equals("signed-act") ? entry.path("metadata").has("ledgerSignature")
                : entry.path("eventType").asText().equals(ROLES.get(role));
        if (!fits) {
            throw new DossierException(where + " cites entry " + entry.path("index") + " as its " + role + ", but it "
                    + "is a " + entry.path("eventType").asText());
        }
    }

    /** The rules whose flags cite the entries of one hazard only (FLAGS.md, "cites"). */
    private static final Set<FlagRule> ONE_HAZARD = java.util.EnumSet.of(FlagRule.AFTER_EQUALS_BEFORE,
            FlagRule.EVIDENCE_BEFORE_FACT, FlagRule.VERIFIED_WITHOUT_EVIDENCE, FlagRule.VERIFIER_INVOLVED,
            FlagRule.CLOSED_WITHOUT_PASSED_VERIFICATION, FlagRule.LAST_MINUTE_CLOSURE, FlagRule.REPEATED_EXTENSIONS);

    /**
     * What a flag's rule lets it cite (FLAGS.md): each entry once, in index order, none after the entry that raised
     * it, that entry among them (but for SILENT_SELF_INSPECTION, raised by the first entry of a later quarter), the
     * roles its rule cites, the entries of this dossier's hazard alone for a rule about one hazard (of two hazards for
     * RECURRENCE and EVIDENCE_REUSED), and at least one entry the dossier shows otherwise: a flag is in a hazard's
     * dossier for citing one of its entries. The acknowledgement comes after the flag was raised.
     */
    private static void flagCites(JsonNode f, Map<Long, JsonNode> parsed, String hazardId, Set<Long> shown,
                                  String where) throws DossierException {
        FlagRule rule = FlagRule.valueOf(f.path("rule").asText());   // flag(...) checked that it names one
        long raisedAt = f.path("raisedAtIndex").asLong();
        List<String> roles = new ArrayList<>();
        List<JsonNode> cited = new ArrayList<>();
        long previous = -1;
        boolean raisedCited = false;
        boolean showsOne = false;
        for (JsonNode c : f.path("entries")) {
            long index = c.path("index").asLong();
            if (index <= previous) {
                throw new DossierException(where + " cites entry " + index + " after entry " + previous + ": a flag "
                        + "cites each entry once, in index order");
            }
            if (index > raisedAt || (index == raisedAt && rule == FlagRule.SILENT_SELF_INSPECTION)) {
                throw new DossierException(where + " cites entry " + index + ", which is not before the entry "
                        + raisedAt + " that raised it");
            }
            previous = index;
            raisedCited |= index == raisedAt;
            showsOne |= shown.contains(index);
            roles.add(c.path("role").asText());
            cited.add(parsed.get(index));
        }
        if (!raisedCited && rule != FlagRule.SILENT_SELF_INSPECTION) {
            throw new DossierException(where + " does not cite entry " + raisedAt + ", which raised it: a " + rule
                    + " flag cites the entry that raises it");
        }
        String expected = roles(rule, roles);
        if (expected != null) {
            throw new DossierException(where + " cites its entries as " + roles + ", but a " + rule + " flag cites "
                    + expected);
        }
        if (!showsOne) {
            throw new DossierException(where + " cites no entry that the dossier shows of hazard " + hazardId
                    + " (its timeline, its principals, its inspections): it is not a flag of this hazard");
        }
        if (ONE_HAZARD.contains(rule)) {
            for (JsonNode e : cited) {
                if (!hazardId.equals(e.path("aggregateId").asText())) {
                    throw new DossierException(where + " cites entry " + e.path("index") + " of "
                            + e.path("aggregateId") + ", but a " + rule + " flag cites the entries of one hazard, this "
                            + "dossier's " + hazardId);
                }
            }
        } else if ((rule == FlagRule.RECURRENCE || rule == FlagRule.EVIDENCE_REUSED)
                && cited.get(0).path("aggregateId").asText().equals(cited.get(1).path("aggregateId").asText())) {
            throw new DossierException(where + " cites two entries of one hazard, " + cited.get(0).path("aggregateId")
                    + ", but a " + rule + " flag compares two hazards");
        }
        JsonNode ack = f.path("acknowledgement");
        if (!ack.isNull() && !ack.isMissingNode() && ack.path("index").asLong() <= raisedAt) {
            throw new DossierException("the acknowledgement of " + where + " (entry " + ack.path("index") + ") is "
                    + "not after the entry " + raisedAt + " that raised the flag");
        }
    }

    /** The roles a rule's flag cites, in index order, as FLAGS.md gives them; null when {@code roles} are those. */
    private static String roles(FlagRule rule, List<String> roles) {
        int n = roles.size();
        String last = n == 0 ? "" : roles.get(n - 1);
        boolean all = switch (rule) {
            case AFTER_EQUALS_BEFORE, EVIDENCE_BEFORE_FACT -> roles.equals(List.of("report", "submission"));
            case VERIFIED_WITHOUT_EVIDENCE -> roles.equals(List.of("submission", "verification"));
            case VERIFIER_INVOLVED -> n >= 2 && last.equals("verification") && roles.subList(0, n - 1).stream()
                    .allMatch(r -> r.equals("report") || r.equals("plan") || r.equals("submission"))
                    && roles.stream().distinct().count() == n;
            case CLOSED_WITHOUT_PASSED_VERIFICATION -> roles.equals(List.of("close-out"))
                    || roles.equals(List.of("submission", "close-out"))
                    || roles.equals(List.of("submission", "verification", "close-out"));
            case LAST_MINUTE_CLOSURE -> n == 3 && last.equals("close-out") && roles.contains("submission")
                    && (roles.contains("plan") != roles.contains("extension"));
            case REPEATED_EXTENSIONS -> n >= 1 && roles.stream().allMatch("extension"::equals);
            case CLOSURE_BURST -> n >= 1 && roles.stream().allMatch("close-out"::equals);
            case RECURRENCE -> roles.equals(List.of("close-out", "report"));
            case EVIDENCE_REUSED -> n == 2 && roles.stream().allMatch(r -> r.equals("report")
                    || r.equals("submission"));
            case KEY_NOT_VALID -> roles.equals(List.of("signed-act")) || n == 2 && roles.contains("signed-act")
                    && roles.contains("revocation");
            case CLAIMED_TIME_FAR -> roles.equals(List.of("signed-act"));
            case SILENT_SELF_INSPECTION -> n >= 1 && roles.stream().allMatch("report"::equals);
        };
        if (all) {
            return null;
        }
        return switch (rule) {
            case AFTER_EQUALS_BEFORE, EVIDENCE_BEFORE_FACT -> "[report, submission]";
            case VERIFIED_WITHOUT_EVIDENCE -> "[submission, verification]";
            case VERIFIER_INVOLVED -> "the verification, after one or more of the report, plan and submission";
            case CLOSED_WITHOUT_PASSED_VERIFICATION -> "the close-out, after its submission and verification where "
                    + "they exist";
            case LAST_MINUTE_CLOSURE -> "the plan or extension that set the deadline, the submission and then the "
                    + "close-out";
            case REPEATED_EXTENSIONS -> "extensions only";
            case CLOSURE_BURST -> "close-outs only";
            case RECURRENCE -> "[close-out, report]";
            case EVIDENCE_REUSED -> "two reports or submissions";
            case KEY_NOT_VALID -> "the signed act, and the revocation where one voids it";
            case CLAIMED_TIME_FAR -> "[signed-act]";
            case SILENT_SELF_INSPECTION -> "reports only";
        };
    }

    /** An acknowledgement must be a {@code FlagAcknowledged} entry of this flag, by the person, reason, time given. */
    private static void acknowledgement(JsonNode f, JsonNode ack, JsonNode entry, String where)
            throws DossierException {
        JsonNode p = entry.path("payload");
        if (!entry.path("eventType").asText().equals("FlagAcknowledged")
                || !says(f.path("flagId"), text(p.path("flagId")))
                || !says(ack.path("acknowledgedBy"), text(p.path("acknowledgedBy")))
                || !says(ack.path("reason"), text(p.path("reason")))
                || !sameInstant(ack.path("at"), entry.path("recordedAt"))) {
            throw new DossierException("the acknowledgement of " + where + " is not what entry " + entry.path("index")
                    + " records: a FlagAcknowledged of this flag, by whom, why and when");
        }
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
    private static void stages(JsonNode stages, List<long[]> timeline, List<String> statuses, Instant moment,
                               Map<Long, JsonNode> parsed) throws DossierException {
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
        long momentMillis = moment.toEpochMilli();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode s = stages.get(i);
            long[] e = expected.get(i);
            boolean ongoing = e[1] < 0;
            long seconds = ongoing ? (names.get(i).equals("CLOSED") ? 0 : Math.max(0, (momentMillis - e[2]) / 1000))
                    : (e[3] - e[2]) / 1000;
            boolean same = names.get(i).equals(s.path("status").asText()) && whole(s.path("fromIndex"), e[0])
                    && (ongoing ? s.path("toIndex").isNull() : whole(s.path("toIndex"), e[1]))
                    && isLong(s.path("seconds")) && Math.abs(s.path("seconds").asLong() - seconds) <= 1
                    && sameInstant(s.path("from"), parsed.get(e[0]).path("recordedAt"))
                    && (ongoing ? s.path("to").isNull()
                            : sameInstant(s.path("to"), parsed.get(e[1]).path("recordedAt")));
            if (!same) {
                throw new DossierException("stage " + i + " (" + s.path("status").asText() + " from entry "
                        + s.path("fromIndex") + ") is not what the timeline makes: " + names.get(i) + " from entry "
                        + e[0] + (ongoing ? ", ongoing" : " to entry " + e[1]) + ", " + seconds + " s, from and to"
                        + " the times those entries were recorded");
            }
        }
    }

    /** A proof's hash: 32 bytes in standard, padded base64 (FORMAT.md 16.1), else IllegalArgumentException. */
    private static byte[] hash(JsonNode h) {
        byte[] bytes = Base64.getDecoder().decode(h.asText());
        if (!h.isTextual() || bytes.length != 32 || !Base64.getEncoder().encodeToString(bytes).equals(h.asText())) {
            throw new IllegalArgumentException("a hash is not 32 bytes in padded base64: " + h);
        }
        return bytes;
    }

    private static boolean sameInstant(JsonNode a, JsonNode b) {
        try {
            return Instant.parse(a.asText()).equals(Instant.parse(b.asText()));
        } catch (DateTimeParseException e) {
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
            if (!isLong(index)) {
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
        try {
            return Checkpoint.verified(note, keys);
        } catch (InvalidSignatureException e) {
            throw new DossierException("the checkpoint does not verify: " + e.getMessage());
        }
    }

}
