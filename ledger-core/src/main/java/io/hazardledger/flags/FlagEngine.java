package io.hazardledger.flags;

import io.hazardledger.directory.KeyRegistered;
import io.hazardledger.directory.KeyRevoked;
import io.hazardledger.directory.PersonRegistered;
import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.signing.internal.SignedActions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Raises {@link IntegrityFlag}s from ledger entries read in index order: {@link #accept(RecordedEvent)} returns the
 * flags that entry raises. The engine keeps what the rules need to remember (each hazard's report, plan, due date,
 * submissions and their verifications, where each evidence file was first used, each person's recent close-outs,
 * each key's validity and the acts it signed, each enterprise's findings in the current quarter) and nothing
 * depends on the wall clock, so the same entries always raise the same flags. Not thread-safe.
 */
public final class FlagEngine {

    private final FlagParameters p;
    private final Map<String, HazardTrack> hazards = new HashMap<>();
    private final Map<String, Use> firstUse = new HashMap<>();
    private final Map<String, ArrayDeque<Closure>> recentClosures = new HashMap<>();
    private final Map<String, Closure> lastCloseOutAtPlace = new HashMap<>();
    private final Map<String, KeyTrack> keys = new HashMap<>();
    private final Map<String, String> enterpriseOf = new HashMap<>();
    private final Map<String, QuarterCounts> quarter = new TreeMap<>();
    private ZonedDateTime quarterStart;
    private long lastIndex = -1;

    /** Raises flags with {@code parameters}. */
    public FlagEngine(FlagParameters parameters) {
        this.p = parameters;
    }

    /** A submission of a rectification and what became of it. */
    private static final class Submission {
        final int number;
        final String submitter;
        final CitedEntry entry;
        final List<Evidence> evidence;
        final boolean newEvidence;
        Boolean passed;
        CitedEntry verification;

        Submission(int number, String submitter, CitedEntry entry, List<Evidence> evidence, boolean newEvidence) {
            this.number = number;
            this.submitter = submitter;
            this.entry = entry;
            this.evidence = evidence;
            this.newEvidence = newEvidence;
        }
    }

    /** What the rules remember of one hazard. */
    private static final class HazardTrack {
        final HazardReported report;
        final CitedEntry reportEntry;
        final Set<String> before = new HashSet<>();
        final Set<String> seen = new HashSet<>();
        final Map<Integer, Submission> submissions = new HashMap<>();
        final List<CitedEntry> extensions = new ArrayList<>();
        String owner;
        CitedEntry plan;
        LocalDate due;
        CitedEntry dueSetBy;

        HazardTrack(HazardReported report, CitedEntry reportEntry) {
            this.report = report;
            this.reportEntry = reportEntry;
        }
    }

    /** The first hazard an evidence file was attached to. */
    private record Use(String hazardId, CitedEntry entry) {
    }

    /** A close-out: by whom, when, of which hazard. */
    private record Closure(String hazardId, String enterpriseId, Instant at, CitedEntry entry) {
    }

    /** A signed act, remembered so that a later revocation effective before its claimed time can flag it. */
    private record SignedAct(Instant claimed, String signerId, String aggregateId, CitedEntry entry) {
    }

    private static final class KeyTrack {
        Instant validFrom;
        Instant revokedFrom;
        CitedEntry revocation;
        final List<SignedAct> signed = new ArrayList<>();
    }

    /** An enterprise's findings in the current quarter, by source. */
    private static final class QuarterCounts {
        int selfInspection;
        final List<CitedEntry> supervisory = new ArrayList<>();
    }

    /** The flags raised while one entry is read, numbered in the order raised. */
    private final class Raised {
        final RecordedEvent at;
        final List<IntegrityFlag> flags = new ArrayList<>();

        Raised(RecordedEvent at) {
            this.at = at;
        }

        void add(FlagRule rule, String enterpriseId, String hazardId, String personId, String summary,
                 CitedEntry... cited) {
            Map<Long, CitedEntry> byIndex = new TreeMap<>();
            for (CitedEntry c : cited) {
                if (c != null) {
                    byIndex.putIfAbsent(c.index(), c);
                }
            }
            flags.add(new IntegrityFlag(rule.code() + "@" + at.index() + "/" + flags.size(), rule, rule.version(),
                    rule.severity(), enterpriseId, hazardId, personId, at.index(), at.recordedAt(), summary,
                    List.copyOf(byIndex.values())));
        }
    }

    /**
     * Reads the next entry and returns the flags it raises (often none).
     *
     * @throws IllegalArgumentException if the entry does not come after the last one read
     */
    public List<IntegrityFlag> accept(RecordedEvent e) {
        if (e.index() <= lastIndex) {
            throw new IllegalArgumentException("entries must come in index order: " + e.index() + " after " + lastIndex);
        }
        lastIndex = e.index();
        Raised raised = new Raised(e);
        closeQuarters(e, raised);
        if (e.signature() != null) {
            signed(e, e.signature().statement(), raised);
        }
        Object payload = e.payload();
        if (payload instanceof HazardReported r) {
            reported(e, r, raised);
        } else if (payload instanceof RectificationPlanned pl) {
            HazardTrack h = hazards.get(pl.hazardId());
            if (h != null) {
                h.owner = pl.ownerId();
                h.plan = cite(e, "plan");
                h.due = pl.dueDate();
                h.dueSetBy = h.plan;
            }
        } else if (payload instanceof DeadlineExtended d) {
            extended(e, d, raised);
        } else if (payload instanceof RectificationSubmitted s) {
            submitted(e, s, raised);
        } else if (payload instanceof RectificationVerified v) {
            verified(e, v, raised);
        } else if (payload instanceof HazardClosedOut c) {
            closedOut(e, c, raised);
        } else if (payload instanceof HazardReopened r) {
            HazardTrack h = hazards.get(r.hazardId());
            if (h != null) {
                h.owner = null;
                h.plan = null;
                h.due = null;
                h.dueSetBy = null;
            }
        } else if (payload instanceof PersonRegistered pr) {
            enterpriseOf.put(pr.personId(), pr.enterpriseId());
        } else if (payload instanceof KeyRegistered k) {
            keys.computeIfAbsent(k.keyId(), id -> new KeyTrack()).validFrom = k.validFrom();
        } else if (payload instanceof KeyRevoked k) {
            revoked(e, k, raised);
        }
        return raised.flags;
    }

    private static CitedEntry cite(RecordedEvent e, String role) {
        return new CitedEntry(e.index(), e.entryHash(), role);
    }

    private void reported(RecordedEvent e, HazardReported r, Raised raised) {
        CitedEntry report = cite(e, "report");
        HazardTrack h = new HazardTrack(r, report);
        hazards.put(r.hazardId(), h);
        for (Evidence ev : r.evidence()) {
            h.before.add(ev.sha256());
            h.seen.add(ev.sha256());
            reuse(ev, r.hazardId(), r.enterpriseId(), r.reportedBy(), report, raised);
        }
        Closure last = lastCloseOutAtPlace.get(place(r));
        if (last != null && !last.hazardId().equals(r.hazardId()) && !r.foundAt().isBefore(last.at())
                && r.foundAt().isBefore(last.at().plus(p.recurrenceWindow()))) {
            raised.add(FlagRule.RECURRENCE, r.enterpriseId(), r.hazardId(), null, "hazard " + r.hazardId() + " ("
                    + r.category() + " at " + r.location() + ") was found " + r.foundAt() + ", "
                    + days(Duration.between(last.at(), r.foundAt())) + " after hazard " + last.hazardId()
                    + " of the same category at the same place was closed out (" + last.at() + ")", last.entry(), report);
        }
        QuarterCounts q = quarter.computeIfAbsent(r.enterpriseId(), k -> new QuarterCounts());
        if (r.source() == HazardSource.SELF_INSPECTION) {
            q.selfInspection++;
        } else if (r.source() == HazardSource.SUPERVISORY_INSPECTION) {
            q.supervisory.add(report);
        }
    }

    private void extended(RecordedEvent e, DeadlineExtended d, Raised raised) {
        HazardTrack h = hazards.get(d.hazardId());
        if (h == null) {
            return;
        }
        CitedEntry extension = cite(e, "extension");
        h.due = d.newDueDate();
        h.dueSetBy = extension;
        h.extensions.add(extension);
        if (h.extensions.size() == p.extensions()) {
            raised.add(FlagRule.REPEATED_EXTENSIONS, h.report.enterpriseId(), d.hazardId(), d.approverId(),
                    "the deadline of hazard " + d.hazardId() + " was extended " + h.extensions.size()
                            + " times, now to " + d.newDueDate(), h.extensions.toArray(CitedEntry[]::new));
        }
    }

    private void submitted(RecordedEvent e, RectificationSubmitted s, Raised raised) {
        HazardTrack h = hazards.get(s.hazardId());
        if (h == null) {
            return;
        }
        CitedEntry entry = cite(e, "submission");
        String enterprise = h.report.enterpriseId();
        boolean fresh = false;
        Set<String> sameAsBefore = new LinkedHashSet<>();
        Evidence early = null;
        for (Evidence ev : s.evidence()) {
            fresh |= !h.seen.contains(ev.sha256());
            if (h.before.contains(ev.sha256())) {
                sameAsBefore.add(ev.sha256()); // flagged as after-equals-before, which says more than its time
                reuse(ev, s.hazardId(), enterprise, s.submittedBy(), entry, raised);
                continue;
            }
            if (early == null && ev.capturedAt().isBefore(h.report.foundAt())) {
                early = ev;
            }
            reuse(ev, s.hazardId(), enterprise, s.submittedBy(), entry, raised);
        }
        for (Evidence ev : s.evidence()) {
            h.seen.add(ev.sha256());
        }
        h.submissions.put(s.submissionNo(), new Submission(s.submissionNo(), s.submittedBy(), entry, s.evidence(), fresh));
        if (!sameAsBefore.isEmpty()) {
            raised.add(FlagRule.AFTER_EQUALS_BEFORE, enterprise, s.hazardId(), s.submittedBy(), "submission "
                    + s.submissionNo() + " of hazard " + s.hazardId() + " shows as rectified the evidence reported "
                    + "with the hazard: " + String.join(", ", sameAsBefore), h.reportEntry, entry);
        }
        if (early != null) {
            raised.add(FlagRule.EVIDENCE_BEFORE_FACT, enterprise, s.hazardId(), s.submittedBy(), "evidence "
                    + early.sha256() + " of submission " + s.submissionNo() + " of hazard " + s.hazardId()
                    + " claims to be captured " + early.capturedAt() + ", before the hazard was found ("
                    + h.report.foundAt() + ")", h.reportEntry, entry);
        }
    }

    /** Flags an evidence file first used on another hazard; remembers its first use. */
    private void reuse(Evidence ev, String hazardId, String enterpriseId, String personId, CitedEntry entry,
                       Raised raised) {
        Use first = firstUse.putIfAbsent(ev.sha256(), new Use(hazardId, entry));
        if (first != null && !first.hazardId().equals(hazardId)) {
            raised.add(FlagRule.EVIDENCE_REUSED, enterpriseId, hazardId, personId, "evidence " + ev.sha256()
                    + " on hazard " + hazardId + " was first attached to hazard " + first.hazardId(), first.entry(), entry);
        }
    }

    private void verified(RecordedEvent e, RectificationVerified v, Raised raised) {
        HazardTrack h = hazards.get(v.hazardId());
        Submission s = h == null ? null : h.submissions.get(v.submissionNo());
        if (s == null) {
            return;
        }
        CitedEntry entry = cite(e, "verification");
        s.passed = v.passed();
        s.verification = entry;
        if (!v.passed()) {
            return;
        }
        String enterprise = h.report.enterpriseId();
        if (s.evidence.isEmpty()) {
            raised.add(FlagRule.VERIFIED_WITHOUT_EVIDENCE, enterprise, v.hazardId(), v.verifierId(), "submission "
                    + s.number + " of hazard " + v.hazardId() + " carried no evidence and passed verification by "
                    + v.verifierId(), s.entry, entry);
        }
        List<String> roles = new ArrayList<>();
        List<CitedEntry> cited = new ArrayList<>(List.of(entry));
        // the reporter counts for hazards an enterprise found itself: an outside inspector who re-checks what they
        // found is independent of the enterprise; enterprise staff who verify what they reported are not
        if (v.verifierId().equals(h.report.reportedBy()) && h.report.source() == HazardSource.SELF_INSPECTION) {
            roles.add("reported the hazard");
            cited.add(h.reportEntry);
        }
        if (v.verifierId().equals(h.owner)) {
            roles.add("owns the rectification");
            cited.add(h.plan);
        }
        if (v.verifierId().equals(s.submitter)) {
            roles.add("submitted the rectification");
            cited.add(s.entry);
        }
        if (!roles.isEmpty()) {
            raised.add(FlagRule.VERIFIER_INVOLVED, enterprise, v.hazardId(), v.verifierId(), v.verifierId()
                    + " passed submission " + s.number + " of hazard " + v.hazardId() + " and also "
                    + String.join(" and ", roles), cited.toArray(CitedEntry[]::new));
        }
    }

    private void closedOut(RecordedEvent e, HazardClosedOut c, Raised raised) {
        HazardTrack h = hazards.get(c.hazardId());
        if (h == null) {
            return;
        }
        CitedEntry entry = cite(e, "close-out");
        String enterprise = h.report.enterpriseId();
        Submission s = h.submissions.get(c.submissionNo());
        if (s == null || s.passed == null || !s.passed) {
            String why = s == null ? "submission " + c.submissionNo() + " does not exist"
                    : s.passed == null ? "submission " + c.submissionNo() + " was never verified"
                    : "the verification of submission " + c.submissionNo() + " did not pass";
            raised.add(FlagRule.CLOSED_WITHOUT_PASSED_VERIFICATION, enterprise, c.hazardId(), c.closedBy(),
                    "hazard " + c.hazardId() + " was closed out although " + why,
                    entry, s == null ? null : s.entry, s == null ? null : s.verification);
        }
        Instant at = e.recordedAt();
        if (h.due != null && s != null && !s.newEvidence) {
            Instant deadline = h.due.plusDays(1).atStartOfDay(p.zone()).toInstant();
            if (!at.isAfter(deadline) && !at.isBefore(deadline.minus(p.lastMinute()))) {
                raised.add(FlagRule.LAST_MINUTE_CLOSURE, enterprise, c.hazardId(), c.closedBy(), "hazard "
                        + c.hazardId() + " was closed out " + at + ", " + hours(Duration.between(at, deadline))
                        + " before its deadline (end of " + h.due + "), on submission " + s.number
                        + " which brought no evidence not seen on the hazard before", h.dueSetBy, s.entry, entry);
            }
        }
        ArrayDeque<Closure> recent = recentClosures.computeIfAbsent(c.closedBy(), k -> new ArrayDeque<>());
        recent.addLast(new Closure(c.hazardId(), enterprise, at, entry));
        while (recent.peekFirst().at().isBefore(at.minus(p.burstWindow()))) {
            recent.removeFirst();
        }
        if (recent.size() >= p.burstClosures()) {
            Set<String> enterprises = new HashSet<>();
            recent.forEach(k -> enterprises.add(k.enterpriseId()));
            raised.add(FlagRule.CLOSURE_BURST, enterprises.size() == 1 ? enterprise : null, null, c.closedBy(),
                    c.closedBy() + " closed out " + recent.size() + " hazards between " + recent.peekFirst().at()
                            + " and " + at + " (" + String.join(", ", recent.stream().map(Closure::hazardId).toList())
                            + ")", recent.stream().map(Closure::entry).toArray(CitedEntry[]::new));
            recent.clear();
        }
        lastCloseOutAtPlace.put(place(h.report), new Closure(c.hazardId(), enterprise, at, entry));
    }

    private void signed(RecordedEvent e, Statement s, Raised raised) {
        Instant claimed;
        try {
            claimed = Instant.parse(s.claimedAt());
        } catch (DateTimeParseException ex) {
            return; // the signature checks refuse such a statement; nothing to compare
        }
        CitedEntry entry = cite(e, "signed-act");
        HazardTrack h = hazards.get(e.aggregateId());
        String enterprise = h != null ? h.report.enterpriseId() : enterpriseOf.get(s.signerId());
        String hazardId = h != null ? e.aggregateId() : null;
        Duration gap = Duration.between(claimed, e.recordedAt()).abs();
        if (gap.compareTo(p.claimedTimeTolerance()) > 0) {
            raised.add(FlagRule.CLAIMED_TIME_FAR, enterprise, hazardId, s.signerId(), s.signerId() + " claims to have"
                    + " signed " + s.action() + " at " + claimed + ", " + hours(gap) + " from when the ledger recorded"
                    + " it (" + e.recordedAt() + ")", entry);
        }
        KeyTrack key = keys.get(s.keyId());
        if (key == null) {
            return;
        }
        if (key.validFrom != null && claimed.isBefore(key.validFrom)) {
            raised.add(FlagRule.KEY_NOT_VALID, enterprise, hazardId, s.signerId(), s.signerId() + " signed "
                    + s.action() + " claiming " + claimed + " with key " + s.keyId() + ", valid only from "
                    + key.validFrom, entry);
        }
        if (SignedActions.managesKeys(s.action())) {
            return;
        }
        if (key.revokedFrom != null && !claimed.isBefore(key.revokedFrom)) {
            raised.add(FlagRule.KEY_NOT_VALID, enterprise, hazardId, s.signerId(), s.signerId() + " signed "
                    + s.action() + " claiming " + claimed + " with key " + s.keyId() + ", revoked from "
                    + key.revokedFrom, key.revocation, entry);
        }
        key.signed.add(new SignedAct(claimed, s.signerId(), e.aggregateId(), entry));
    }

    /** A revocation effective before acts already recorded makes each of them a flag, raised now. */
    private void revoked(RecordedEvent e, KeyRevoked k, Raised raised) {
        KeyTrack key = keys.computeIfAbsent(k.keyId(), id -> new KeyTrack());
        CitedEntry revocation = cite(e, "revocation");
        Instant before = key.revokedFrom;
        key.revokedFrom = before == null || k.effectiveAt().isBefore(before) ? k.effectiveAt() : before;
        key.revocation = revocation;
        for (SignedAct act : key.signed) {
            boolean nowVoid = !act.claimed().isBefore(key.revokedFrom);
            boolean voidBefore = before != null && !act.claimed().isBefore(before);
            if (nowVoid && !voidBefore) {
                HazardTrack h = hazards.get(act.aggregateId());
                raised.add(FlagRule.KEY_NOT_VALID, h != null ? h.report.enterpriseId() : enterpriseOf.get(act.signerId()),
                        h != null ? act.aggregateId() : null, act.signerId(), act.signerId() + " signed entry "
                                + act.entry().index() + " claiming " + act.claimed() + " with key " + k.keyId()
                                + ", which a later revocation makes revoked from " + k.effectiveAt(),
                        act.entry(), revocation);
            }
        }
    }

    /**
     * At the first entry recorded in a later quarter than the one before it, each enterprise whose hazards reported
     * in the ended quarter include supervisory findings and no self-inspection finding is flagged.
     */
    private void closeQuarters(RecordedEvent e, Raised raised) {
        ZonedDateTime at = e.recordedAt().atZone(p.zone());
        ZonedDateTime start = at.withDayOfMonth(1).withMonth((at.getMonthValue() - 1) / 3 * 3 + 1).toLocalDate()
                .atStartOfDay(p.zone());
        if (quarterStart != null && start.isAfter(quarterStart)) {
            for (Map.Entry<String, QuarterCounts> q : quarter.entrySet()) {
                QuarterCounts counts = q.getValue();
                if (counts.selfInspection == 0 && !counts.supervisory.isEmpty()) {
                    raised.add(FlagRule.SILENT_SELF_INSPECTION, q.getKey(), null, null, "in the quarter from "
                            + quarterStart.toLocalDate() + " enterprise " + q.getKey() + " reported no hazard from its"
                            + " self-inspections while supervisory inspections found " + counts.supervisory.size(),
                            counts.supervisory.toArray(CitedEntry[]::new));
                }
            }
            quarter.clear();
        }
        if (quarterStart == null || start.isAfter(quarterStart)) {
            quarterStart = start;
        }
    }

    private static String place(HazardReported r) {
        return r.enterpriseId() + "\n" + r.category() + "\n" + r.location();
    }

    private static String days(Duration d) {
        return d.toDays() + " days";
    }

    private static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 120 ? minutes + " minutes" : minutes / 60 + " hours";
    }
}
