package io.hazardledger.api.ledger;

import io.hazardledger.Ledger;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

import static io.hazardledger.api.support.Problems.TYPE_PREFIX;

/** The ledger itself: verification of the hash chain, and rebuilding the projections. */
@RestController
@RequestMapping("/api/v1/ledger")
@Tag(name = "Ledger", description = "Verify the hash chain; rebuild projections")
public class LedgerController {

    /**
     * {@code valid}: the chain verified and every signature holds; findings name signatures that do not;
     * {@code checkpoints}: the stored checkpoints compared with the entries ({@code agreeing} state the root the
     * entries make, the largest that the log signed of size {@code latest}, null when it signed none of them;
     * {@code ignored} did not, and the log's keys did not sign them); {@code clockSteps}: warnings of recorded times
     * that went back; {@code weeklyReportsNotServed}: the weeks whose kept report failed its check (a warning: the
     * week is computed again from the entries).
     */
    record Verification(boolean valid, long size, String headHash,
                        List<VerifiedLedger.SignatureFinding> signatureFindings,
                        VerifiedLedger.Checkpoints checkpoints, List<VerifiedLedger.ClockStep> clockSteps,
                        List<java.time.LocalDate> weeklyReportsNotServed) {
    }

    /**
     * {@code replayed}: the entries checked and fed to the projections; {@code projections}: each one compared with
     * what the entries make ({@code rowsChanged}: the rows it corrected; {@code rewritten}, with no count, only for a
     * projection written again whole without comparing, which this version has none of); {@code corrected}: whether any
     * projection held rows the entries do not make (after a dry run, {@code dryRun} true: hold them still, as nothing
     * was written); {@code signaturesVerifiedEarlier}: the
     * signatures taken as checked because an earlier replay checked them and the entries still make the Merkle root
     * it signed (every other one was checked).
     */
    record Replay(long replayed, boolean corrected, List<io.hazardledger.ReplayReport.Rebuilt> projections,
                  long signaturesVerifiedEarlier, boolean dryRun) {
    }

    /**
     * {@code hazardsWaiting}: the open hazards that wait for a deadline, each for one; {@code rowsRead}: the
     * scheduler's deadline rows read, {@code unreadableRows} of them unreadable (they serve none); {@code unserved}:
     * the pending deadlines that no row serves ({@code hazardId}, {@code deadline}: {@code rectification-due} or
     * {@code escalation-step}, {@code dueDate}, {@code cycle}, {@code stepNo} for a step, {@code moment}); {@code failing}: the pending deadlines whose rows all failed when they
     * last fired (the same, with {@code consecutiveFailures} and {@code lastFailure}: the scheduler tries again a few
     * minutes later; the server's log says why); {@code setAgain}: whether each unserved one was set again (not after a
     * dry run); {@code holds}: whether every pending deadline had a row.
     */
    record Deadlines(int hazardsWaiting, int rowsRead, int unreadableRows, List<Unserved> unserved,
                     List<Unserved> failing, boolean setAgain, boolean holds) {
    }

