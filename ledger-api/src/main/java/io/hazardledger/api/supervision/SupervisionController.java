package io.hazardledger.api.supervision;

import io.hazardledger.Ledger;
import io.hazardledger.api.access.Access;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.supervision.CadenceStatus;
import io.hazardledger.supervision.GradeAssessment;
import io.hazardledger.supervision.GradeFactor;
import io.hazardledger.supervision.GradeRecord;
import io.hazardledger.supervision.SupervisionGrade;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What the park office supervises: the cadences each enterprise must keep, and each enterprise's grade. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Supervision", description = "Cadences of leader-led inspections and evacuation drills; supervision grades")
public class SupervisionController {

    private final Ledger ledger;
    private final Access access;

    public SupervisionController(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    @GetMapping("/supervision/cadences")
    @Operation(summary = "Each enterprise against each cadence today: a leader-led inspection at least quarterly "
            + "(monthly in a high-risk sector; it counts once signed off and co-signed, on the day of the entry that "
            + "completed it), an evacuation drill yearly (half-yearly): the latest one with its entry, "
            + "the last day the next was due, and whether (and since when) it is behind; behind=true for those behind")
    public List<CadenceStatus> cadences(@RequestParam(required = false) Boolean behind) {
        return access.visible(ledger.cadences().today(), CadenceStatus::enterpriseId).stream()
                .filter(s -> behind == null || s.behind() == behind).toList();
    }

    @GetMapping("/supervision/grades")
    @Operation(summary = "Each enterprise's current supervision grade (A least supervision, D most) as recorded: its "
            + "score, every input with its points, where they were read (atSize, judgedOn, zone), the flag rules' "
            + "parameters (flagParameters), and the entry that records it (index, entryHash); grade=X for those graded "
            + "X. An enterprise not reviewed yet is not listed. The score and inputs are those of the entry, read at "
            + "its atSize: a later change within the same grade is not recorded (grade-assessment scores it now)")
    public List<GradeRecord> grades(@RequestParam(required = false) SupervisionGrade grade) {
        return access.visible(ledger.grades().current(), GradeRecord::enterpriseId).stream()
                .filter(g -> grade == null || g.grade() == grade).map(this::forCaller).toList();
    }

    @GetMapping("/enterprises/{enterpriseId}/grades")
    @Operation(summary = "Every grade recorded for one enterprise, oldest first, each with its inputs and entry")
    public List<GradeRecord> gradeHistory(@PathVariable String enterpriseId) {
        access.enterprise(enterpriseId);
        if (ledger.directory().enterprise(enterpriseId).isEmpty()) {
            throw new NotFoundException("no enterprise with id '" + enterpriseId + "'");
        }
        return ledger.grades().history(enterpriseId).stream().map(this::forCaller).toList();
    }

    @GetMapping("/enterprises/{enterpriseId}/grade-assessment")
    @Operation(summary = "The enterprise scored now by the rules (at the ledger's current size, judged today in the "
            + "park's zone, which it states): every input with its points, the score and the grade it falls in. "
            + "Recorded nowhere: the recorded grade (grades) changes only when a review finds the score in another "
            + "grade, so its score and inputs are those of its entry")
    public GradeAssessment assessment(@PathVariable String enterpriseId) {
        access.enterprise(enterpriseId);
        GradeAssessment now = ledger.grades().assess(enterpriseId).orElseThrow(() ->
                new NotFoundException("no enterprise with id '" + enterpriseId + "'"));
        return access.enterpriseOnly().isEmpty() ? now : now.withoutItemsOf(GradeFactor.Factor.OPEN_FLAGS);
    }

    /**
     * Enterprise staff read their grade, but not which integrity flags count in it (the flags, and the rules that
     * raised them, are for the park office, inspectors and auditors): they get the flags' count and points only.
     */
    private GradeRecord forCaller(GradeRecord record) {
        return access.enterpriseOnly().isEmpty() ? record : record.withoutItemsOf(GradeFactor.Factor.OPEN_FLAGS);
    }
}
