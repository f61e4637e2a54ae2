package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.Ledger;
import io.hazardledger.app.security.AccessPolicy;
import io.hazardledger.app.security.ApiTokens;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role × endpoint matrix, generated from the server's own OpenAPI document: every operation it describes must
 * have a row in {@link AccessPolicy} (a new endpoint without one fails here), and every row must hold over HTTP for
 * each role and for a caller without a token: refused with 401 (no token) or 403 {@code role-not-allowed} (a role
 * the row does not list), never refused for its role by a role it does list. Nothing a refused request sent is
 * stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.mode=local", "ledger.require-signatures=false"})
class AccessMatrixTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    @Autowired
    ApiTokens tokens;

    static final Map<Role, Http> callers = new EnumMap<>(Role.class);

    @BeforeEach
    void onePersonPerRole() {
        if (!callers.isEmpty()) {
            return;
        }
        ledger.execute(new RegisterEnterprise("mx-ent", "Matrix Metals", "metal smelting", true));
        for (Role role : Role.values()) {
            String id = "mx-" + role.name().toLowerCase().replace('_', '-');
            ledger.execute(new RegisterPerson(id, "Person " + role, role == Role.ENTERPRISE_STAFF ? "mx-ent" : null,
                    Set.of(role)));
            callers.put(role, new Http(port, tokens.create(id, "matrix", null).token()));
        }
    }

    record Operation(String method, String path) {
        /** The path with every template variable filled in. */
        String concrete() {
            return path.replaceAll("\\{treeSize}", "1").replaceAll("\\{[A-Za-z]+}", "mx-none");
        }
    }

    private List<Operation> documented() {
        JsonNode paths = new Http(port).get("/v3/api-docs").json().get("paths");
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            p.getValue().fieldNames().forEachRemaining(m -> ops.add(new Operation(m.toUpperCase(), p.getKey())));
        }
        return ops;
    }

    /**
     * The OpenAPI document says how to call: the bearer scheme (so Swagger UI offers "Authorize"), each operation's
     * roles from its row or that it needs no account, 201 for a write that creates, and a refusal as problem+json.
     */
    @Test
    void theOpenApiDocument_namesTheBearerScheme_eachOperationsRoles_andProblems() {
        JsonNode doc = new Http(port).get("/v3/api-docs").json();
        assertThat(doc.at("/info/title").asText()).isEqualTo("Hazard ledger API");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        JsonNode report = doc.at("/paths/~1api~1v1~1hazards/post");
        assertThat(report.at("/security/0").has("bearer")).isTrue();
        assertThat(report.get("description").asText()).endsWith("Roles: ENTERPRISE_STAFF, INSPECTOR, PARK_OFFICE.");
        assertThat(report.at("/responses/201").isMissingNode()).as("201 Created").isFalse();
        assertThat(report.at("/responses/default/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(doc.at("/components/schemas/Problem/properties/code/type").asText())
                .as("the schema the refusals name is in the document").isEqualTo("string");
        assertThat(doc.at("/components/schemas/Problem/properties/field").isMissingNode()).isFalse();
        JsonNode keys = doc.at("/paths/~1api~1v1~1ledger~1keys/get");
        assertThat(keys.get("security")).as("a published key needs no account").isEmpty();
        assertThat(keys.get("description").asText()).endsWith("No account needed.");
        for (Operation op : documented()) {
            JsonNode o = doc.get("paths").get(op.path()).get(op.method().toLowerCase(java.util.Locale.ROOT));
            assertThat(o.has("security")).as(op.toString()).isTrue();
            assertThat(o.at("/responses/default").isMissingNode()).as(op.toString()).isFalse();
        }
    }

    /** `sign` without an API token: the server's 401, and what to do about it. */
    @Test
    void signWithoutAToken_saysToSetLedgerToken() throws Exception {
        Path key = dir.resolve("sign-key.pem");
        assertThat(Run.cli("keygen", "--person", "mx-none", "--out", key.toString()).code()).isZero();
        Path body = dir.resolve("sign-body.json");
        java.nio.file.Files.writeString(body, "{}");
        Run r = Run.cli("sign", "--key", key.toString(), "--action", "hazard.report", "--server",
                "http://localhost:" + port, body.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("(401 unauthorized): ")
                .endsWith("set the environment variable LEDGER_TOKEN to your API token\n");
    }

    @Test
    void everyDocumentedOperation_hasARule_andEveryRuleAnOperation() {
        List<Operation> ops = documented();
        assertThat(ops).hasSizeGreaterThan(50);
        assertThat(ops.stream().filter(o -> AccessPolicy.ruleFor(o.method(), o.path()).isEmpty()).toList())
                .as("operations without a row in AccessPolicy (add one: who may call it?)").isEmpty();
        Set<String> documented = new TreeSet<>(ops.stream().map(o -> o.method() + " " + o.path()).toList());
        assertThat(AccessPolicy.rules().stream().map(r -> r.method().name() + " " + r.path())
                .filter(r -> !documented.contains(r)).toList()).as("rows for no documented operation").isEmpty();
    }

    @Test
    void everyOperation_isRefusedToEveryRoleItDoesNotList_andServedToThoseItLists() {
        long before = ledger.head().size();
        List<String> wrong = new ArrayList<>();
        for (Operation op : documented()) {
            AccessPolicy.Rule rule = AccessPolicy.ruleFor(op.method(), op.path()).orElseThrow();
            Http.Response anonymous = call(new Http(port), op);
            if (rule.isPublic()) {
                if (anonymous.status() == 401 || anonymous.status() == 403) {
                    wrong.add(op + " is public but refused a caller without a token: " + anonymous);
                }
            } else if (anonymous.status() != 401 || !anonymous.contentType().startsWith("application/problem+json")
                    || !String.valueOf(anonymous.header("WWW-Authenticate")).startsWith("Bearer")) {
                wrong.add(op + " without a token: " + anonymous);
            }
            for (Role role : Role.values()) {
                Http.Response r = call(callers.get(role), op);
                boolean refusedForRole = r.status() == 403 && r.raw().contains("\"code\":\"role-not-allowed\"");
                boolean allowed = rule.isPublic() || rule.roles().contains(role);
                if (r.status() == 401) {
                    wrong.add(op + " as " + role + ": token refused " + r);
                } else if (allowed && refusedForRole) {
                    wrong.add(op + " as " + role + ": refused though its row lists the role: " + r);
                } else if (!allowed && !(refusedForRole && r.contentType().startsWith("application/problem+json"))) {
                    wrong.add(op + " as " + role + ": not refused with 403 role-not-allowed: " + r);
                }
                if (refusedForRole && !r.raw().contains("may not call " + op.method() + " " + op.path() + ";")) {
                    wrong.add(op + " as " + role + ": the refusal names another operation: " + r);
                }
                if (r.status() >= 500) {
                    wrong.add(op + " as " + role + ": " + r);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(ledger.head().size()).as("a refused request stored nothing").isEqualTo(before);
    }

    @Test
    void metrics_areForAdministrators_healthProbesForAnyone() {
        assertThat(new Http(port).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(callers.get(Role.AUDITOR).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(callers.get(Role.ADMIN).get("/actuator/prometheus").status()).isEqualTo(200);
        Http.Response health = new Http(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw()).as("no details without a role that may see them").doesNotContain("headHash")
                .doesNotContain("diskSpace").doesNotContain(System.getProperty("user.dir"));
        JsonNode detailed = callers.get(Role.AUDITOR).get("/actuator/health").json();
        assertThat(detailed.path("components").path("ledger").path("details").has("headHash")).isTrue();
        assertThat(detailed.path("components").path("diskSpace").path("details").path("free").asLong())
                .as("free bytes where the server runs").isPositive();
        assertThat(new Http(port).get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void anUnknownPath_isNotFoundForTheAuthenticated_andNeedsATokenOtherwise() {
        assertThat(new Http(port).get("/api/v1/nothing-here").status()).isEqualTo(401);
        Http.Response r = callers.get(Role.ADMIN).get("/api/v1/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    private static Http.Response call(Http http, Operation op) {
        if (op.method().equals("GET")) {
            return http.get(op.concrete());
        }
        boolean text = op.path().endsWith("/cosignatures");
        return http.send(op.method(), op.concrete(), text ? "text/plain" : "application/json", text ? "x" : "{}");
    }
}
