package io.hazardledger.supervision.internal;

import io.hazardledger.LedgerPosition;
import io.hazardledger.directory.EnterpriseRecord;
import io.hazardledger.flags.FlagQuery;
import io.hazardledger.flags.IntegrityFlag;
import io.hazardledger.flags.IntegrityFlags;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.register.HazardRegister;
import io.hazardledger.register.HazardSummary;
import io.hazardledger.register.RegisterFilter;
import io.hazardledger.supervision.CadenceStatus;
import io.hazardledger.supervision.GradeAssessment;
import io.hazardledger.supervision.GradeFactor;
import io.hazardledger.supervision.GradingRules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the inputs of the grades as the ledger stood at a position (its first {@code size} entries, judged on the
 * day of its moment in the park's time zone), from the projections as of that size: so the inputs an assessment
 * states can be read again from the same entries (docs/FORMAT.md section 19).
 */
public final class GradeInputs {

    private static final int PAGE = 1000;

    private final io.hazardledger.directory.Directory directory;
    private final HazardRegister register;
    private final IntegrityFlags flags;
    private final CadenceView cadences;
    private final GradingRules rules;
    private final ZoneId zone;
    /** The zone as a grade entry names it (as a dossier does). */
    private final String zoneId;

    public GradeInputs(io.hazardledger.directory.Directory directory, HazardRegister register, IntegrityFlags flags,
                       CadenceView cadences, GradingRules rules, ZoneId zone) {
        this.directory = directory;
        this.register = register;
        this.flags = flags;
        this.cadences = cadences;
        this.rules = rules;
        this.zone = zone;
        this.zoneId = io.hazardledger.dossier.internal.DeadlineOutcomes.idOf(zone);
    }

    public GradingRules rules() {
        return rules;
    }

    /** One enterprise, which the first {@code at.size()} entries must register. */
    public GradeAssessment assess(EnterpriseRecord enterprise, LedgerPosition at) {
        String id = enterprise.enterpriseId();
        return assessment(enterprise, at, openMajor(at, id), overdue(at, id), openFlags(at, id), behind(at, id));
    }

    /** Every enterprise the first {@code at.size()} entries register, in id order. */
    public List<GradeAssessment> assessAll(LedgerPosition at) {
        Map<String, List<String>> openMajor = openMajor(at, null);
        Map<String, List<String>> overdue = overdue(at, null);
        Map<String, List<String>> openFlags = openFlags(at, null);
        Map<String, List<String>> behind = behind(at, null);
        Map<String, EnterpriseRecord> known = new HashMap<>();
        directory.enterprises().forEach(e -> known.put(e.enterpriseId(), e));
        List<GradeAssessment> out = new ArrayList<>();
        for (var registered : register.openMajorHazards(at)) {   // the enterprises registered by then, in id order
            EnterpriseRecord e = known.get(registered.enterpriseId());
            if (e != null) {
                out.add(assessment(e, at, openMajor, overdue, openFlags, behind));
            }
        }
        return out;
    }

    private GradeAssessment assessment(EnterpriseRecord e, LedgerPosition at, Map<String, List<String>> openMajor,
                                       Map<String, List<String>> overdue, Map<String, List<String>> openFlags,
                                       Map<String, List<String>> behind) {
        String id = e.enterpriseId();
        List<GradeFactor> factors = rules.factors(e.highRisk(), e.size(), e.sector(),
                openMajor.getOrDefault(id, List.of()), overdue.getOrDefault(id, List.of()),
                openFlags.getOrDefault(id, List.of()), behind.getOrDefault(id, List.of()));
        int score = GradingRules.score(factors);
        return new GradeAssessment(id, score, rules.thresholds().grade(score), factors, rules.thresholds(), at.size(),
                day(at), zoneId, flags.parameters());
    }

    private LocalDate day(LedgerPosition at) {
        return LocalDate.ofInstant(at.moment(), zone);
    }

    /** Major hazards not closed out, by enterprise: hazard ids in id order. */
    private Map<String, List<String>> openMajor(LedgerPosition at, String enterpriseId) {
        Map<String, List<String>> out = new HashMap<>();
        for (HazardStatus status : HazardStatus.values()) {
            if (status != HazardStatus.CLOSED) {
                hazards(new RegisterFilter(enterpriseId, HazardLevel.MAJOR, status, null, null, PAGE, 0), at, out);
            }
        }
        out.values().forEach(ids -> ids.sort(null));
        return out;
    }

    /** Hazards of any level overdue on the day (docs/FORMAT.md 8.1), by enterprise: ids in id order. */
    private Map<String, List<String>> overdue(LedgerPosition at, String enterpriseId) {
        Map<String, List<String>> out = new HashMap<>();
        hazards(new RegisterFilter(enterpriseId, null, null, null, true, PAGE, 0), at, out);
        out.values().forEach(ids -> ids.sort(null));
        return out;
    }

    private void hazards(RegisterFilter first, LedgerPosition at, Map<String, List<String>> out) {
        for (int offset = 0; ; offset += PAGE) {
            List<HazardSummary> page = register.find(new RegisterFilter(first.enterpriseId(), first.level(),
                    first.status(), null, first.overdue(), PAGE, offset), at);
            page.forEach(h -> out.computeIfAbsent(h.enterpriseId(), k -> new ArrayList<>()).add(h.hazardId()));
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** Integrity flags raised before the size and not acknowledged before it, by enterprise: flag ids, as raised. */
    private Map<String, List<String>> openFlags(LedgerPosition at, String enterpriseId) {
        Map<String, List<String>> out = new HashMap<>();
        for (int offset = 0; ; offset += PAGE) {
            List<IntegrityFlag> page = flags.find(new FlagQuery(enterpriseId, null, null, null, null, null, at.size(),
                    null, PAGE, offset));
            page.stream().filter(f -> f.acknowledgement() == null && f.enterpriseId() != null)
                    .forEach(f -> out.computeIfAbsent(f.enterpriseId(), k -> new ArrayList<>()).add(f.flagId()));
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    /** The cadences behind on the day, by enterprise: cadence names in declaration order. */
    private Map<String, List<String>> behind(LedgerPosition at, String enterpriseId) {
        Map<String, List<String>> out = new HashMap<>();
        for (CadenceStatus s : cadences.on(day(at), at.size(), enterpriseId)) {
            if (s.behind()) {
                out.computeIfAbsent(s.enterpriseId(), k -> new ArrayList<>()).add(s.cadence().name());
            }
        }
        return out;
    }
}
