package io.hazardledger.api;

import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.api.directory.KeyRequests;
import io.hazardledger.api.hazard.HazardRequests;
import io.hazardledger.api.inspection.InspectionRequests;
import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.internal.Checks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.function.Function;

/**
 * Prepares the statement a person signs for a write: the server fills in what the signer cannot easily know (the
 * SHA-256 of the command as the ledger will see it, the aggregate's latest entry hash). Signing stays with the
 * person: {@code ./ledger sign} does it locally.
 */
@RestController
@RequestMapping("/api/v1/statements")
@Tag(name = "Signatures", description = "Statements to sign for signed writes")
public class StatementController {

    /**
     * {@code action}: hazard.report, hazard.plan-acceptance, hazard.submit, hazard.verify, hazard.close-out,
     * hazard.extend-deadline, hazard.reopen, key.register, key.rotate, key.revoke, flag.acknowledge, inspection.sign-off,
     * inspection.co-sign, whistleblower.reveal, whistleblower.shred, whistleblower.link. {@code aggregateId}: the hazard
     * or person (for a report, the request's hazardId). {@code keyId}: required for key.revoke as the key revoked
     * is named by {@code revokedKeyId}. {@code request}: the body of the write, without its signature.
     */
    public record Prepare(String action, String aggregateId, String keyId, String revokedKeyId, Instant claimedAt,
                          @io.swagger.v3.oas.annotations.media.Schema(implementation = Object.class,
                                  description = "the request body that the statement is for (any JSON object)")
                          JsonNode request) {
    }

    private final Ledger ledger;
    private final ObjectMapper json;
    private final io.hazardledger.api.access.Access access;

    public StatementController(Ledger ledger, ObjectMapper json, io.hazardledger.api.access.Access access) {
        this.ledger = ledger;
        this.json = json;
        this.access = access;
    }

    @PostMapping
    @Operation(summary = "The statement to sign for a write, with its content hash and the aggregate's latest entry hash")
    public SignatureBody.StatementBody prepare(@RequestBody Prepare p) {
        Checks.id("keyId", p.keyId());
        if (p.request() == null || !p.request().isObject()) {
            throw new InvalidInputException("request", "must be the JSON body of the write");
        }
        String action = Checks.text("action", p.action(), 64);
        Object command = switch (action) {
            // a report without an id gets the server's here, in the statement signed: the write then takes it
            case "hazard.report" -> as(p, HazardRequests.Report.class, r -> r.toCommand(r.hazardId() != null
                    ? r.hazardId() : "hz-" + java.util.UUID.randomUUID()));
            case "hazard.plan-acceptance" -> on(p, HazardRequests.Plan.class, (r, a) -> r.toCommand(a));
            case "hazard.submit" -> on(p, HazardRequests.Submission.class, (r, a) -> r.toCommand(a));
            case "hazard.verify" -> on(p, HazardRequests.Verification.class, (r, a) -> r.toCommand(a));
            case "hazard.close-out" -> on(p, HazardRequests.CloseOut.class, (r, a) -> r.toCommand(a));
            case "hazard.extend-deadline" -> on(p, HazardRequests.Extension.class, (r, a) -> r.toCommand(a));
            case "hazard.reopen" -> on(p, HazardRequests.Reopen.class, (r, a) -> r.toCommand(a));
            case "key.register" -> on(p, KeyRequests.Registration.class, (r, a) -> r.toCommand(a));
            case "key.rotate" -> on(p, KeyRequests.Rotation.class, (r, a) -> r.toCommand(a));
            case "key.revoke" -> on(p, KeyRequests.Revocation.class,
                    (r, a) -> r.toCommand(a, Checks.id("revokedKeyId", p.revokedKeyId())));
            case "inspection.sign-off" -> on(p, InspectionRequests.SignOff.class, (r, a) -> r.toCommand(a));
            case "inspection.co-sign" -> on(p, InspectionRequests.CoSign.class, (r, a) -> r.toCommand(a));
            case "flag.acknowledge" -> on(p, io.hazardledger.api.flags.FlagController.Acknowledgement.class,
                    (r, a) -> r.toCommand(a));
            case "whistleblower.reveal" -> on(p, io.hazardledger.api.whistleblower.WhistleblowerController.Reveal.class,
                    (r, a) -> r.toCommand(a));
            case "whistleblower.shred" -> on(p, io.hazardledger.api.whistleblower.WhistleblowerController.Shred.class,
                    (r, a) -> r.toCommand(a));
            case "whistleblower.link" -> on(p, io.hazardledger.api.whistleblower.WhistleblowerController.Link.class,
                    (r, a) -> r.toCommand(a));
            default -> throw new InvalidInputException("action", "unknown action '" + p.action() + "': one of "
                    + String.join(", ", io.hazardledger.signing.internal.SignedActions.names()));
        };
        visible(p.action(), p.aggregateId(), command);
        Instant claimedAt = p.claimedAt() == null ? Instant.now() : p.claimedAt();
        io.hazardledger.integrity.sig.Statement statement = ledger.statementFor(command, p.keyId(), claimedAt);
        // the write it is for must be made by the caller (who alone can then send it), with a key the signer holds
        // then: said now, not at the write, so that no signature is made for a write that would be refused
        access.preparesFor(statement.signerId());
        access.signingKey(p.keyId());
        io.hazardledger.signing.internal.SignatureChecks.usableKey(ledger.directory(), statement, claimedAt);
        return SignatureBody.StatementBody.of(statement);
    }

