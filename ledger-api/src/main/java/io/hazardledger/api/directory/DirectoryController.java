package io.hazardledger.api.directory;

import io.hazardledger.Ledger;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.api.support.WriteResponse;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.EnterpriseRecord;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.internal.Checks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Set;

/** Enterprises and people. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Directory", description = "Enterprises of the park and the people who act in the ledger")
public class DirectoryController {

    record EnterpriseBody(String enterpriseId, String name, String sector, Boolean highRisk) {
    }

    record PrincipalBody(String personId) {
    }

    record PersonBody(String personId, String name, String enterpriseId, Set<Role> roles) {
    }

    private final Ledger ledger;

    public DirectoryController(Ledger ledger) {
        this.ledger = ledger;
    }

    @PostMapping("/enterprises")
    @Operation(summary = "Register an enterprise")
    public ResponseEntity<WriteResponse> registerEnterprise(@RequestBody EnterpriseBody b) {
        boolean highRisk = Checks.required("highRisk", b.highRisk());
        var receipt = ledger.execute(new RegisterEnterprise(b.enterpriseId(), b.name(), b.sector(), highRisk));
        return ResponseEntity.created(URI.create("/api/v1/enterprises/" + b.enterpriseId()))
                .body(WriteResponse.of(b.enterpriseId(), receipt));
    }

    @PostMapping("/enterprises/{enterpriseId}/principal")
    @Operation(summary = "Appoint the enterprise's principal responsible person (主要负责人)")
    public WriteResponse appointPrincipal(@PathVariable String enterpriseId, @RequestBody PrincipalBody b) {
        return WriteResponse.of(enterpriseId, ledger.execute(new AppointPrincipal(enterpriseId, b.personId())));
    }

    @GetMapping("/enterprises")
    public List<EnterpriseRecord> enterprises() {
        return ledger.directory().enterprises();
    }

    @GetMapping("/enterprises/{enterpriseId}")
    public EnterpriseRecord enterprise(@PathVariable String enterpriseId) {
        return ledger.directory().enterprise(enterpriseId)
                .orElseThrow(() -> new NotFoundException("no enterprise with id '" + enterpriseId + "'"));
    }

    @PostMapping("/people")
    @Operation(summary = "Register a person (enterpriseId empty for park staff and hired experts)")
    public ResponseEntity<WriteResponse> registerPerson(@RequestBody PersonBody b) {
        var receipt = ledger.execute(new RegisterPerson(b.personId(), b.name(), b.enterpriseId(), b.roles()));
        return ResponseEntity.created(URI.create("/api/v1/people/" + b.personId()))
                .body(WriteResponse.of(b.personId(), receipt));
    }

    @GetMapping("/people")
    public List<PersonRecord> people(@RequestParam(required = false) String enterpriseId) {
        return ledger.directory().people(enterpriseId);
    }

    @GetMapping("/people/{personId}")
    public PersonRecord person(@PathVariable String personId) {
        return ledger.directory().person(personId)
                .orElseThrow(() -> new NotFoundException("no person with id '" + personId + "'"));
    }
}
