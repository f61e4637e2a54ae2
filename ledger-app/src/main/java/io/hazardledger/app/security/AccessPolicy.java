package io.hazardledger.app.security;

import io.hazardledger.directory.Role;
import org.springframework.http.HttpMethod;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.hazardledger.directory.Role.ADMIN;
import static io.hazardledger.directory.Role.AUDITOR;
import static io.hazardledger.directory.Role.ENTERPRISE_STAFF;
import static io.hazardledger.directory.Role.INSPECTOR;
import static io.hazardledger.directory.Role.PARK_OFFICE;
import static io.hazardledger.directory.Role.REGISTRAR;
import static io.hazardledger.directory.Role.VERIFIER;

/**
 * Which roles may call which endpoint: one row per operation of the API, nothing else is served (an operation without
 * a row is refused to everyone, and {@code AccessMatrixTest} fails the build for it). A public row needs no account:
 * what a transparency log publishes (checkpoints, its keys, consistency proofs; hashes, never content) and the
 * witnesses' cosignatures, which their own signatures authenticate. Enterprise staff pass a row only for their own
 * enterprise: the controllers answer another enterprise's records as unknown. docs/SECURITY.md has this table.
 */
public final class AccessPolicy {

    /** One operation: its method, its path template (as in the OpenAPI document), and who may call it. */
    public record Rule(HttpMethod method, String path, Set<Role> roles, boolean isPublic) {
    }

    /** Everyone with an account. */
    static final Set<Role> ANYONE = EnumSet.allOf(Role.class);
    /** Who reads hazards, inspections and the register (enterprise staff: their own). */
    static final Set<Role> READERS = EnumSet.of(ENTERPRISE_STAFF, INSPECTOR, VERIFIER, PARK_OFFICE, AUDITOR, ADMIN);
    /** Who reads the whole park and the ledger itself: entries, proofs, dossiers, flags, verification. */
    static final Set<Role> PARK_READERS = EnumSet.of(INSPECTOR, VERIFIER, PARK_OFFICE, AUDITOR, ADMIN);
    /** Who reads the directory of people and keys. */
    static final Set<Role> DIRECTORY_READERS = EnumSet.of(ENTERPRISE_STAFF, INSPECTOR, VERIFIER, PARK_OFFICE, AUDITOR,
            REGISTRAR, ADMIN);
    /** Who acts in inspections: recording, signing off and co-signing. */
    static final Set<Role> INSPECTING = EnumSet.of(ENTERPRISE_STAFF, INSPECTOR, VERIFIER, PARK_OFFICE);

    private static final String V1 = "/api/v1";