    /** A statement binds the aggregate's latest entry hash: enterprise staff get statements for their own only. */
    private void visible(String action, String aggregateId, Object command) {
        if (command instanceof io.hazardledger.hazard.ReportHazard report) {
            access.forEnterprise("request.enterpriseId", report.enterpriseId());
            access.newId("request.hazardId", report.hazardId());
            access.inspectionRef("request.inspectionId", report.inspectionId());
        } else if (action.startsWith("flag.")) {
            // before the flag is looked up: a caller who may not read flags learns nothing of which exist
            access.parkOfficeOnly("action", "flags are acknowledged by the park office");
            // the flag's own aggregate is made by its acknowledgement: without this, a statement would be made (and
            // signed) for a flag that does not exist, and refused only at the write
            if (ledger.flags().get(aggregateId).isEmpty()) {
                throw new io.hazardledger.api.support.NotFoundException("no flag with id '" + aggregateId + "'");
            }
        } else if (action.startsWith("whistleblower.")) {
            access.parkOfficeOnly("action", "whistleblower reports are handled by the park office");
        } else {
            access.own(aggregateId);
        }
    }

    /**
     * {@link #as} for an action on an aggregate named here (every action but a report): a malformed one is this
     * request's {@code aggregateId}, not the member of the command it becomes (hazardId, personId, …). Asked once the
     * action is known, so that a mistyped action is said as such, not as a missing aggregate.
     */
    private <T> Object on(Prepare p, Class<T> type, java.util.function.BiFunction<T, String, Object> toCommand) {
        String aggregate = Checks.id("aggregateId", p.aggregateId());
        return as(p, type, r -> toCommand.apply(r, aggregate));
    }

    private <T> Object as(Prepare p, Class<T> type, Function<T, Object> toCommand) {
        T request;
        try {
            request = json.treeToValue(p.request(), type);
        } catch (tools.jackson.core.JacksonException e) {
            // as a request body's errors: the request's own check, or the member that did not read (2027-02-30)
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidInputException invalid) {
                    throw invalid;
                }
            }
            String path = io.hazardledger.api.support.Problems.path(e);
            String form = io.hazardledger.api.support.Problems.formRead(e);
            throw new InvalidInputException(path == null ? "request" : "request." + path, path == null
                    ? "is not a valid body for " + p.action()
                    : form.isEmpty() ? "missing, or not of the expected type or format for " + p.action()
                    : "not of the expected type or format for " + p.action() + form);
        } catch (RuntimeException e) {
            throw new InvalidInputException("request", "is not a valid body for " + p.action());
        }
        return toCommand.apply(request);
    }
}
