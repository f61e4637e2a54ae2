package io.hazardledger.api.directory;

import io.hazardledger.Ledger;
import io.hazardledger.api.access.Access;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.api.support.WriteResponse;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.directory.EnterpriseRecord;
import io.hazardledger.directory.KeyRecord;
import io.hazardledger.signing.SignedAct;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.internal.Checks;
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
import java.util.Set;

/** Enterprises and people. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Directory", description = "Enterprises of the park and the people who act in the ledger")
public class DirectoryController {

    /** {@code size}: the statistical size class (MICRO, SMALL, MEDIUM, LARGE), or absent when not stated. */
    record EnterpriseBody(String enterpriseId, String name, String sector, Boolean highRisk,
                          io.hazardledger.directory.EnterpriseSize size) {
    }

    record PrincipalBody(String personId) {
    }

    record DrillBody(java.time.LocalDate heldOn, String description, String recordedBy) {
    }

    record PersonBody(String personId, String name, String enterpriseId, Set<Role> roles) {
    }

    private final Ledger ledger;
    private final Access access;

    public DirectoryController(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    @PostMapping("/enterprises")
    @Operation(summary = "Register an enterprise (size: its statistical class MICRO, SMALL, MEDIUM or LARGE, optional)")
    @ResponseStatus(HttpStatus.CREATED)   // ResponseEntity sets it; this documents it
    public ResponseEntity<WriteResponse> registerEnterprise(@RequestBody EnterpriseBody b) {
        boolean highRisk = Checks.required("highRisk", b.highRisk());
        var receipt = ledger.execute(new RegisterEnterprise(b.enterpriseId(), b.name(), b.sector(), highRisk,
                b.size()), null, access.callerId());
        return ResponseEntity.created(URI.create("/api/v1/enterprises/" + b.enterpriseId()))
                .body(WriteResponse.of(b.enterpriseId(), receipt));
    }

    @PostMapping("/enterprises/{enterpriseId}/principal")
    @Operation(summary = "Appoint the enterprise's principal responsible person (主要负责人)")
    public WriteResponse appointPrincipal(@PathVariable String enterpriseId, @RequestBody PrincipalBody b) {
        return WriteResponse.of(enterpriseId, ledger.execute(new AppointPrincipal(enterpriseId, b.personId()),
                null, access.callerId()));
    }

    @PostMapping("/enterprises/{enterpriseId}/drills")
    @Operation(summary = "Record an evacuation drill the enterprise held (应急疏散演练): the day, what it was, who records it")
    @ResponseStatus(HttpStatus.CREATED)   // ResponseEntity sets it; this documents it
    public ResponseEntity<WriteResponse> recordDrill(@PathVariable String enterpriseId, @RequestBody DrillBody b) {
        access.forEnterprise("enterpriseId", enterpriseId);
        access.actsAs("recordedBy", b.recordedBy());
        var receipt = ledger.execute(new io.hazardledger.directory.RecordEvacuationDrill(enterpriseId, b.heldOn(),
                b.description(), b.recordedBy()), null, access.callerId());
        return ResponseEntity.status(201).body(WriteResponse.of(enterpriseId, receipt));
    }

    @GetMapping("/enterprises")
    public List<EnterpriseRecord> enterprises() {
        return access.visible(ledger.directory().enterprises(), EnterpriseRecord::enterpriseId);
    }

    @GetMapping("/enterprises/{enterpriseId}")
    public EnterpriseRecord enterprise(@PathVariable String enterpriseId) {
        access.enterprise(enterpriseId);
        return ledger.directory().enterprise(enterpriseId)
                .orElseThrow(() -> new NotFoundException("no enterprise with id '" + enterpriseId + "'"));
    }

    @PostMapping("/people")
    @Operation(summary = "Register a person (enterpriseId empty for park staff and hired experts)")
    @ResponseStatus(HttpStatus.CREATED)   // ResponseEntity sets it; this documents it
    public ResponseEntity<WriteResponse> registerPerson(@RequestBody PersonBody b) {
        access.grants(b.roles());
        var receipt = ledger.execute(new RegisterPerson(b.personId(), b.name(), b.enterpriseId(), b.roles()), null,
                access.callerId());
        return ResponseEntity.created(URI.create("/api/v1/people/" + b.personId()))
                .body(WriteResponse.of(b.personId(), receipt));
    }

    @PostMapping("/people/{personId}/keys")
    @Operation(summary = "Register a public key (Ed25519 or SM2, base64 DER SubjectPublicKeyInfo) for a person",
            description = "By the person, or by a registrar acting for them (recorded as registeredBy).")
    @ResponseStatus(HttpStatus.CREATED)   // ResponseEntity sets it; this documents it
    public ResponseEntity<WriteResponse> registerKey(@PathVariable String personId, @RequestBody KeyRequests.Registration b) {
        access.personToWrite(personId);
        access.actsAs("registeredBy", b.registeredBy());
        access.signs(b.signature());
        var command = b.toCommand(personId);
        var receipt = ledger.execute(command, SignatureBody.toSigned(b.signature()), access.callerId());
        String keyId = command.key().keyId();
        return ResponseEntity.created(URI.create("/api/v1/keys/" + keyId)).body(WriteResponse.of(keyId, receipt));
    }

    @PostMapping("/people/{personId}/keys/{keyId}/revocation")
    @Operation(summary = "Revoke a key from a time on (signed)")
    public WriteResponse revokeKey(@PathVariable String personId, @PathVariable String keyId,
                                   @RequestBody KeyRequests.Revocation b) {
        access.personToWrite(personId);
        access.actsAs("revokedBy", b.revokedBy());
        access.signs(b.signature());
        return WriteResponse.of(keyId, ledger.execute(b.toCommand(personId, keyId),
                SignatureBody.toSigned(b.signature()), access.callerId()));
    }

    @PostMapping("/people/{personId}/keys/rotation")
    @ResponseStatus(HttpStatus.CREATED)   // ResponseEntity sets it; this documents it
    @Operation(summary = "Replace a key by a new one (signed with the old key): the new key's place, as a registration")
    public ResponseEntity<WriteResponse> rotateKey(@PathVariable String personId,
                                                   @RequestBody KeyRequests.Rotation b) {
        access.personToWrite(personId);
        access.actsAs("personId", personId);
        access.signs(b.signature());
        var command = b.toCommand(personId);
        var receipt = ledger.execute(command, SignatureBody.toSigned(b.signature()), access.callerId());
        String keyId = command.newKey().keyId();
        return ResponseEntity.created(URI.create("/api/v1/keys/" + keyId)).body(WriteResponse.of(keyId, receipt));
    }

    @GetMapping("/people/{personId}/keys")
    @Operation(summary = "A person's keys with their validity and revocation")
    public List<KeyRecord> keys(@PathVariable String personId) {
        person(personId);
        return ledger.directory().keys(personId);
    }

    @GetMapping("/keys/{keyId}")
    public KeyRecord key(@PathVariable String keyId) {
        access.key(keyId);
        return ledger.directory().key(keyId).orElseThrow(() -> new NotFoundException("no key with id '" + keyId + "'"));
    }

    @GetMapping("/people/{personId}/trail")
    @Operation(summary = "Everything a person signed or asked for (caller: the person of the token that made a write, "
            + "signed or not, such as a registration): what, when (claimed and recorded), ledger index, entry hash, "
            + "signature status; with atIndex (a ledger size) or asOf (a time), as the ledger stood then (signatures "
            + "judged by the revocations recorded by then)")
    public List<SignedAct> trail(@PathVariable String personId, @RequestParam(required = false) Long atIndex,
                                 @RequestParam(required = false) java.time.Instant asOf) {
        person(personId);
        if (atIndex == null && asOf == null) {
            return ledger.trail().actsOf(personId);
        }
        io.hazardledger.LedgerPosition at = ledger.position(atIndex, asOf);
        access.filters(null, null, personId, at);
        return ledger.trail().actsOf(personId, at);
    }

    @GetMapping("/people")
    public List<PersonRecord> people(@RequestParam(required = false) String enterpriseId) {
        access.filters(enterpriseId, null, null);
        return access.visible(ledger.directory().people(enterpriseId), PersonRecord::enterpriseId);
    }

    @GetMapping("/people/{personId}")
    public PersonRecord person(@PathVariable String personId) {
        access.person(personId);
        return ledger.directory().person(personId)
                .orElseThrow(() -> new NotFoundException("no person with id '" + personId + "'"));
    }
}
