package io.hazardledger.api.hazard;

import io.hazardledger.Ledger;
import io.hazardledger.LedgerPosition;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.api.access.Access;
import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.signing.SignedAct;
import io.hazardledger.api.support.WriteResponse;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.register.HazardSummary;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.register.OpenMajorHazards;
import io.hazardledger.register.RegisterFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Hazards and their closed loop, and the register. Every write answers with its ledger entries. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Hazards", description = "Report, plan, rectify, verify and close out hazards; the hazard register")
public class HazardController {

    private final Ledger ledger;
    private final Access access;

    public HazardController(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    @PostMapping("/hazards")
    @Operation(summary = "Report a hazard (a major hazard must cite its criterion clause)")
    @ResponseStatus(HttpStatus.CREATED)   // ResponseEntity sets it; this documents it
    public ResponseEntity<WriteResponse> report(@RequestBody HazardRequests.Report r) {
        // an id left out is the server's: the one the signed statement was prepared with (POST /statements assigned
        // it there), else a new one
        String signedFor = r.signature() == null || r.signature().statement() == null ? null
                : r.signature().statement().aggregateId();
        String id = r.hazardId() != null ? r.hazardId() : signedFor != null ? signedFor : "hz-" + UUID.randomUUID();
        access.forEnterprise("enterpriseId", r.enterpriseId());
        access.actsAs("reportedBy", r.reportedBy());
        access.signs(r.signature());
        access.newId("hazardId", r.hazardId() != null ? r.hazardId() : signedFor);
        access.inspectionRef("inspectionId", r.inspectionId());
        var receipt = ledger.execute(r.toCommand(id), SignatureBody.toSigned(r.signature()),
                access.callerId());
        return ResponseEntity.created(URI.create("/api/v1/hazards/" + id)).body(WriteResponse.of(id, receipt));
    }

    @PostMapping("/hazards/{hazardId}/plan")
    @Operation(summary = "Plan the rectification: measures, owner, due date, funding, interim controls")
    public WriteResponse plan(@PathVariable String hazardId, @RequestBody HazardRequests.Plan r) {
        access.actsAs("plannedBy", r.plannedBy());
        access.actsAs("ownerId", r.ownerId());   // the owner accepts the plan (the signed act): the caller
        return write(hazardId, r.toCommand(hazardId), r.signature());
    }

    @PostMapping("/hazards/{hazardId}/submissions")
    @Operation(summary = "Submit the rectification with evidence")
    public WriteResponse submit(@PathVariable String hazardId, @RequestBody HazardRequests.Submission r) {
        access.actsAs("submittedBy", r.submittedBy());
        return write(hazardId, r.toCommand(hazardId), r.signature());
    }

    @PostMapping("/hazards/{hazardId}/verifications")
    @Operation(summary = "Verify the latest submission: passed, or failed and back to the owner")
    public WriteResponse verify(@PathVariable String hazardId, @RequestBody HazardRequests.Verification r) {
        access.actsAs("verifierId", r.verifierId());
        return write(hazardId, r.toCommand(hazardId), r.signature());
    }

    @PostMapping("/hazards/{hazardId}/close-out")
    @Operation(summary = "Close the hazard out (销号) after a passed verification")
    public WriteResponse closeOut(@PathVariable String hazardId, @RequestBody HazardRequests.CloseOut r) {
        access.actsAs("closedBy", r.closedBy());
        return write(hazardId, r.toCommand(hazardId), r.signature());
    }

    @PostMapping("/hazards/{hazardId}/reopen")
    @Operation(summary = "Reopen a closed-out hazard")
    public WriteResponse reopen(@PathVariable String hazardId, @RequestBody HazardRequests.Reopen r) {
        access.actsAs("reopenedBy", r.reopenedBy());
        return write(hazardId, r.toCommand(hazardId), r.signature());
    }

    @PostMapping("/hazards/{hazardId}/extensions")
    @Operation(summary = "Extend the deadline, with reason and approver")
    public WriteResponse extend(@PathVariable String hazardId, @RequestBody HazardRequests.Extension r) {
        access.actsAs("approverId", r.approverId());
        return write(hazardId, r.toCommand(hazardId), r.signature());
    }

    private WriteResponse write(String hazardId, Object command, SignatureBody signature) {
        access.hazardToWrite(hazardId);
        access.signs(signature);
        return WriteResponse.of(hazardId, ledger.execute(command, SignatureBody.toSigned(signature),
                access.callerId()));
    }

    @GetMapping("/hazards/{hazardId}/responsibility")
    @Operation(summary = "The chain of responsibility: who found, reported, planned, submitted, verified and closed, "
            + "each with its ledger entry and signature status")
    public List<SignedAct> responsibility(@PathVariable String hazardId, @RequestParam(required = false) Long atIndex,
                                          @RequestParam(required = false) java.time.Instant asOf) {
        access.hazard(hazardId);
        LedgerPosition at = asked(atIndex, asOf);
        List<SignedAct> acts = at == null ? ledger.trail().responsibilityFor(hazardId)
                : ledger.trail().responsibilityFor(hazardId, at);
        if (acts.isEmpty() || !exists(hazardId, at)) {
            throw notFound(hazardId, at);
        }
        return acts;
    }

    /** A hazard's entries now ({@code at} null) or among the first {@code at.size()}; not found when it had none. */
    private List<HistoryEntry> historyAt(String hazardId, LedgerPosition at) {
        access.hazard(hazardId);
        List<HistoryEntry> entries = at == null ? ledger.register().history(hazardId)
                : ledger.register().history(hazardId, at);
        if (entries.isEmpty() || !exists(hazardId, at)) {
            throw notFound(hazardId, at);
        }
        return entries;
    }

    private boolean exists(String hazardId, LedgerPosition at) {
        return (at == null ? ledger.register().get(hazardId) : ledger.register().get(hazardId, at)).isPresent();
    }

    /** The position asked about, or null for now (answered from the current tables). */
    private LedgerPosition asked(Long atIndex, java.time.Instant asOf) {
        return atIndex == null && asOf == null ? null : ledger.position(atIndex, asOf);
    }

    private static NotFoundException notFound(String hazardId, LedgerPosition at) {
        return new NotFoundException("no hazard with id '" + hazardId + "'"
                + (at == null ? "" : " among the ledger's first " + at.size() + " entries"));
    }

    @GetMapping("/hazards")
    @Operation(summary = "The hazard register, filtered; overdue = due date ended, and the rectification planned or "
            + "submitted after that end (one submitted before it, or verified, is not: docs/FORMAT.md 8.1); with "
            + "atIndex (a ledger size) or asOf (a time), as the ledger stood then, overdue judged on that day")
    public List<HazardSummary> register(@RequestParam(required = false) String enterpriseId,
                                        @RequestParam(required = false) HazardLevel level,
                                        @RequestParam(required = false) HazardStatus status,
                                        @RequestParam(required = false) HazardSource source,
                                        @RequestParam(required = false) Boolean overdue,
                                        @RequestParam(required = false) Integer limit,
                                        @RequestParam(required = false) Integer offset,
                                        @RequestParam(required = false) Long atIndex,
                                        @RequestParam(required = false) java.time.Instant asOf) {
        LedgerPosition at = asked(atIndex, asOf);
        access.filters(enterpriseId, null, null, at);
        RegisterFilter asked = new RegisterFilter(enterpriseId, level, status, source, overdue, limit, offset);
        return access.scoped(asked)
                .map(filter -> at == null ? ledger.register().find(filter) : ledger.register().find(filter, at))
                .map(rows -> rows.stream().map(this::forCaller).toList())
                .orElse(List.of());
    }

    @GetMapping("/hazards/{hazardId}")
    @Operation(summary = "One hazard as the register holds it now, or with atIndex or asOf as it stood then")
    public HazardSummary hazard(@PathVariable String hazardId, @RequestParam(required = false) Long atIndex,
                                        @RequestParam(required = false) java.time.Instant asOf) {
        access.hazard(hazardId);
        LedgerPosition at = asked(atIndex, asOf);
        return (at == null ? ledger.register().get(hazardId) : ledger.register().get(hazardId, at))
                .map(this::forCaller).orElseThrow(() -> notFound(hazardId, at));
    }

    /**
     * Enterprise staff do not learn from their register whether a whistleblower's tip preceded their own report
     * (that a tip exists, and when, could point at who gave it): the outside finding is left out for them.
     */
    private HazardSummary forCaller(HazardSummary row) {
        return access.enterpriseOnly().isPresent() ? row.withoutOutsideFindings() : row;
    }

    @GetMapping("/hazards/{hazardId}/history")
    @Operation(summary = "Every event of one hazard with its ledger index, entry hash and entry; with atIndex (a ledger"
            + " size) or asOf (a time), as the ledger stood then")
    public List<HistoryItem> history(@PathVariable String hazardId, @RequestParam(required = false) Long atIndex,
                                     @RequestParam(required = false) java.time.Instant asOf) {
        List<HistoryEntry> entries = historyAt(hazardId, asked(atIndex, asOf));
        return entries.stream().map(HistoryItem::of).toList();
    }

    @GetMapping(value = "/hazards/{hazardId}/dossier", produces = "application/json")
    @Operation(summary = "The hazard's dossier (docs/FORMAT.md section 16): timeline with signers, stages, deadlines, "
            + "responsibilities, inspections that did not act, flags, and every cited entry with its inclusion proof in a"
            + " signed checkpoint; with atIndex or asOf as the ledger stood then. Check it offline with verify-dossier")
    public ResponseEntity<byte[]> dossier(@PathVariable String hazardId, @RequestParam(required = false) Long atIndex,
                                          @RequestParam(required = false) java.time.Instant asOf) {
        return ResponseEntity.ok()
                .header("Content-Disposition", "inline; filename=\"dossier-" + safeName(hazardId) + ".json\"")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(io.hazardledger.dossier.DossierDocuments.json(dossierOf(hazardId, atIndex, asOf)));
    }

    @GetMapping(value = "/hazards/{hazardId}/dossier.html", produces = "text/html")
    @Operation(summary = "The dossier as a standalone HTML report with a timeline chart (inline SVG, no script, no "
            + "network) that prints cleanly; with atIndex or asOf as the ledger stood then")
    public ResponseEntity<String> dossierHtml(@PathVariable String hazardId, @RequestParam(required = false) Long atIndex,
                                              @RequestParam(required = false) java.time.Instant asOf) {
        return ResponseEntity.ok()
                .contentType(new org.springframework.http.MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(io.hazardledger.dossier.DossierDocuments.html(dossierOf(hazardId, atIndex, asOf),
                        ledger.zone()));
    }

    private io.hazardledger.dossier.HazardDossier dossierOf(String hazardId, Long atIndex, java.time.Instant asOf) {
        access.hazard(hazardId);
        LedgerPosition at = ledger.position(atIndex, asOf);
        try {
            return ledger.dossier(hazardId, at);
        } catch (io.hazardledger.UnknownReferenceException e) {
            throw notFound(hazardId, atIndex == null && asOf == null ? null : at);
        }
    }

    /** An id as a file name: letters, digits, dot, dash and underscore kept, anything else replaced. */
    private static String safeName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A hazard's history with, for each entry, its inclusion proof in the checkpoint served with it. */
    public record VerifiedHistory(String checkpoint, long treeSize, List<VerifiedItem> entries) {
    }

    /** One entry of a verified history: as {@link HistoryItem}, plus its inclusion proof (base64, RFC 9162). */
    public record VerifiedItem(long index, String entryHash, String eventType,
                               @com.fasterxml.jackson.annotation.JsonRawValue String entry, List<String> inclusionProof) {
    }

    @GetMapping("/hazards/{hazardId}/verified-history")
    @Operation(summary = "The history with an inclusion proof for each entry and the signed checkpoint they are proved "
            + "against (made now if the history reaches past the latest one), so a client checks what it was shown; with "
            + "atIndex or asOf, the history as the ledger stood then")
    public VerifiedHistory verifiedHistory(@PathVariable String hazardId, @RequestParam(required = false) Long atIndex,
                                           @RequestParam(required = false) java.time.Instant asOf) {
        List<HistoryEntry> entries = historyAt(hazardId, asked(atIndex, asOf));
        var checkpoints = ledger.checkpoints()
                .orElseThrow(() -> new NotFoundException("this ledger signs no checkpoints"));
        long last = entries.get(entries.size() - 1).index();
        String note = checkpoints.latest().filter(n -> size(n) > last).orElseGet(checkpoints::checkpointNow);
        long treeSize = size(note);
        var b64 = java.util.Base64.getEncoder();
        List<VerifiedItem> items = entries.stream().map(e -> new VerifiedItem(e.index(), e.entryHash(), e.eventType(),
                e.entryJson(), ledger.log().inclusionProof(e.index(), treeSize).stream().map(b64::encodeToString).toList()))
                .toList();
        return new VerifiedHistory(note, treeSize, items);
    }

    private static long size(String note) {
        return Long.parseLong(note.split("\n", 3)[1]);
    }

    @GetMapping("/register/open-major")
    @Operation(summary = "Open major hazards per enterprise (dynamic zeroing, 动态清零), zeros included; with atIndex or "
            + "asOf as the ledger stood then")
    public List<OpenMajorHazards> openMajor(@RequestParam(required = false) Long atIndex,
                                            @RequestParam(required = false) java.time.Instant asOf) {
        LedgerPosition at = asked(atIndex, asOf);
        return access.visible(at == null ? ledger.register().openMajorHazards() : ledger.register().openMajorHazards(at),
                OpenMajorHazards::enterpriseId);
    }
}
