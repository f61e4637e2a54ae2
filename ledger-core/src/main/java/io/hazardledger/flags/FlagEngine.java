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
import java.util.HexFormat;
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
    private final Map<Digest, Use> firstUse = new HashMap<>();
    private final Map<String, ArrayDeque<Closure>> recentClosures = new HashMap<>();
    private final Map<String, Closure> lastCloseOutAtPlace = new HashMap<>();
    private final Map<String, KeyTrack> keys = new HashMap<>();
    private final Map<String, String> enterpriseOf = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, QuarterCounts> quarter = new TreeMap<>();
    private ZonedDateTime quarterStart;
    private long lastIndex = -1;

    /** Raises flags with {@code parameters}. */
    public FlagEngine(FlagParameters parameters) {
        this.p = parameters;
    }

    /**
     * A SHA-256 as four longs (48 bytes on the heap, a hex string takes about 110): the rules keep one per evidence
     * file and per remembered entry. Anything that is not 64 hex digits is kept as written.
     */
    private record Digest(long h0, long h1, long h2, long h3, String other) {
        static Digest of(String hex) {
            if (hex.length() != 64 || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return new Digest(0, 0, 0, 0, hex);
            }
            return new Digest(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32),
                    HexFormat.fromHexDigitsToLong(hex, 32, 48), HexFormat.fromHexDigitsToLong(hex, 48, 64), null);
        }

        @Override
        public String toString() {
            if (other != null) {
                return other;
            }
            HexFormat hex = HexFormat.of();
            return hex.toHexDigits(h0) + hex.toHexDigits(h1) + hex.toHexDigits(h2) + hex.toHexDigits(h3);
        }
    }

    /** A remembered entry: its index and entry hash; one object per entry, shared by everything that refers to it. */
    private record Ref(long index, Digest hash) {
        CitedEntry as(String role) {
            return new CitedEntry(index, hash.toString(), role);
        }
    }

    /** A submission of a rectification and what became of it. */
    private static final class Submission {
        final int number;
        final String submitter;
        final Ref entry;
        final boolean hasEvidence;
        final boolean newEvidence;
        Boolean passed;
        Ref verification;

        Submission(int number, String submitter, Ref entry, boolean hasEvidence, boolean newEvidence) {
            this.number = number;
            this.submitter = submitter;
            this.entry = entry;
            this.hasEvidence = hasEvidence;
            this.newEvidence = newEvidence;
        }
    }

    /**
     * What the rules remember of one hazard: the parts of its report they compare with (not the report itself), its
     * evidence as digests, and its current loop (plan, due date, submissions, extensions), all that is forgotten when
     * it is reopened except what its next loop is compared with.
     */
    private static final class HazardTrack {
        final String hazardId;
        final String enterpriseId;
        final String reporter;
        final HazardSource source;
        final Instant foundAt;
        final String category;
        final String location;
        final Ref reportEntry;
        final Digest[] before;
        final List<Digest> seen = new ArrayList<>(2);
        final List<Submission> submissions = new ArrayList<>(1);
        List<Ref> extensions;
        int extensionCount;
        String owner;
        Ref plan;
        LocalDate due;
        Ref dueSetBy;

        HazardTrack(HazardReported r, Ref reportEntry, FlagEngine names) {
            this.hazardId = r.hazardId();
            this.enterpriseId = names.name(r.enterpriseId());
            this.reporter = names.name(r.reportedBy());
            this.source = r.source();
            this.foundAt = r.foundAt();
            this.category = names.name(r.category());
            this.location = r.location();
            this.reportEntry = reportEntry;
            this.before = r.evidence().stream().map(ev -> Digest.of(ev.sha256())).toArray(Digest[]::new);
            seen.addAll(List.of(before));
        }

        boolean reportedWith(Digest d) {
            for (Digest b : before) {
                if (b.equals(d)) {
                    return true;
                }
            }
            return false;
        }

        Submission submission(int number) {
            for (Submission s : submissions) {
                if (s.number == number) {
                    return s;
                }
            }
            return null;
        }

        String place() {
            return enterpriseId + "\n" + category + "\n" + location;
        }
    }

    /** The first hazard an evidence file was attached to, and the entry that attached it. */
    private record Use(HazardTrack hazard, Ref entry) {
    }

    /** A close-out: by whom, when, of which hazard. */
    private record Closure(String hazardId, String enterpriseId, Instant at, Ref entry) {
    }

    /**
     * A key's validity, and the acts it signed (other than managing keys) as parallel arrays (24 bytes an act), so
     * that a later revocation effective before their claimed time can flag them. A key belongs to one person.
     */
    private static final class KeyTrack {
        String person;
        Instant validFrom;
        Instant revokedFrom;
        Ref revocation;
        long[] claimed = new long[4]; // nanoseconds since the epoch
        Ref[] acts = new Ref[4];
        HazardTrack[] on = new HazardTrack[4];
        int count;

        void signed(long claimedMillis, Ref act, HazardTrack hazard) {
            if (count == acts.length) {
                claimed = java.util.Arrays.copyOf(claimed, count * 2);
                acts = java.util.Arrays.copyOf(acts, count * 2);
                on = java.util.Arrays.copyOf(on, count * 2);
            }
            claimed[count] = claimedMillis;
            acts[count] = act;
            on[count] = hazard;
            count++;
        }
    }

    /** An enterprise's findings in the current quarter, by source. */
    private static final class QuarterCounts {
        int selfInspection;
        final List<Ref> supervisory = new ArrayList<>();
    }

    /** The same string for equal names (enterprises, people, categories): few distinct, met many times. */
    private String name(String s) {
        return s == null ? null : names.computeIfAbsent(s, k -> k);
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
            flags.add(new IntegrityFlag(rule.code() + ":" + at.index() + "." + flags.size(), rule, rule.version(),
                    rule.severity(), enterpriseId, hazardId, personId, at.index(), at.recordedAt(), summary,
                    List.copyOf(byIndex.values()), null));
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
        Ref ref = new Ref(e.index(), Digest.of(e.entryHash()));
        closeQuarters(e, raised);
        Object payload = e.payload();
        if (payload instanceof HazardReported r) {
            reported(ref, r, raised);
        } else if (payload instanceof RectificationPlanned pl) {
            HazardTrack h = hazards.get(pl.hazardId());
            if (h != null) {
                h.owner = name(pl.ownerId());
                h.plan = ref;
                h.due = pl.dueDate();
                h.dueSetBy = ref;
            }
        } else if (payload instanceof DeadlineExtended d) {
            extended(ref, d, raised);
        } else if (payload instanceof RectificationSubmitted s) {
            submitted(ref, s, raised);
        } else if (payload instanceof RectificationVerified v) {
            verified(ref, v, raised);
        } else if (payload instanceof HazardClosedOut c) {
            closedOut(e, ref, c, raised);
        } else if (payload instanceof HazardReopened r) {
            HazardTrack h = hazards.get(r.hazardId());
            if (h != null) {
                h.owner = null;
                h.plan = null;
                h.due = null;
                h.dueSetBy = null;
                h.submissions.clear();
            }
        } else if (payload instanceof PersonRegistered pr) {
            enterpriseOf.put(name(pr.personId()), name(pr.enterpriseId()));
        } else if (payload instanceof KeyRegistered k) {
            KeyTrack key = keys.computeIfAbsent(k.keyId(), id -> new KeyTrack());
            key.validFrom = k.validFrom();
            key.person = name(k.personId());
        } else if (payload instanceof KeyRevoked k) {
            revoked(ref, k, raised);
        }
        // after the payload, so that a signed report's flags name the hazard it reports
        if (e.signature() != null) {
            signed(e, ref, e.signature().statement(), raised);
        }
        return raised.flags;
    }

    private void reported(Ref report, HazardReported r, Raised raised) {
        HazardTrack h = new HazardTrack(r, report, this);
        hazards.put(r.hazardId(), h);
        for (Digest d : h.before) {
            reuse(d, h, r.reportedBy(), report, "report", raised);
        }
        Closure last = lastCloseOutAtPlace.get(h.place());
        if (last != null && !last.hazardId().equals(r.hazardId()) && !r.foundAt().isBefore(last.at())
                && r.foundAt().isBefore(last.at().plus(p.recurrenceWindow()))) {
            raised.add(FlagRule.RECURRENCE, r.enterpriseId(), r.hazardId(), null, "hazard " + r.hazardId() + " ("
                    + r.category() + " at " + r.location() + ") was found " + r.foundAt() + ", "
                    + days(Duration.between(last.at(), r.foundAt())) + " after hazard " + last.hazardId()
                    + " of the same category at the same place was closed out (" + last.at() + ")",
                    last.entry().as("close-out"), report.as("report"));
        }
        QuarterCounts q = quarter.computeIfAbsent(h.enterpriseId, k -> new QuarterCounts());
        if (r.source() == HazardSource.SELF_INSPECTION) {
            q.selfInspection++;
        } else if (r.source() == HazardSource.SUPERVISORY_INSPECTION) {
            q.supervisory.add(report);
        }
    }

    private void extended(Ref extension, DeadlineExtended d, Raised raised) {
        HazardTrack h = hazards.get(d.hazardId());
        if (h == null) {
            return;
        }
        h.due = d.newDueDate();
        h.dueSetBy = extension;
        h.extensionCount++;
        if (h.extensionCount < p.extensions()) {
            if (h.extensions == null) {
                h.extensions = new ArrayList<>(p.extensions());
            }
            h.extensions.add(extension);
        } else if (h.extensionCount == p.extensions()) {
            List<CitedEntry> cited = new ArrayList<>();
            if (h.extensions != null) {
                h.extensions.forEach(x -> cited.add(x.as("extension")));
            }
            cited.add(extension.as("extension"));
            h.extensions = null; // raised once per hazard: only the count is needed from here on
            raised.add(FlagRule.REPEATED_EXTENSIONS, h.enterpriseId, d.hazardId(), d.approverId(),
                    "the deadline of hazard " + d.hazardId() + " was extended " + h.extensionCount
                            + " times, now to " + d.newDueDate(), cited.toArray(CitedEntry[]::new));
        }
    }

    private void submitted(Ref entry, RectificationSubmitted s, Raised raised) {
        HazardTrack h = hazards.get(s.hazardId());
        if (h == null) {
            return;
        }
        boolean fresh = false;
        Set<String> sameAsBefore = new LinkedHashSet<>();
        Evidence early = null;
        List<Digest> digests = new ArrayList<>(s.evidence().size());
        for (Evidence ev : s.evidence()) {
            Digest d = Digest.of(ev.sha256());
            if (digests.contains(d)) {
                continue; // the same file listed twice in one submission counts once
            }
            digests.add(d);
            fresh |= !h.seen.contains(d);
            if (h.reportedWith(d)) {
                sameAsBefore.add(ev.sha256()); // flagged as after-equals-before, which says more than its time
            } else if (early == null && ev.capturedAt().isBefore(h.foundAt)) {
                early = ev;
            }
            reuse(d, h, s.submittedBy(), entry, "submission", raised);
        }
        for (Digest d : digests) {
            if (!h.seen.contains(d)) {
                h.seen.add(d);
            }
        }
        h.submissions.add(new Submission(s.submissionNo(), name(s.submittedBy()), entry, !digests.isEmpty(), fresh));
        if (!sameAsBefore.isEmpty()) {
            raised.add(FlagRule.AFTER_EQUALS_BEFORE, h.enterpriseId, s.hazardId(), s.submittedBy(), "submission "
                    + s.submissionNo() + " of hazard " + s.hazardId() + " shows as rectified the evidence reported "
                    + "with the hazard: " + String.join(", ", sameAsBefore), h.reportEntry.as("report"),
                    entry.as("submission"));
        }
        if (early != null) {
            raised.add(FlagRule.EVIDENCE_BEFORE_FACT, h.enterpriseId, s.hazardId(), s.submittedBy(), "evidence "
                    + early.sha256() + " of submission " + s.submissionNo() + " of hazard " + s.hazardId()
                    + " claims to be captured " + early.capturedAt() + ", before the hazard was found ("
                    + h.foundAt + ")", h.reportEntry.as("report"), entry.as("submission"));
        }
    }

    /** Flags an evidence file first used on another hazard; remembers its first use. */
    private void reuse(Digest evidence, HazardTrack h, String personId, Ref entry, String role, Raised raised) {
        Use first = firstUse.putIfAbsent(evidence, new Use(h, entry));
        if (first != null && first.hazard() != h) {
            raised.add(FlagRule.EVIDENCE_REUSED, h.enterpriseId, h.hazardId, personId, "evidence " + evidence
                    + " on hazard " + h.hazardId + " was first attached to hazard " + first.hazard().hazardId,
                    first.entry().as(first.entry() == first.hazard().reportEntry ? "report" : "submission"),
                    entry.as(role));
        }
    }

    private void verified(Ref entry, RectificationVerified v, Raised raised) {
        HazardTrack h = hazards.get(v.hazardId());
        Submission s = h == null ? null : h.submission(v.submissionNo());
        if (s == null) {
            return;
        }
        s.passed = v.passed();
        s.verification = entry;
        if (!v.passed()) {
            return;
        }
        if (!s.hasEvidence) {
            raised.add(FlagRule.VERIFIED_WITHOUT_EVIDENCE, h.enterpriseId, v.hazardId(), v.verifierId(), "submission "
                    + s.number + " of hazard " + v.hazardId() + " carried no evidence and passed verification by "
                    + v.verifierId(), s.entry.as("submission"), entry.as("verification"));
        }
        List<String> roles = new ArrayList<>();
        List<CitedEntry> cited = new ArrayList<>(List.of(entry.as("verification")));
        // the reporter counts for hazards an enterprise found itself: an outside inspector who re-checks what they
        // found is independent of the enterprise; enterprise staff who verify what they reported are not
        if (v.verifierId().equals(h.reporter) && h.source == HazardSource.SELF_INSPECTION) {
            roles.add("reported the hazard");
            cited.add(h.reportEntry.as("report"));
        }
        if (v.verifierId().equals(h.owner)) {
            roles.add("owns the rectification");
            cited.add(h.plan.as("plan"));
        }
        if (v.verifierId().equals(s.submitter)) {
            roles.add("submitted the rectification");
            cited.add(s.entry.as("submission"));
        }
        if (!roles.isEmpty()) {
            raised.add(FlagRule.VERIFIER_INVOLVED, h.enterpriseId, v.hazardId(), v.verifierId(), v.verifierId()
                    + " passed submission " + s.number + " of hazard " + v.hazardId() + " and also "
                    + String.join(" and ", roles), cited.toArray(CitedEntry[]::new));
        }
    }

    private void closedOut(RecordedEvent e, Ref entry, HazardClosedOut c, Raised raised) {
        HazardTrack h = hazards.get(c.hazardId());
        if (h == null) {
            return;
        }
        Submission s = h.submission(c.submissionNo());
        if (s == null || s.passed == null || !s.passed) {
            String why = s == null ? "submission " + c.submissionNo() + " does not exist"
                    : s.passed == null ? "submission " + c.submissionNo() + " was never verified"
                    : "the verification of submission " + c.submissionNo() + " did not pass";
            raised.add(FlagRule.CLOSED_WITHOUT_PASSED_VERIFICATION, h.enterpriseId, c.hazardId(), c.closedBy(),
                    "hazard " + c.hazardId() + " was closed out although " + why, entry.as("close-out"),
                    s == null ? null : s.entry.as("submission"),
                    s == null || s.verification == null ? null : s.verification.as("verification"));
        }
        Instant at = e.recordedAt();
        if (h.due != null && s != null && !s.newEvidence) {
            Instant deadline = h.due.plusDays(1).atStartOfDay(p.zone()).toInstant();
            if (!at.isAfter(deadline) && !at.isBefore(deadline.minus(p.lastMinute()))) {
                raised.add(FlagRule.LAST_MINUTE_CLOSURE, h.enterpriseId, c.hazardId(), c.closedBy(), "hazard "
                        + c.hazardId() + " was closed out " + at + ", " + hours(Duration.between(at, deadline))
                        + " before its deadline (end of " + h.due + "), on submission " + s.number
                        + " which brought no evidence not seen on the hazard before",
                        h.dueSetBy.as(h.dueSetBy == h.plan ? "plan" : "extension"), s.entry.as("submission"),
                        entry.as("close-out"));
            }
        }
        ArrayDeque<Closure> recent = recentClosures.computeIfAbsent(name(c.closedBy()), k -> new ArrayDeque<>());
        recent.addLast(new Closure(h.hazardId, h.enterpriseId, at, entry));
        while (recent.peekFirst().at().isBefore(at.minus(p.burstWindow()))) {
            recent.removeFirst();
        }
        if (recent.size() >= p.burstClosures()) {
            Set<String> enterprises = new HashSet<>();
            recent.forEach(k -> enterprises.add(k.enterpriseId()));
            raised.add(FlagRule.CLOSURE_BURST, enterprises.size() == 1 ? h.enterpriseId : null, null, c.closedBy(),
                    c.closedBy() + " closed out " + recent.size() + " hazards between " + recent.peekFirst().at()
                            + " and " + at + " (" + String.join(", ", recent.stream().map(Closure::hazardId).toList())
                            + ")", recent.stream().map(k -> k.entry().as("close-out")).toArray(CitedEntry[]::new));
            recent.clear();
        }
        lastCloseOutAtPlace.put(h.place(), new Closure(h.hazardId, h.enterpriseId, at, entry));
    }

    private void signed(RecordedEvent e, Ref entry, Statement s, Raised raised) {
        Instant claimed;
        try {
            claimed = Instant.parse(s.claimedAt());
        } catch (DateTimeParseException ex) {
            return; // the signature checks refuse such a statement; nothing to compare
        }
        HazardTrack h = hazards.get(e.aggregateId());
        String enterprise = h != null ? h.enterpriseId : enterpriseOf.get(s.signerId());
        String hazardId = h != null ? h.hazardId : null;
        Duration gap = Duration.between(claimed, e.recordedAt()).abs();
        if (gap.compareTo(p.claimedTimeTolerance()) > 0) {
            raised.add(FlagRule.CLAIMED_TIME_FAR, enterprise, hazardId, s.signerId(), s.signerId() + " claims to have"
                    + " signed " + s.action() + " at " + claimed + ", " + hours(gap) + " from when the ledger recorded"
                    + " it (" + e.recordedAt() + ")", entry.as("signed-act"));
        }
        KeyTrack key = keys.get(s.keyId());
        if (key == null) {
            return;
        }
        if (key.validFrom != null && claimed.isBefore(key.validFrom)) {
            raised.add(FlagRule.KEY_NOT_VALID, enterprise, hazardId, s.signerId(), s.signerId() + " signed "
                    + s.action() + " claiming " + claimed + " with key " + s.keyId() + ", valid only from "
                    + key.validFrom, entry.as("signed-act"));
        }
        if (SignedActions.managesKeys(s.action())) {
            return;
        }
        if (key.revokedFrom != null && !claimed.isBefore(key.revokedFrom)) {
            raised.add(FlagRule.KEY_NOT_VALID, enterprise, hazardId, s.signerId(), s.signerId() + " signed "
                    + s.action() + " claiming " + claimed + " with key " + s.keyId() + ", revoked from "
                    + key.revokedFrom, key.revocation.as("revocation"), entry.as("signed-act"));
        }
        key.signed(nanosSinceEpoch(claimed), entry, h);
    }

    /** A revocation effective before acts already recorded makes each of them a flag, raised now. */
    private void revoked(Ref revocation, KeyRevoked k, Raised raised) {
        KeyTrack key = keys.computeIfAbsent(k.keyId(), id -> new KeyTrack());
        Instant before = key.revokedFrom;
        key.revokedFrom = before == null || k.effectiveAt().isBefore(before) ? k.effectiveAt() : before;
        key.revocation = revocation;
        long now = nanosSinceEpoch(key.revokedFrom);
        long earlier = before == null ? Long.MAX_VALUE : nanosSinceEpoch(before);
        String person = key.person != null ? key.person : k.personId();
        for (int i = 0; i < key.count; i++) {
            long claimed = key.claimed[i];
            if (claimed >= now && claimed < earlier) {
                HazardTrack h = key.on[i];
                raised.add(FlagRule.KEY_NOT_VALID, h != null ? h.enterpriseId : enterpriseOf.get(person),
                        h != null ? h.hazardId : null, person, person + " signed entry " + key.acts[i].index()
                                + " claiming " + Instant.ofEpochSecond(0, claimed) + " with key " + k.keyId()
                                + ", which a later revocation makes revoked from " + k.effectiveAt(),
                        key.acts[i].as("signed-act"), revocation.as("revocation"));
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
                            counts.supervisory.stream().map(r -> r.as("report")).toArray(CitedEntry[]::new));
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

    private static long nanosSinceEpoch(Instant t) {
        return io.hazardledger.store.internal.RecordedTimes.nanosSinceEpoch(t);
    }

    private static String days(Duration d) {
        return d.toDays() + " days";
    }

    private static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 120 ? minutes + " minutes" : minutes / 60 + " hours";
    }
}