    /** One pending deadline that no row of the scheduler serves, or whose rows failed when they last fired. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Unserved(String hazardId, String deadline, java.time.LocalDate dueDate, int cycle, Integer stepNo,
                    java.time.Instant moment, Integer consecutiveFailures, java.time.Instant lastFailure) {

        static Unserved of(io.hazardledger.hazard.PendingDeadline p, Integer failures, java.time.Instant lastFailure) {
            if (p.payload() instanceof io.hazardledger.hazard.Hazard.StepDeadline step) {
                return new Unserved(p.hazardId(), p.deadlineName(), step.dueDate(), step.cycle(), step.stepNo(),
                        p.moment(), failures, lastFailure);
            }
            var due = (io.hazardledger.hazard.Hazard.DueDeadline) p.payload();
            return new Unserved(p.hazardId(), p.deadlineName(), due.dueDate(), due.cycle(), null, p.moment(), failures,
                    lastFailure);
        }
    }

    private final Ledger ledger;

    public LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/verification")
    @Operation(summary = "Recompute every entry from the stored events and check every link",
            description = "200 with the size and head hash when the whole ledger holds; 409 problem+json naming the "
                    + "first index that breaks, the failed check, and expected against computed values otherwise.")
    public ResponseEntity<?> verify() {
        try {
            VerifiedLedger v = ledger.verify();
            return ResponseEntity.ok(new Verification(v.holds(), v.size(), v.headHash(), v.signatureFindings(),
                    v.checkpoints(), v.clockSteps(), v.weeklyReportsNotServed()));
        } catch (LedgerIntegrityException e) {
            ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
            pd.setType(URI.create(TYPE_PREFIX + "ledger-integrity"));
            pd.setTitle("The ledger does not verify");
            pd.setProperty("code", "ledger-integrity");
            pd.setProperty("valid", false);
            pd.setProperty("index", e.index());
            pd.setProperty("check", e.check());
            pd.setProperty("expected", e.expected());
            pd.setProperty("computed", e.computed());
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
        }
    }

    @PostMapping("/deadlines")
    @Operation(summary = "Compare each open hazard's pending deadline with the deadline scheduler's rows, and set "
            + "again those that no row serves (or, dryRun, change nothing)",
            description = "A deadline (the end of a due date, then each escalation step) is a row of the ledger's "
                    + "database, not an entry: deleted or moved later outside the ledger, the hazard would never go "
                    + "overdue. What each open hazard waits for is folded from its own events. 200 with the pending "
                    + "deadlines that had no row (holds: whether every one had), set again unless dryRun=true.")
    public Deadlines deadlines(@RequestParam(defaultValue = "false") boolean dryRun,
                               jakarta.servlet.http.HttpServletRequest request) {
        noBody(request);
        io.hazardledger.hazard.DeadlineCheck check = dryRun ? ledger.compareDeadlines() : ledger.restoreDeadlines();
        return new Deadlines(check.hazardsWaiting(), check.rowsRead(), check.unreadableRows(),
                check.unserved().stream().map(p -> Unserved.of(p, null, null)).toList(),
                check.failing().stream().map(f -> Unserved.of(f.deadline(), f.consecutiveFailures(), f.lastFailure()))
                        .toList(), check.setAgain(), check.holds());
    }

    @PostMapping("/replay")
    @Operation(summary = "Rebuild every projection from the ledger, or (dryRun) compare them with it",
            description = "Checks every entry as the verification does (409 problem+json naming the first index that "
                    + "breaks, nothing changed). With dryRun=true, compares every projection with what the entries "
                    + "make and writes nothing: rowsChanged then counts the rows a replay would correct.")
    public Replay replay(@RequestParam(defaultValue = "false") boolean dryRun,
                         jakarta.servlet.http.HttpServletRequest request) {
        noBody(request);
        io.hazardledger.ReplayReport report = dryRun ? ledger.compareProjections() : ledger.replayAndReport();
        return new Replay(report.entries(), report.corrected(), report.projections(),
                report.signaturesVerifiedEarlier(), dryRun);
    }

    /**
     * These requests take no body: one sent (a {@code {"dryRun":true}} say) is refused rather than ignored while the
     * request does what it was not asked to.
     */
    private static void noBody(jakarta.servlet.http.HttpServletRequest request) {
        boolean body;
        try {
            body = request.getContentLengthLong() > 0 || request.getInputStream().read() != -1;
        } catch (java.io.IOException e) {
            throw new io.hazardledger.InvalidInputException("body", "could not be read: " + e.getMessage());
        }
        if (body) {
            throw new io.hazardledger.InvalidInputException("body", "this request takes no body (dryRun is a query "
                    + "parameter: ?dryRun=true)");
        }
    }
}
