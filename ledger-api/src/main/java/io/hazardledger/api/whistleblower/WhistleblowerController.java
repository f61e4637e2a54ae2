package io.hazardledger.api.whistleblower;

import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.api.access.Access;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.api.support.WriteResponse;
import io.hazardledger.internal.Checks;
import io.hazardledger.whistleblower.FileReport;
import io.hazardledger.whistleblower.FiledReport;
import io.hazardledger.whistleblower.Identity;
import io.hazardledger.whistleblower.IdentityAccess;
import io.hazardledger.whistleblower.LinkReport;
import io.hazardledger.whistleblower.ReportSummary;
import io.hazardledger.whistleblower.RevealIdentity;
import io.hazardledger.whistleblower.RevealedIdentity;
import io.hazardledger.whistleblower.ShredIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
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

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.List;

/**
 * Whistleblower reports (吹哨人): filed by anyone without an account, the reporter's identity sealed before anything
 * is stored; read, linked, revealed and shredded by the park office, every reveal a signed entry written first.
 */
@RestController
@RequestMapping("/api/v1/whistleblower-reports")
@Tag(name = "Whistleblowers", description = "Reports filed without an account, with sealed identities")
public class WhistleblowerController {

    /** A report as filed: the enterprise, where, what, and optionally who (sealed) and how to reach them. */
    public record Filing(String enterpriseId, String location, String description, IdentityBody identity) {
    }

    /** The reporter's name and contact: sealed at once, never stored or shown in the clear. */
    public record IdentityBody(String name, String contact) {
        @Override
        public String toString() {
            return "IdentityBody[sealed]";
        }
    }

    /**
     * The answer to a filing: the report's id and entry; for a report with an identity, the commitment stored and
     * the receipt code (shown only now) with which the reporter can later prove the commitment is theirs.
     */
    public record Filed(String reportId, long index, String entryHash, String commitment, String receiptCode) {
        @Override
        public String toString() {
            return "Filed[" + reportId + ", index " + index + "]";
        }
    }

    public record Reveal(String reason, String revealedBy, SignatureBody signature) {
        public RevealIdentity toCommand(String reportId) {
            return new RevealIdentity(reportId, reason, revealedBy);
        }
    }

    public record Shred(String reason, String shreddedBy, SignatureBody signature) {
        public ShredIdentity toCommand(String reportId) {
            return new ShredIdentity(reportId, reason, shreddedBy);
        }
    }

    public record Link(String hazardId, String linkedBy, SignatureBody signature) {
        public LinkReport toCommand(String reportId) {
            return new LinkReport(reportId, hazardId, linkedBy);
        }
    }

    /** An opened identity, with the access entry written before it was opened. */
    public record Revealed(String reportId, Identity identity, long index, String entryHash) {
    }

    private final Ledger ledger;
    private final Access access;
    private final ObjectMapper json;

    public WhistleblowerController(Ledger ledger, Access access, ObjectMapper json) {
        this.ledger = ledger;
        this.access = access;
        this.json = json;
    }

    /**
     * The body is read here, not by Spring: a parse error's message quotes what it could not read (a value, or a
     * member's name, either of which may be the identity), and Spring logs it at DEBUG and answers with it. Here a
     * malformed body gets a message that names only the top-level member it failed in.
     */
    private Filing filing(byte[] body) {
        try {
            Filing f = json.readValue(body, Filing.class);
            if (f == null) {
                throw new InvalidInputException("body", "must be a JSON object");
            }
            return f;
        } catch (JacksonException e) {
            String member = e.getPath().isEmpty() ? null : e.getPath().get(0).getPropertyName();
            if ("identity".equals(member)) {
                throw new InvalidInputException("identity", "must be null or {\"name\": text, \"contact\": text}, "
                        + "nothing else");
            }
            if (member != null && FILING_MEMBERS.contains(member) && e.getPath().size() == 1) {
                throw new InvalidInputException(member, "must be a JSON string");
            }
            throw new InvalidInputException("body", "must be a JSON object with enterpriseId, location and description "
                    + "(strings) and an optional identity {name, contact}, and nothing else");
        }
    }

    private static final java.util.Set<String> FILING_MEMBERS = java.util.Set.of("enterpriseId", "location",
            "description");

