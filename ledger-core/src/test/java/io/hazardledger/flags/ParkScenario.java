package io.hazardledger.flags;

import io.hazardledger.directory.EnterpriseRegistered;
import io.hazardledger.directory.KeyRegistered;
import io.hazardledger.directory.KeyRevoked;
import io.hazardledger.directory.PersonRegistered;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.projection.RecordedEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A seeded, reproducible park: N enterprises over three years (from 2023-10-01, in the park's zone) of hazards
 * found by self-inspection in every quarter and by supervisory inspection now and then, each planned, rectified
 * with fresh evidence, verified by an independent verifier and closed out well before its deadline, some of the
 * acts signed with valid keys and claimed times close to the recorded ones: none of that may raise a flag. Into it,
 * one case of each kind of paper rectification is planted ({@link #planted()}), with the entries that must be cited.
 * Events are produced as ledger entries read back ({@link RecordedEvent}, index and a synthetic entry hash).
 */
final class ParkScenario {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final ZonedDateTime START = ZonedDateTime.of(2023, 10, 1, 8, 0, 0, 0, ZONE);

    /** A planted case: the rule that must flag it, what the flag is about, and the entries it must cite. */
    record Planted(FlagRule rule, String subject, Set<Long> cited) {
    }

    private record Item(Instant at, long seq, Object payload, Statement signed) {
    }

    private final Random random;
    private final List<Item> items = new ArrayList<>();
    private final Map<String, Object> marks = new HashMap<>();
    private final List<String> enterprises = new ArrayList<>();
    private final List<String> cleanHazards = new ArrayList<>();
    private long seq;
    private int evidenceCounter;
    private int hazardCounter;

    private List<RecordedEvent> events;
    private final List<Planted> planted = new ArrayList<>();

    private ParkScenario(long seed) {
        this.random = new Random(seed);
    }

    List<RecordedEvent> events() {
        return events;
    }

    List<Planted> planted() {
        return planted;
    }

    List<String> cleanHazards() {
        return cleanHazards;
    }

    static ParkScenario generate(long seed, int enterpriseCount, int hazardsPerEnterpriseAndQuarter) {
        ParkScenario s = new ParkScenario(seed);
        s.build(enterpriseCount, hazardsPerEnterpriseAndQuarter);
        return s;
    }

    private void build(int enterpriseCount, int perQuarter) {
        Instant t0 = START.toInstant().minus(Duration.ofDays(2));
        for (int v = 0; v < 3; v++) {
            person(t0, "p-verifier-" + v, null, Role.VERIFIER);
            key(t0, "p-verifier-" + v, t0.minus(Duration.ofDays(1)));
        }
        person(t0, "p-verifier-burst", null, Role.VERIFIER);
        for (int e = 0; e < enterpriseCount; e++) {
            String id = "ent-" + e;
            enterprises.add(id);
            add(t0, new EnterpriseRegistered(id, "Enterprise " + e, "hazardous chemicals", e % 3 == 0), null);
            person(t0, "p-staff-" + e, id, Role.ENTERPRISE_STAFF);
            person(t0, "p-owner-" + e, id, Role.ENTERPRISE_STAFF);
        }
        add(t0, new EnterpriseRegistered("ent-silent", "Enterprise silent", "metal smelting", true), null);
        person(t0, "p-staff-silent", "ent-silent", Role.ENTERPRISE_STAFF);
        person(t0, "p-inspector", null, Role.INSPECTOR);

        // the clean park: every enterprise finds hazards itself in every quarter of the three years
        for (int q = 0; q < 12; q++) {
            ZonedDateTime quarter = START.plusMonths(3L * q);
            for (String e : enterprises) {
                for (int k = 0; k < perQuarter; k++) {
                    // starts at least an hour apart within the first 50 days of the quarter, so that all its events
                    // (the last 24 days later) stay in the quarter's neighbourhood and close-outs never bunch up
                    Instant start = quarter.toInstant().plus(Duration.ofMinutes(60L * random.nextInt(1200)
                            + random.nextInt(50)));
                    // the first is always the enterprise's own finding: no quarter of a clean enterprise is silent
                    HazardSource source = k > 0 && random.nextInt(4) == 0 ? HazardSource.SUPERVISORY_INSPECTION
                            : HazardSource.SELF_INSPECTION;
                    cleanHazards.add(cleanLife(start, e, source));
                }
            }
        }
        plant();
        finish();
    }

    // ---- the clean life of a hazard -------------------------------------------------------------------------

    private String cleanLife(Instant start, String enterprise, HazardSource source) {
        String id = "hz-" + hazardCounter++;
        int n = Integer.parseInt(enterprise.substring(4));
        String staff = "p-staff-" + n;
        String owner = "p-owner-" + n;
        String verifier = "p-verifier-" + random.nextInt(3);
        HazardLevel level = random.nextInt(5) == 0 ? HazardLevel.MAJOR : HazardLevel.GENERAL;
        Instant found = start.minus(Duration.ofHours(1));
        report(start, id, enterprise, level, source, "unit-" + id, found, staff, evidence(found));
        Instant planned = start.plus(Duration.ofDays(1));
        LocalDate due = LocalDate.ofInstant(found, ZONE).plusDays(30);
        add(planned, new RectificationPlanned(id, "fix it", owner, due, "1000.00", "cordon", "evacuate", owner), null);
        Instant submitted = planned.plus(Duration.ofDays(5 + random.nextInt(15)));
        add(submitted, new RectificationSubmitted(id, 1, "fixed", List.of(evidence(submitted.minus(Duration.ofHours(1)))),
                owner), null);
        Instant verified = submitted.plus(Duration.ofDays(1));
        add(verified, new RectificationVerified(id, 1, true, "checked on site", verifier),
                random.nextBoolean() ? signed("hazard.verify", id, verifier, verified.minus(Duration.ofMinutes(3))) : null);
        Instant closed = verified.plus(Duration.ofHours(2));
        add(closed, new HazardClosedOut(id, 1, "closed", verifier),
                signed("hazard.close-out", id, verifier, closed.minus(Duration.ofMinutes(1))));
        return id;
    }

    // ---- the planted cases ------------------------------------------------------------------------------------

    private void plant() {
        Instant base = START.plusMonths(6).toInstant().plus(Duration.ofDays(70)); // late in a quarter, after its clean starts

        // closed out although the verification failed (legacy data: the commands refuse it)
        String h = newHazard(base, "ent-0");
        Instant t = base.plus(Duration.ofDays(2));
        long sub = add(t, new RectificationSubmitted(h, 1, "fixed", List.of(evidence(t)), "p-owner-0"), null);
        long ver = add(t.plus(Duration.ofHours(1)), new RectificationVerified(h, 1, false, "still leaking", "p-verifier-0"), null);
        long close = add(t.plus(Duration.ofHours(2)), new HazardClosedOut(h, 1, "closed anyway", "p-verifier-0"), null);
        expect(FlagRule.CLOSED_WITHOUT_PASSED_VERIFICATION, h, sub, ver, close);

        // a general hazard verified on a submission without evidence
        h = newHazard(base.plus(Duration.ofHours(3)), "ent-1");
        t = base.plus(Duration.ofDays(3));
        sub = add(t, new RectificationSubmitted(h, 1, "fixed", List.of(), "p-owner-1"), null);
        ver = add(t.plus(Duration.ofHours(1)), new RectificationVerified(h, 1, true, "ok", "p-verifier-1"), null);
        expect(FlagRule.VERIFIED_WITHOUT_EVIDENCE, h, sub, ver);

        // the owner, who submitted, verifies
        h = newHazard(base.plus(Duration.ofHours(5)), "ent-2");
        long plan = (long) marks.get(h + ".plan");
        t = base.plus(Duration.ofDays(4));
        sub = add(t, new RectificationSubmitted(h, 1, "fixed", List.of(evidence(t)), "p-owner-2"), null);
        ver = add(t.plus(Duration.ofHours(1)), new RectificationVerified(h, 1, true, "ok", "p-owner-2"), null);
        expect(FlagRule.VERIFIER_INVOLVED, h, ver, plan, sub);

        // "after" evidence captured before the hazard was found
        h = newHazard(base.plus(Duration.ofHours(7)), "ent-3");
        long report = (long) marks.get(h + ".report");
        t = base.plus(Duration.ofDays(5));
        sub = add(t, new RectificationSubmitted(h, 1, "fixed", List.of(evidence(base.minus(Duration.ofDays(40)))),
                "p-owner-3"), null);
        expect(FlagRule.EVIDENCE_BEFORE_FACT, h, report, sub);

        // the same rectification photo on two hazards
        String first = newHazard(base.plus(Duration.ofHours(9)), "ent-4");
        String second = newHazard(base.plus(Duration.ofHours(11)), "ent-4");
        t = base.plus(Duration.ofDays(6));
        Evidence photo = evidence(t);
        long sub1 = add(t, new RectificationSubmitted(first, 1, "fixed", List.of(photo), "p-owner-4"), null);
        long sub2 = add(t.plus(Duration.ofHours(1)), new RectificationSubmitted(second, 1, "fixed", List.of(photo),
                "p-owner-4"), null);
        expect(FlagRule.EVIDENCE_REUSED, second, sub1, sub2);

        // "after" identical to "before"
        h = newHazard(base.plus(Duration.ofHours(13)), "ent-5");
        report = (long) marks.get(h + ".report");
        t = base.plus(Duration.ofDays(7));
        sub = add(t, new RectificationSubmitted(h, 1, "fixed", List.of((Evidence) marks.get(h + ".before")),
                "p-owner-5"), null);
        expect(FlagRule.AFTER_EQUALS_BEFORE, h, report, sub);

        // closed three hours before the deadline on a resubmission of the same photo
        h = newHazard(base.plus(Duration.ofHours(15)), "ent-6");
        plan = (long) marks.get(h + ".plan");
        LocalDate due = (LocalDate) marks.get(h + ".due");
        Instant deadline = due.plusDays(1).atStartOfDay(ZONE).toInstant();
        t = deadline.minus(Duration.ofDays(3));
        Evidence same = evidence(t);
        add(t, new RectificationSubmitted(h, 1, "fixed", List.of(same), "p-owner-6"), null);
        add(t.plus(Duration.ofHours(1)), new RectificationVerified(h, 1, false, "not done", "p-verifier-2"), null);
        sub = add(deadline.minus(Duration.ofHours(5)), new RectificationSubmitted(h, 2, "fixed now", List.of(same),
                "p-owner-6"), null);
        add(deadline.minus(Duration.ofHours(4)), new RectificationVerified(h, 2, true, "ok", "p-verifier-2"), null);
        close = add(deadline.minus(Duration.ofHours(3)), new HazardClosedOut(h, 2, "closed", "p-verifier-2"), null);
        expect(FlagRule.LAST_MINUTE_CLOSURE, h, plan, sub, close);

        // two extensions
        h = newHazard(base.plus(Duration.ofHours(17)), "ent-7");
        due = (LocalDate) marks.get(h + ".due");
        long ext1 = add(base.plus(Duration.ofDays(8)), new DeadlineExtended(h, due, due.plusDays(20), "parts", "p-verifier-0"), null);
        long ext2 = add(base.plus(Duration.ofDays(9)), new DeadlineExtended(h, due.plusDays(20), due.plusDays(40),
                "more parts", "p-verifier-0"), null);
        expect(FlagRule.REPEATED_EXTENSIONS, h, ext1, ext2);

        // five close-outs by one verifier within eight minutes
        Instant burst = base.plus(Duration.ofDays(12));
        long[] closes = new long[5];
        for (int k = 0; k < 5; k++) {
            String b = newHazard(base.plus(Duration.ofHours(19 + k)), "ent-8");
            Instant bt = burst.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(10L * k));
            add(bt, new RectificationSubmitted(b, 1, "fixed", List.of(evidence(bt)), "p-owner-8"), null);
            add(bt.plus(Duration.ofHours(1)), new RectificationVerified(b, 1, true, "ok", "p-verifier-burst"), null);
            closes[k] = add(burst.plus(Duration.ofMinutes(2L * k)), new HazardClosedOut(b, 1, "closed", "p-verifier-burst"), null);
        }
        expect(FlagRule.CLOSURE_BURST, "p-verifier-burst", closes);

        // the same leak at the same flange a month after close-out
        String firstLeak = "hz-recur-a";
        Instant r0 = base.plus(Duration.ofDays(14));
        report(r0, firstLeak, "ent-9", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, "flange 7", r0, "p-staff-9",
                evidence(r0));
        add(r0.plus(Duration.ofHours(1)), new RectificationPlanned(firstLeak, "gasket", "p-owner-9",
                LocalDate.ofInstant(r0, ZONE).plusDays(30), null, null, null, "p-owner-9"), null);
        add(r0.plus(Duration.ofDays(2)), new RectificationSubmitted(firstLeak, 1, "gasket replaced",
                List.of(evidence(r0.plus(Duration.ofDays(2)))), "p-owner-9"), null);
        add(r0.plus(Duration.ofDays(3)), new RectificationVerified(firstLeak, 1, true, "ok", "p-verifier-1"), null);
        close = add(r0.plus(Duration.ofDays(3).plusHours(1)), new HazardClosedOut(firstLeak, 1, "closed", "p-verifier-1"), null);
        Instant again = r0.plus(Duration.ofDays(33));
        report = report(again, "hz-recur-b", "ent-9", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, "flange 7",
                again.minus(Duration.ofHours(2)), "p-staff-9", evidence(again));
        expect(FlagRule.RECURRENCE, "hz-recur-b", close, report);

        // a key revoked later, effective before an act it signed; a key used before it was valid
        person(base, "p-verifier-keys", null, Role.VERIFIER);
        key(base, "p-verifier-keys", base.minus(Duration.ofDays(1)));
        h = newHazard(base.plus(Duration.ofDays(15)), "ent-0");
        t = base.plus(Duration.ofDays(17));
        add(t, new RectificationSubmitted(h, 1, "fixed", List.of(evidence(t)), "p-owner-0"), null);
        long signedAct = add(t.plus(Duration.ofHours(1)), new RectificationVerified(h, 1, true, "ok", "p-verifier-keys"),
                signed("hazard.verify", h, "p-verifier-keys", t.plus(Duration.ofMinutes(50))));
        long revocation = add(t.plus(Duration.ofDays(3)), new KeyRevoked("p-verifier-keys", keyId("p-verifier-keys"),
                "laptop stolen", t.minus(Duration.ofDays(1)), "p-verifier-keys"),
                signed("key.revoke", "p-verifier-keys", "p-verifier-keys", t.plus(Duration.ofDays(3))));
        expect(FlagRule.KEY_NOT_VALID, h, signedAct, revocation);
        person(base, "p-verifier-early", null, Role.VERIFIER);
        key(base, "p-verifier-early", base.plus(Duration.ofDays(30)));
        h = newHazard(base.plus(Duration.ofDays(16)), "ent-1");
        t = base.plus(Duration.ofDays(18));
        add(t, new RectificationSubmitted(h, 1, "fixed", List.of(evidence(t)), "p-owner-1"), null);
        signedAct = add(t.plus(Duration.ofHours(1)), new RectificationVerified(h, 1, true, "ok", "p-verifier-early"),
                signed("hazard.verify", h, "p-verifier-early", t.plus(Duration.ofMinutes(55))));
        expect(FlagRule.KEY_NOT_VALID, h, signedAct);

        // a statement signed five hours before the act was recorded
        h = newHazard(base.plus(Duration.ofDays(19)), "ent-2");
        t = base.plus(Duration.ofDays(21));
        add(t, new RectificationSubmitted(h, 1, "fixed", List.of(evidence(t)), "p-owner-2"), null);
        signedAct = add(t.plus(Duration.ofHours(6)), new RectificationVerified(h, 1, true, "ok", "p-verifier-0"),
                signed("hazard.verify", h, "p-verifier-0", t.plus(Duration.ofHours(1))));
        expect(FlagRule.CLAIMED_TIME_FAR, h, signedAct);

        // a quarter in which only supervisory inspections found hazards at one enterprise
        ZonedDateTime quarter = START.plusMonths(15);
        Instant s1 = quarter.toInstant().plus(Duration.ofDays(20));
        long sup1 = report(s1, "hz-sup-1", "ent-silent", HazardLevel.MAJOR, HazardSource.SUPERVISORY_INSPECTION,
                "furnace 1", s1.minus(Duration.ofHours(3)), "p-inspector", evidence(s1));
        Instant s2 = quarter.toInstant().plus(Duration.ofDays(50));
        long sup2 = report(s2, "hz-sup-2", "ent-silent", HazardLevel.GENERAL, HazardSource.SUPERVISORY_INSPECTION,
                "furnace 2", s2.minus(Duration.ofHours(3)), "p-inspector", evidence(s2));
        expect(FlagRule.SILENT_SELF_INSPECTION, "ent-silent", sup1, sup2);
    }

    /** A hazard reported and planned (due 30 days after it was found), for a planted case to continue. */
    private String newHazard(Instant at, String enterprise) {
        String id = "hz-p" + hazardCounter++;
        int n = Integer.parseInt(enterprise.substring(4));
        Evidence before = evidence(at.minus(Duration.ofHours(1)));
        long report = report(at, id, enterprise, HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, "unit-" + id,
                at.minus(Duration.ofHours(1)), "p-staff-" + n, before);
        LocalDate due = LocalDate.ofInstant(at, ZONE).plusDays(30);
        long plan = add(at.plus(Duration.ofMinutes(30)), new RectificationPlanned(id, "fix", "p-owner-" + n, due, null,
                null, null, "p-owner-" + n), null);
        marks.put(id + ".report", report);
        marks.put(id + ".plan", plan);
        marks.put(id + ".due", due);
        marks.put(id + ".before", before);
        return id;
    }

    // ---- building blocks --------------------------------------------------------------------------------------

    private long report(Instant at, String id, String enterprise, HazardLevel level, HazardSource source,
                        String location, Instant found, String by, Evidence before) {
        return add(at, new HazardReported(id, enterprise, level, source,
                level == HazardLevel.MAJOR ? "AQ/T 2023 No.10 Art.4(1)" : null, "fire safety", location, "leak",
                "aged", found, by, List.of(before), null, null), null);
    }

    private void person(Instant at, String id, String enterprise, Role role) {
        add(at, new PersonRegistered(id, id, enterprise, List.of(role)), null);
    }

    private void key(Instant at, String person, Instant validFrom) {
        add(at, new KeyRegistered(person, keyId(person), SignatureAlgorithm.ED25519, "key-of-" + person, validFrom,
                person), null);
    }

    private static String keyId(String person) {
        return Hashes.sha256Hex(person.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    private Statement signed(String action, String aggregate, String signer, Instant claimed) {
        return new Statement(action, aggregate, "0".repeat(64), "0".repeat(64), signer, keyId(signer),
                claimed.toString(), Statement.PERSONAL);
    }

    private Evidence evidence(Instant captured) {
        String seed = "evidence-" + evidenceCounter++;
        return new Evidence(Hashes.sha256Hex(seed.getBytes(StandardCharsets.UTF_8)), "image/jpeg", captured, seed + ".jpg");
    }

    /** Schedules an event; returns its sequence number, turned into its ledger index by {@link #finish()}. */
    private long add(Instant at, Object payload, Statement signed) {
        items.add(new Item(at, seq, payload, signed));
        return seq++;
    }

    private void expect(FlagRule rule, String subject, long... seqs) {
        Set<Long> cited = new TreeSet<>();
        for (long s : seqs) {
            cited.add(s);
        }
        planted.add(new Planted(rule, subject, cited));
    }

    /** Orders the events by time (then by scheduling order) and gives each its index and entry hash. */
    private void finish() {
        List<Item> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.comparing(Item::at).thenComparingLong(Item::seq));
        Map<Long, Long> indexOf = new HashMap<>();
        events = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            Item item = ordered.get(i);
            indexOf.put(item.seq(), (long) i);
            events.add(new RecordedEvent(i, hash(i), aggregateOf(item.payload()), item.at(), item.payload(),
                    item.signed() == null ? null : new SignedStatement(item.signed(), "signature")));
        }
        planted.replaceAll(p -> {
            Set<Long> cited = new TreeSet<>();
            p.cited().forEach(s -> cited.add(indexOf.get(s)));
            return new Planted(p.rule(), p.subject(), cited);
        });
    }

    static String hash(long index) {
        return Hashes.sha256Hex(("entry-" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static String aggregateOf(Object payload) {
        if (payload instanceof HazardReported r) {
            return r.hazardId();
        } else if (payload instanceof RectificationPlanned p) {
            return p.hazardId();
        } else if (payload instanceof RectificationSubmitted s) {
            return s.hazardId();
        } else if (payload instanceof RectificationVerified v) {
            return v.hazardId();
        } else if (payload instanceof HazardClosedOut c) {
            return c.hazardId();
        } else if (payload instanceof DeadlineExtended d) {
            return d.hazardId();
        } else if (payload instanceof PersonRegistered p) {
            return p.personId();
        } else if (payload instanceof KeyRegistered k) {
            return k.personId();
        } else if (payload instanceof KeyRevoked k) {
            return k.personId();
        } else if (payload instanceof EnterpriseRegistered e) {
            return e.enterpriseId();
        }
        throw new IllegalArgumentException("no aggregate for " + payload);
    }
}
