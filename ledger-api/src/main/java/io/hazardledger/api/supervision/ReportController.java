package io.hazardledger.api.supervision;

import io.hazardledger.Ledger;
import io.hazardledger.supervision.WeeklyReport;
import io.hazardledger.supervision.WeeklyReportDocuments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The park's weekly report (每周四): JSON, CSV and a printable page, the same bytes for the same week once it ended. */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Supervision", description = "Cadences of leader-led inspections and evacuation drills; weekly reports")
public class ReportController {

    private final Ledger ledger;

    public ReportController(Ledger ledger) {
        this.ledger = ledger;
    }

    private WeeklyReport report(LocalDate week) {
        return ledger.weeklyReport(week != null ? week
                : LocalDate.now(ledger.zone()).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY)));
    }

    @GetMapping(value = "/weekly", produces = "application/json")
    @Operation(summary = "The weekly report of the week ending on the Thursday 'week' (default: this week, ending on "
            + "the coming Thursday): hazards found, rectified, rate, overdue, by level and source, per enterprise and "
            + "park-wide, open major hazards by day, and the signed checkpoint it was computed against")
    public ResponseEntity<byte[]> weekly(@RequestParam(required = false) LocalDate week) {
        WeeklyReport r = report(week);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "inline; filename=\"weekly-" + r.week() + ".json\"")
                .body(WeeklyReportDocuments.json(r));
    }

    @GetMapping(value = "/weekly.csv", produces = "text/csv")
    @Operation(summary = "The weekly report as CSV (RFC 4180): a line for the park and one per enterprise")
    public ResponseEntity<byte[]> weeklyCsv(@RequestParam(required = false) LocalDate week) {
        WeeklyReport r = report(week);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"weekly-" + r.week() + ".csv\"")
                .body(WeeklyReportDocuments.csv(r).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping(value = "/weekly.note", produces = "text/plain;charset=UTF-8")
    @Operation(summary = "The signed note of the kept report of the week ending on the Thursday 'week': its text names "
            + "the week, its sizes and the SHA-256 of the JSON document /weekly answers, signed with the log's "
            + "checkpoint keys (/ledger/key). 404 until the report is kept (00:01 the Friday after the week); 409 "
            + "weekly-report-not-served when its kept row fails its check")
    public String weeklyNote(@RequestParam LocalDate week) {
        return ledger.keptWeeklyReportNote(week).orElseThrow(() -> ledger.weeklyReportKeptButNotServed(week)
                ? new io.hazardledger.RuleViolationException("weekly-report-not-served", "the kept report of the "
                        + "week ending on " + week + " does not hash to its SHA-256, or its note is not signed by this "
                        + "log's keys (changed outside the ledger, or signed by a key no longer configured): it is "
                        + "not served, and /weekly computes that week again from the ledger; verify lists it")
                : new io.hazardledger.api.support.NotFoundException("no kept report of the week ending on " + week
                        + ": a week's report is kept at 00:01 the Friday after it ends, by a server that runs "
                        + "deadlines and signs checkpoints"));
    }

    @GetMapping(value = "/weekly.html", produces = "text/html")
    @Operation(summary = "The weekly report as a standalone printable page with a chart (no script, no network)")
    public ResponseEntity<byte[]> weeklyHtml(@RequestParam(required = false) LocalDate week) {
        WeeklyReport r = report(week);
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(WeeklyReportDocuments.html(r).getBytes(StandardCharsets.UTF_8));
    }
}
