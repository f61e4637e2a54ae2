package io.hazardledger.dossier.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.Ledger;
import io.hazardledger.LedgerPosition;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.dossier.HazardDossier;
import io.hazardledger.dossier.HazardDossier.Deadline;
import io.hazardledger.dossier.HazardDossier.ProvenEntry;
import io.hazardledger.dossier.HazardDossier.QuietInspection;
import io.hazardledger.dossier.HazardDossier.Responsibility;
import io.hazardledger.dossier.HazardDossier.Stage;
import io.hazardledger.dossier.HazardDossier.TimelineEvent;
import io.hazardledger.flags.CitedEntry;
import io.hazardledger.flags.FlagQuery;
import io.hazardledger.flags.IntegrityFlag;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.inspection.InspectionRecord;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.log.Checkpoints;
import io.hazardledger.register.HazardSummary;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.signing.SignedAct;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a {@link HazardDossier} from the ledger's public questions (register, trails, flags, inspections, directory)
 * asked as of one position, and the entries' own bytes: the timeline is read from the entries themselves, as an
 * outside verifier of the dossier sees them.
 */
public final class DossierBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger;
    private final ZoneId zone;

    public DossierBuilder(Ledger ledger, ZoneId zone) {
        this.ledger = ledger;
        this.zone = zone;
    }

    /** @throws UnknownReferenceException when the hazard was not reported among the position's entries */
    public HazardDossier build(String hazardId, LedgerPosition at) {
        HazardSummary hazard = ledger.register().get(hazardId, at)
                .orElseThrow(() -> new UnknownReferenceException("hazardId", hazardId, "hazard"));
        List<HistoryEntry> history = ledger.register().history(hazardId, at);
        Map<Long, SignedAct> acts = new HashMap<>();
        for (SignedAct a : ledger.trail().responsibilityFor(hazardId, at)) {
            acts.put(a.index(), a);
        }
        Map<String, String> names = new HashMap<>();
        Set<Long> cited = new TreeSet<>();

        List<TimelineEvent> timeline = new ArrayList<>();
        List<io.hazardledger.dossier.HazardDossier.Escalation> escalations = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        DeadlineOutcomes deadlines = new DeadlineOutcomes(zone);
        List<Responsibility> responsibilities = new ArrayList<>();
        List<long[]> openSpans = new ArrayList<>(); // [from index, to index or -1] while reported and not closed
        HazardStatus status = null;
        Responsibility owner = null;
        for (HistoryEntry h : history) {
            JsonNode entry = parse(h.entryJson());
            JsonNode p = entry.path("payload");
            Instant recorded = Instant.parse(entry.path("recordedAt").asText());
            deadlines.accept(h.index(), h.entryHash(), entry);
            HazardStatus before = status;
            String actor;
            String detail;
            switch (h.eventType()) {
                case "HazardReported" -> {
                    actor = p.path("reportedBy").asText();
                    status = HazardStatus.REPORTED;
                    detail = p.path("level").asText() + " hazard, " + p.path("category").asText() + " at "
                            + p.path("location").asText() + ": " + p.path("description").asText()
                            + " (found " + p.path("foundAt").asText() + ", source " + p.path("source").asText() + ")";
                    responsibilities.add(new Responsibility("reporter", actor, name(names, actor), h.index(), recorded,
                            null, null));
                }
                case "RectificationPlanned" -> {
                    actor = p.path("plannedBy").asText();
                    status = HazardStatus.RECTIFICATION_PLANNED;
                    String ownerId = p.path("ownerId").asText();
                    detail = "owner " + ownerId + ", due " + p.path("dueDate").asText() + ": "
                            + p.path("measures").asText();
                    owner = replaceOwner(responsibilities, owner, h.index(), recorded);
                    owner = new Responsibility("owner", ownerId, name(names, ownerId), h.index(), recorded, null, null);
                    responsibilities.add(owner);
                }
                case "RectificationSubmitted" -> {
                    actor = p.path("submittedBy").asText();
                    status = HazardStatus.RECTIFICATION_SUBMITTED;
                    detail = "submission " + p.path("submissionNo").asText() + " with " + p.path("evidence").size()
                            + " evidence file(s): " + p.path("summary").asText();
                }
                case "RectificationVerified" -> {
                    actor = p.path("verifierId").asText();
                    boolean passed = p.path("passed").asBoolean();
                    status = passed ? HazardStatus.VERIFIED : HazardStatus.RECTIFICATION_PLANNED;
                    detail = (passed ? "passed" : "failed") + " (submission " + p.path("submissionNo").asText() + "): "
                            + p.path("remarks").asText();
                }
                case "HazardClosedOut" -> {
                    actor = p.path("closedBy").asText();
                    status = HazardStatus.CLOSED;
                    detail = "closed out: " + p.path("remarks").asText();
                    owner = replaceOwner(responsibilities, owner, h.index(), recorded);
                }
                case "HazardReopened" -> {
                    actor = p.path("reopenedBy").asText();
                    status = HazardStatus.REPORTED;
                    detail = "reopened: " + p.path("reason").asText();
                    owner = replaceOwner(responsibilities, owner, h.index(), recorded);
                }
                case "DeadlineExtended" -> {
                    actor = p.path("approverId").asText();
                    detail = "due date moved from " + p.path("previousDueDate").asText() + " to "
                            + p.path("newDueDate").asText() + ": " + p.path("reason").asText();
                }
                case "RectificationOverdue" -> {
                    actor = null;
                    detail = "overdue notice: due " + p.path("dueDate").asText() + " (ended "
                            + p.path("overdueSince").asText() + ")";
                }
                case "HazardEscalated" -> {
                    actor = p.path("issuedBy").asText();
                    escalations.add(new io.hazardledger.dossier.HazardDossier.Escalation(p.path("step").asText(),
                            h.index(), h.entryHash(), recorded, actor));
                    detail = "escalated, step " + p.path("stepNo").asInt() + ": " + p.path("step").asText()
                            + " (overdue since " + p.path("overdueSince").asText() + ")";
                }
                default -> {
                    actor = null;
                    detail = h.eventType();
                }
            }
            cited.add(h.index());
            SignedAct act = acts.get(h.index());
            boolean signed = act != null && act.signerId() != null;
            timeline.add(new TimelineEvent(h.index(), h.entryHash(), h.eventType(), recorded, status, actor,
                    actor == null ? null : name(names, actor), detail, signed ? act.signerId() : null,
                    signed ? act.keyId() : null, signed ? act.claimedAt() : null, signed ? act.mode() : null,
                    act == null ? "unsigned" : act.status()));
            if (status != before) {
                if (!stages.isEmpty()) {
                    Stage last = stages.remove(stages.size() - 1);
                    stages.add(new Stage(last.status(), last.fromIndex(), last.from(), h.index(), recorded,
                            Duration.between(last.from(), recorded).toSeconds()));
                }
                stages.add(new Stage(status, h.index(), recorded, null, null, 0));
                if (status == HazardStatus.CLOSED) {
                    openSpans.get(openSpans.size() - 1)[1] = h.index();
                } else if (before == null || before == HazardStatus.CLOSED) {
                    openSpans.add(new long[] {h.index(), -1});
                }
            }
        }
        List<Deadline> due = deadlines.at(at.moment());
        if (!stages.isEmpty() && stages.get(stages.size() - 1).status() != HazardStatus.CLOSED) {
            Stage last = stages.remove(stages.size() - 1);
            stages.add(new Stage(last.status(), last.fromIndex(), last.from(), null, null,
                    Math.max(0, Duration.between(last.from(), at.moment()).toSeconds())));
        }
        principals(hazard.enterpriseId(), at, responsibilities, names, cited, timeline);
        List<QuietInspection> quiet = quietInspections(hazard, at, openSpans, cited);
        List<IntegrityFlag> flags = flags(hazardId, at, cited);
        String enterpriseName = ledger.directory().enterprise(hazard.enterpriseId()).map(e -> e.name()).orElse(null);
        return new HazardDossier(HazardDossier.FORMAT, hazardId, at.size(), at.moment(), DeadlineOutcomes.idOf(zone), hazard,
                enterpriseName,
                List.copyOf(timeline), List.copyOf(stages), due, List.copyOf(escalations), quiet, flags, List.copyOf(responsibilities),
                proofs(cited, at.size()));
    }

    /** Ends the current owner's responsibility at this entry; returns null (no owner). */
    private static Responsibility replaceOwner(List<Responsibility> all, Responsibility owner, long index, Instant at) {
        if (owner != null) {
            all.set(all.indexOf(owner), new Responsibility(owner.role(), owner.personId(), owner.name(),
                    owner.fromIndex(), owner.from(), index, at));
        }
        return null;
    }

    /**
     * The enterprise's principal responsible person at each moment of the hazard's life: the appointment in force
     * when it was reported, and each later one up to the position.
     */
    private void principals(String enterpriseId, LedgerPosition at, List<Responsibility> out, Map<String, String> names,
                            Set<Long> cited, List<TimelineEvent> timeline) {
        if (timeline.isEmpty()) {
            return;
        }
        long reported = timeline.get(0).index();
        Responsibility current = null;
        List<Responsibility> principals = new ArrayList<>();
        for (HistoryEntry h : ledger.register().history(enterpriseId, at)) {
            if (!h.eventType().equals("PrincipalAppointed")) {
                continue;
            }
            JsonNode entry = parse(h.entryJson());
            Instant recorded = Instant.parse(entry.path("recordedAt").asText());
            String person = entry.path("payload").path("personId").asText();
            if (current != null) {
                principals.set(principals.size() - 1, new Responsibility("principal", current.personId(), current.name(),
                        current.fromIndex(), current.from(), h.index(), recorded));
                if (h.index() < reported) {
                    principals.remove(principals.size() - 1); // replaced before the hazard was reported
                    cited.remove(current.fromIndex());
                }
            }
            current = new Responsibility("principal", person, name(names, person), h.index(), recorded, null, null);
            principals.add(current);
            cited.add(h.index());
        }
        out.addAll(principals);
    }

    private List<QuietInspection> quietInspections(HazardSummary hazard, LedgerPosition at, List<long[]> openSpans,
                                                   Set<Long> cited) {
        List<QuietInspection> out = new ArrayList<>();
        for (InspectionRecord inspection : ledger.inspections().inspections(hazard.enterpriseId())) {
            if (inspection.firstIndex() >= at.size()) {
                continue;
            }
            HistoryEntry signOff = ledger.register().history(inspection.inspectionId(), at).stream()
                    .filter(h -> h.eventType().equals("InspectionSignedOff")).findFirst().orElse(null);
            if (signOff == null || !withinOpenSpan(signOff.index(), openSpans)) {
                continue;
            }
            boolean acted = inspection.items().stream().anyMatch(i -> hazard.hazardId().equals(i.hazardId()));
            if (acted) {
                continue;
            }
            List<String> passedSame = inspection.items().stream()
                    .filter(i -> i.result() == ItemResult.PASS && hazard.criterionRef() != null
                            && hazard.criterionRef().equals(i.criterionRef()))
                    .map(InspectionRecord.Item::itemNo).toList();
            JsonNode entry = parse(signOff.entryJson());
            out.add(new QuietInspection(inspection.inspectionId(), inspection.checklist(), inspection.inspectorId(),
                    inspection.leaderLed(), signOff.index(), signOff.entryHash(),
                    Instant.parse(entry.path("recordedAt").asText()), passedSame));
            cited.add(signOff.index());
        }
        out.sort(java.util.Comparator.comparingLong(QuietInspection::signOffIndex));
        return List.copyOf(out);
    }

    private static boolean withinOpenSpan(long index, List<long[]> spans) {
        for (long[] s : spans) {
            if (index > s[0] && (s[1] < 0 || index < s[1])) {
                return true;
            }
        }
        return false;
    }

    /** The flags about the hazard, and those about people or its enterprise that cite one of its entries. */
    private List<IntegrityFlag> flags(String hazardId, LedgerPosition at, Set<Long> cited) {
        Set<Long> own = new TreeSet<>(cited);
        Map<String, IntegrityFlag> out = new LinkedHashMap<>();
        for (int offset = 0; ; offset += 1000) {
            List<IntegrityFlag> page = ledger.flags().find(new FlagQuery(null, null, null, null, null, null, at.size(),
                    null, 1000, offset));
            for (IntegrityFlag f : page) {
                if (hazardId.equals(f.hazardId())
                        || f.entries().stream().anyMatch(e -> own.contains(e.index()))) {
                    out.put(f.flagId(), f);
                    cited.add(f.raisedAtIndex());
                    for (CitedEntry e : f.entries()) {
                        cited.add(e.index());
                    }
                    if (f.acknowledgement() != null) {
                        cited.add(f.acknowledgement().index());
                    }
                }
            }
            if (page.size() < 1000) {
                break;
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Every cited entry with its bytes and inclusion proof in the latest checkpoint that covers them and the
     * position (FORMAT.md 16.1: treeSize at least atSize), or one made now.
     */
    private HazardDossier.Proofs proofs(Set<Long> cited, long atSize) {
        long last = cited.stream().mapToLong(Long::longValue).max().orElse(-1);
        long needed = Math.max(atSize, last + 1);
        Checkpoints checkpoints = ledger.checkpoints().orElse(null);
        String note = null;
        long treeSize = 0;
        if (checkpoints != null) {
            note = checkpoints.latest().filter(n -> size(n) >= needed).orElseGet(checkpoints::checkpointNow);
            treeSize = size(note);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        List<ProvenEntry> entries = new ArrayList<>();
        for (long index : cited) {
            byte[] bytes = ledger.log().entries(index, index + 1).get(0);
            List<String> proof = note == null ? List.of()
                    : ledger.log().inclusionProof(index, treeSize).stream().map(b64::encodeToString).toList();
            entries.add(new ProvenEntry(index, Hashes.leafHash(bytes), new String(bytes, StandardCharsets.UTF_8), proof));
        }
        return new HazardDossier.Proofs(note, treeSize, List.copyOf(entries));
    }

    private static long size(String note) {
        return Long.parseLong(note.split("\n", 3)[1]);
    }

    private String name(Map<String, String> names, String personId) {
        return names.computeIfAbsent(personId, id -> ledger.directory().person(id).map(PersonRecord::name).orElse(null));
    }

    private static JsonNode parse(String entryJson) {
        try {
            return JSON.readTree(entryJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored entry is not JSON; verify names the break", e);
        }
    }
}
