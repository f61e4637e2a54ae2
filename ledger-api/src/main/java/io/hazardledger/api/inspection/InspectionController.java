package io.hazardledger.api.inspection;

import io.hazardledger.Ledger;
import io.hazardledger.api.access.Access;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.api.support.WriteResponse;
import io.hazardledger.inspection.InspectionRecord;
import io.hazardledger.signing.SignedAct;
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

/** Checklist inspections: items, results, the inspector's signed sign-off and the co-signatures. */
@RestController
@RequestMapping("/api/v1/inspections")
@Tag(name = "Inspections", description = "Checklist inspections, signed by the inspector and co-signed")
public class InspectionController {

    private final Ledger ledger;
    private final Access access;

    public InspectionController(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    @PostMapping
    @Operation(summary = "Start a checklist inspection (leader-led when led by the enterprise's principal)")
    @ResponseStatus(HttpStatus.CREATED)   // ResponseEntity sets it; this documents it
    public ResponseEntity<WriteResponse> start(@RequestBody InspectionRequests.Start b) {
        access.forEnterprise("enterpriseId", b.enterpriseId());
        access.actsAs("inspectorId", b.inspectorId());
        access.newId("inspectionId", b.inspectionId());
        access.personRef("leaderId", b.leaderId());
        if (b.coSigners() != null) {
            b.coSigners().forEach(c -> access.personRef("coSigners.personId", c == null ? null : c.personId()));
        }
        var command = b.toCommand();
        var receipt = ledger.execute(command, null, access.callerId());
        return ResponseEntity.created(URI.create("/api/v1/inspections/" + command.inspectionId()))
                .body(WriteResponse.of(command.inspectionId(), receipt));
    }

    @PostMapping("/{inspectionId}/results")
    @Operation(summary = "Record an item's result (a failing item needs remarks and, before sign-off, a hazard "
            + "reported with this inspectionId and itemNo)")
    public WriteResponse result(@PathVariable String inspectionId, @RequestBody InspectionRequests.Result b) {
        access.actsAs("recordedBy", b.recordedBy());
        access.inspectionToWrite(inspectionId);
        return WriteResponse.of(inspectionId, ledger.execute(b.toCommand(inspectionId), null,
                access.callerId()));
    }

    @PostMapping("/{inspectionId}/sign-off")
    @Operation(summary = "The inspector signs the result (signed act inspection.sign-off)")
    public WriteResponse signOff(@PathVariable String inspectionId, @RequestBody InspectionRequests.SignOff b) {
        access.actsAs("inspectorId", b.inspectorId());
        access.signs(b.signature());
        access.inspectionToWrite(inspectionId);
        return WriteResponse.of(inspectionId, ledger.execute(b.toCommand(inspectionId),
                SignatureBody.toSigned(b.signature()), access.callerId()));
    }

    @PostMapping("/{inspectionId}/co-signatures")
    @Operation(summary = "A co-signer named by the checklist signs (signed act inspection.co-sign)")
    public WriteResponse coSign(@PathVariable String inspectionId, @RequestBody InspectionRequests.CoSign b) {
        access.actsAs("personId", b.personId());
        access.signs(b.signature());
        access.inspectionToWrite(inspectionId);
        return WriteResponse.of(inspectionId, ledger.execute(b.toCommand(inspectionId),
                SignatureBody.toSigned(b.signature()), access.callerId()));
    }

    @GetMapping
    public List<InspectionRecord> inspections(@RequestParam(required = false) String enterpriseId) {
        access.filters(enterpriseId, null, null);
        return access.visible(ledger.inspections().inspections(enterpriseId), InspectionRecord::enterpriseId);
    }

    @GetMapping("/{inspectionId}")
    public InspectionRecord inspection(@PathVariable String inspectionId) {
        access.inspection(inspectionId);
        return ledger.inspections().inspection(inspectionId)
                .orElseThrow(() -> new NotFoundException("no inspection with id '" + inspectionId + "'"));
    }

    @GetMapping("/{inspectionId}/responsibility")
    @Operation(summary = "Who started, recorded, signed off and co-signed, each with its signature status")
    public List<SignedAct> responsibility(@PathVariable String inspectionId) {
        inspection(inspectionId);
        return ledger.trail().responsibilityFor(inspectionId);
    }
}