    @PostMapping(consumes = "application/json")
    @Operation(summary = "File a whistleblower report; no account needed. The identity (optional) is sealed before "
            + "anything is stored: only ciphertext and a commitment reach the ledger. Keep the receipt code")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json",
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Filing.class)))
    @ResponseStatus(HttpStatus.CREATED)   // ResponseEntity sets it; this documents it
    public ResponseEntity<Filed> file(jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        // from the request, not as a @RequestBody: Spring logs a body it converts (a part at DEBUG, all of it at
        // TRACE, as hex that holds the identity)
        Filing f = filing(request.getInputStream().readAllBytes());
        Identity identity = f.identity() == null ? null : new Identity(f.identity().name(), f.identity().contact());
        FiledReport filed = ledger.fileWhistleblowerReport(new FileReport(f.enterpriseId(), f.location(),
                f.description(), identity));
        return ResponseEntity.created(URI.create("/api/v1/whistleblower-reports/" + filed.reportId()))
                .cacheControl(CacheControl.noStore())
                .body(new Filed(filed.reportId(), filed.receipt().index(), filed.receipt().entryHash(),
                        filed.commitment(), filed.receiptCode()));
    }

    @GetMapping("/sealing-key")
    @Operation(summary = "The park office's sealing key, public half, that each sealed identity names by keyId: "
            + "keyId (the first 32 hex digits of the SHA-256 of publicKey's bytes), algorithm X25519, publicKey (DER "
            + "SubjectPublicKeyInfo, base64); no account needed")
    public io.hazardledger.whistleblower.SealingPublicKey sealingKey() {
        return ledger.sealingPublicKey().orElseThrow(() -> new NotFoundException("this server holds no sealing key: "
                + "it takes anonymous reports only"));
    }

    @GetMapping("/sealing-keys")
    @Operation(summary = "Every sealing key this server opens identities with, public halves: the current one first "
            + "(as /sealing-key), then the earlier ones it keeps (ledger.office.earlier-sealing-key-files), so that "
            + "the key an older sealed identity names is shown too; no account needed")
    public List<io.hazardledger.whistleblower.SealingPublicKey> sealingKeys() {
        return ledger.sealingPublicKeys();
    }

    @GetMapping
    @Operation(summary = "The reports, optionally of one enterprise, in ledger order, never with an identity")
    public List<ReportSummary> find(@RequestParam(required = false) String enterpriseId) {
        access.filters(enterpriseId, null, null);
        return ledger.whistleblowerReports().find(enterpriseId);
    }

    @GetMapping("/{reportId}")
    @Operation(summary = "One report, never with its identity")
    public ReportSummary get(@PathVariable String reportId) {
        return ledger.whistleblowerReports().get(reportId)
                .orElseThrow(() -> new NotFoundException("no whistleblower report with id '" + reportId + "'"));
    }

    @GetMapping("/{reportId}/accesses")
    @Operation(summary = "The trail of a report's identity: every reveal (who, why, when, its entry) and the shredding")
    public List<IdentityAccess> accesses(@PathVariable String reportId) {
        get(reportId);
        return ledger.whistleblowerReports().accesses(reportId);
    }

    @GetMapping("/accesses")
    @Operation(summary = "Every reveal and shredding of any report, in ledger order, optionally by one person")
    public List<IdentityAccess> allAccesses(@RequestParam(required = false) String personId,
                                            @RequestParam(required = false) Integer limit,
                                            @RequestParam(required = false) Integer offset) {
        access.filters(null, null, personId);
        return ledger.whistleblowerReports().accesses(personId, Checks.limit(limit), Checks.offset(offset));
    }

    @PostMapping("/{reportId}/reveal")
    @Operation(summary = "Reveal the identity (park office; signed act whistleblower.reveal with a reason): the access "
            + "entry is committed first, then the identity is opened and returned, never stored or cached")
    public ResponseEntity<Revealed> reveal(@PathVariable String reportId, @RequestBody Reveal body) {
        access.actsAs("revealedBy", body.revealedBy());
        access.signs(body.signature());
        RevealedIdentity revealed = ledger.revealIdentity(body.toCommand(reportId),
                SignatureBody.toSigned(body.signature()), access.callerId());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Revealed(reportId, revealed.identity(), revealed.access().index(),
                        revealed.access().entryHash()));
    }

    @PostMapping("/{reportId}/shred")
    @Operation(summary = "Destroy the wrapped data key (park office; signed act whistleblower.shred with a reason): "
            + "nobody can open the identity again; the chain still verifies")
    public WriteResponse shred(@PathVariable String reportId, @RequestBody Shred body) {
        access.actsAs("shreddedBy", body.shreddedBy());
        access.signs(body.signature());
        return WriteResponse.of(reportId, ledger.execute(body.toCommand(reportId),
                SignatureBody.toSigned(body.signature()), access.callerId()));
    }

    @PostMapping("/{reportId}/link")
    @Operation(summary = "Link the report to the hazard of its enterprise that substantiates it (park office; signed "
            + "act whistleblower.link), once")
    public WriteResponse link(@PathVariable String reportId, @RequestBody Link body) {
        access.actsAs("linkedBy", body.linkedBy());
        access.signs(body.signature());
        return WriteResponse.of(reportId, ledger.execute(body.toCommand(reportId),
                SignatureBody.toSigned(body.signature()), access.callerId()));
    }
}