    private static final List<Rule> RULES = List.of(
            // directory
            rule("POST", "/enterprises", PARK_OFFICE, ADMIN),
            rule("POST", "/enterprises/{enterpriseId}/principal", PARK_OFFICE, ADMIN),
            rule("POST", "/enterprises/{enterpriseId}/drills", ENTERPRISE_STAFF, PARK_OFFICE),
            rule("GET", "/enterprises", READERS),
            rule("GET", "/enterprises/{enterpriseId}", READERS),
            rule("POST", "/people", REGISTRAR, ADMIN),
            rule("GET", "/people", DIRECTORY_READERS),
            rule("GET", "/people/{personId}", DIRECTORY_READERS),
            rule("GET", "/people/{personId}/trail", DIRECTORY_READERS),
            rule("POST", "/people/{personId}/keys", ANYONE),
            rule("POST", "/people/{personId}/keys/{keyId}/revocation", ANYONE),
            rule("POST", "/people/{personId}/keys/rotation", ANYONE),
            rule("GET", "/people/{personId}/keys", DIRECTORY_READERS),
            rule("GET", "/keys/{keyId}", DIRECTORY_READERS),
            // hazards and the register
            rule("POST", "/hazards", ENTERPRISE_STAFF, INSPECTOR, PARK_OFFICE),
            rule("POST", "/hazards/{hazardId}/plan", ENTERPRISE_STAFF, PARK_OFFICE),
            rule("POST", "/hazards/{hazardId}/submissions", ENTERPRISE_STAFF),
            rule("POST", "/hazards/{hazardId}/verifications", VERIFIER),
            rule("POST", "/hazards/{hazardId}/close-out", VERIFIER, PARK_OFFICE),
            rule("POST", "/hazards/{hazardId}/reopen", INSPECTOR, VERIFIER, PARK_OFFICE),
            rule("POST", "/hazards/{hazardId}/extensions", PARK_OFFICE),
            rule("GET", "/hazards", READERS),
            rule("GET", "/hazards/{hazardId}", READERS),
            rule("GET", "/hazards/{hazardId}/history", READERS),
            rule("GET", "/hazards/{hazardId}/responsibility", READERS),
            rule("GET", "/hazards/{hazardId}/verified-history", READERS),
            rule("GET", "/hazards/{hazardId}/dossier", PARK_READERS),
            rule("GET", "/hazards/{hazardId}/dossier.html", PARK_READERS),
            rule("GET", "/register/open-major", READERS),
            // inspections
            rule("POST", "/inspections", ENTERPRISE_STAFF, INSPECTOR, PARK_OFFICE),
            rule("POST", "/inspections/{inspectionId}/results", ENTERPRISE_STAFF, INSPECTOR, PARK_OFFICE),
            rule("POST", "/inspections/{inspectionId}/sign-off", ENTERPRISE_STAFF, INSPECTOR, PARK_OFFICE),
            rule("POST", "/inspections/{inspectionId}/co-signatures", INSPECTING),
            rule("GET", "/inspections", READERS),
            rule("GET", "/inspections/{inspectionId}", READERS),
            rule("GET", "/inspections/{inspectionId}/responsibility", READERS),
            // supervision
            rule("GET", "/supervision/cadences", READERS),
            rule("GET", "/supervision/grades", ENTERPRISE_STAFF, PARK_OFFICE, AUDITOR, ADMIN),
            rule("GET", "/enterprises/{enterpriseId}/grades", ENTERPRISE_STAFF, PARK_OFFICE, AUDITOR, ADMIN),
            rule("GET", "/enterprises/{enterpriseId}/grade-assessment", ENTERPRISE_STAFF, PARK_OFFICE, AUDITOR, ADMIN),
            rule("GET", "/reports/weekly", PARK_READERS),
            rule("GET", "/reports/weekly.csv", PARK_READERS),
            rule("GET", "/reports/weekly.html", PARK_READERS),
            rule("GET", "/reports/weekly.note", PARK_READERS),
            // whistleblowers: anyone files; the park office handles; an auditor reads the reports and the trail
            withoutAccount("POST", "/whistleblower-reports"),
            withoutAccount("GET", "/whistleblower-reports/sealing-key"),
            withoutAccount("GET", "/whistleblower-reports/sealing-keys"),
            rule("GET", "/whistleblower-reports", PARK_OFFICE, AUDITOR, ADMIN),
            rule("GET", "/whistleblower-reports/{reportId}", PARK_OFFICE, AUDITOR, ADMIN),
            rule("GET", "/whistleblower-reports/{reportId}/accesses", PARK_OFFICE, AUDITOR, ADMIN),
            rule("GET", "/whistleblower-reports/accesses", PARK_OFFICE, AUDITOR, ADMIN),
            rule("POST", "/whistleblower-reports/{reportId}/reveal", PARK_OFFICE),
            rule("POST", "/whistleblower-reports/{reportId}/shred", PARK_OFFICE),
            rule("POST", "/whistleblower-reports/{reportId}/link", PARK_OFFICE),
            // signatures
            rule("POST", "/statements", ENTERPRISE_STAFF, INSPECTOR, VERIFIER, PARK_OFFICE, REGISTRAR, ADMIN),
            // flags
            rule("GET", "/flags", PARK_READERS),
            rule("GET", "/flags/{flagId}", PARK_READERS),
            rule("GET", "/flags/rules", PARK_READERS),
            rule("POST", "/flags/{flagId}/acknowledgements", PARK_OFFICE),
            // the ledger
            rule("GET", "/ledger/verification", PARK_READERS),
            rule("POST", "/ledger/replay", ADMIN),
            rule("POST", "/ledger/deadlines", ADMIN),
            rule("GET", "/ledger/entries", PARK_READERS),
            rule("GET", "/ledger/proofs/inclusion", PARK_READERS),
            rule("GET", "/ledger/tree", PARK_READERS),
            rule("GET", "/ledger/bundle", PARK_READERS),
            rule("GET", "/ledger/checkpoints/{treeSize}/timestamp", PARK_READERS),
            rule("POST", "/ledger/checkpoints", PARK_OFFICE, ADMIN),
            published("GET", "/ledger/checkpoint"),
            published("GET", "/ledger/checkpoints/{treeSize}"),
            published("GET", "/ledger/key"),
            published("GET", "/ledger/keys"),
            published("GET", "/ledger/witnesses"),
            published("GET", "/ledger/proofs/consistency"),
            published("POST", "/ledger/checkpoints/{treeSize}/cosignatures"));

    /**
     * Paths outside the API: the server's own address (to its description), its description, the error page, health
     * probes; metrics for admins.
     */
    static final List<String> PUBLIC_OTHER = List.of("/", "/error", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/actuator/health", "/actuator/health/**", "/actuator/info");
    static final String METRICS = "/actuator/prometheus";

    private AccessPolicy() {
    }

    /** Every row. */
    public static List<Rule> rules() {
        return RULES;
    }

    /**
     * Every row in the order requests are matched against them: rows whose path has no template variable first, so
     * that {@code /flags/rules} is not taken for {@code /flags/{flagId}} (the first matching row decides).
     */
    public static List<Rule> inMatchOrder() {
        return RULES.stream().sorted(java.util.Comparator.comparing(r -> r.path().contains("{"))).toList();
    }

    /** The row of an operation, by method and path template. */
    public static Optional<Rule> ruleFor(String method, String pathTemplate) {
        return RULES.stream().filter(r -> r.method().name().equals(method) && r.path().equals(pathTemplate)).findFirst();
    }

    private static Rule rule(String method, String path, Role first, Role... more) {
        return new Rule(HttpMethod.valueOf(method), V1 + path, EnumSet.of(first, more), false);
    }

    private static Rule rule(String method, String path, Set<Role> roles) {
        return new Rule(HttpMethod.valueOf(method), V1 + path, EnumSet.copyOf(roles), false);
    }

    /** A row anyone may call without an account, rate-limited like every such request. */
    private static Rule withoutAccount(String method, String path) {
        return published(method, path);
    }

    private static Rule published(String method, String path) {
        return new Rule(HttpMethod.valueOf(method), V1 + path, Set.of(), true);
    }
}
