package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.app.security.ApiTokens;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.StartInspection;
import io.hazardledger.integrity.Hashes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication with the local API tokens, and what each caller may see and do: enterprise staff inside their own
 * enterprise (another's records answered exactly as unknown ones), a write's actor and signer the caller, only an
 * administrator making administrators. Every refusal is problem+json and stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.mode=local", "ledger.require-signatures=false"})
class SecurityHttpTest {

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

    @Autowired
    DataSource dataSource;

    static String staffA, staffB, auditor, registrar, admin;

    @BeforeEach
    void park() {
        if (staffA != null) {
            return;
        }
        ledger.execute(new RegisterEnterprise("sec-a", "Alpha Chemicals", "hazardous chemicals", true));
        ledger.execute(new RegisterEnterprise("sec-b", "Beta Metals", "metal smelting", false));
        person("sec-a1", "sec-a", Role.ENTERPRISE_STAFF);
        person("sec-a2", "sec-a", Role.ENTERPRISE_STAFF);
        person("sec-b1", "sec-b", Role.ENTERPRISE_STAFF);
        person("sec-insp", null, Role.INSPECTOR);
        person("sec-aud", null, Role.AUDITOR);
        person("sec-reg", null, Role.REGISTRAR);
        person("sec-adm", null, Role.ADMIN);
        ledger.execute(new RegisterPerson("sec-a-aud", "Auditor employed by A", "sec-a", Set.of(Role.AUDITOR)));
        person("sec-loose", null, Role.ENTERPRISE_STAFF);
        report("hz-sec-a", "sec-a", "sec-a1");
        report("hz-sec-b", "sec-b", "sec-b1");
        ledger.execute(new StartInspection("in-sec-b", "sec-b", "fire", "sec-insp", null, List.of(),
                List.of(new ChecklistItem("1", "GB 50016", "exits clear"))));
        staffA = token("sec-a1");
        staffB = token("sec-b1");
        auditor = token("sec-aud");
        registrar = token("sec-reg");
        admin = token("sec-adm");
    }

    private void person(String id, String enterprise, Role role) {
        ledger.execute(new RegisterPerson(id, "Person " + id, enterprise, Set.of(role)));
    }

    private void report(String hazardId, String enterprise, String by) {
        ledger.execute(new ReportHazard(hazardId, enterprise, HazardLevel.MAJOR, HazardSource.SELF_INSPECTION,
                "MEM Order No.10 Art.4(1)", "fire safety", "Tank farm", "Flange leak", null,
                Instant.parse("2026-11-01T08:00:00Z"), by, List.of(new Evidence(Park.SHA_BEFORE, "image/jpeg",
                Instant.parse("2026-11-01T08:00:00Z"), "before.jpg")), null, null));
    }

    /** Registers a first key for the person, valid from an hour ago; its key id. */
    private String key(String person) {
        var key = io.hazardledger.integrity.sig.KeyPairs.generate(
                io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).signer();
        ledger.execute(new io.hazardledger.directory.RegisterKey(person, key.verificationKey().spkiBase64(),
                Instant.now().minusSeconds(3600), person));
        return key.verificationKey().keyId();
    }

    private String token(String person) {
        return tokens.create(person, "test", null).token();
    }

    private Http as(String token) {
        return new Http(port, token);
    }

    private static void refused(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).as(r.toString()).isEqualTo(code);
        assertThat(r.raw()).doesNotContain("Exception", "at io.", "at org.");
    }

    @Test
    void enterpriseStaff_doNotLearnFromTheirRegisterWhetherATipCameFirst() {
        com.fasterxml.jackson.databind.JsonNode forStaff = as(staffA).get("/api/v1/hazards/hz-sec-a").json();
        assertThat(forStaff.get("selfReported").asBoolean()).isTrue();
        assertThat(forStaff.get("selfReportedFirst").isNull()).as(forStaff.toString()).isTrue();
        assertThat(forStaff.get("outsideFindingIndex").isNull()).isTrue();
        assertThat(as(staffA).get("/api/v1/hazards").json().get(0).get("selfReportedFirst").isNull()).isTrue();
        com.fasterxml.jackson.databind.JsonNode forAuditor = as(auditor).get("/api/v1/hazards/hz-sec-a").json();
        assertThat(forAuditor.get("selfReportedFirst").asBoolean()).as(forAuditor.toString()).isTrue();
    }

    @Test
    void noToken_aForgedToken_aRevokedToken_andAnExpiredToken_areRefused() {
        List<Http.Response> refusals = new ArrayList<>();
        refusals.add(new Http(port).get("/api/v1/hazards"));
        refusals.add(as("hlt_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("/api/v1/hazards"));
        String valid = token("sec-aud");
        refusals.add(as(valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A")).get("/api/v1/hazards"));
        String revoked = token("sec-aud");
        assertThat(as(revoked).get("/api/v1/hazards").status()).isEqualTo(200);
        assertThat(tokens.revoke(revoked.substring(4, 16))).isTrue();
        refusals.add(as(revoked).get("/api/v1/hazards"));
        refusals.add(as(tokens.create("sec-aud", "expired", Duration.ofNanos(1)).token()).get("/api/v1/hazards"));
        refusals.add(as(tokens.create("nobody-here", "no such person", null).token()).get("/api/v1/hazards"));
        for (Http.Response r : refusals) {
            refused(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(as(valid).get("/api/v1/hazards").status()).isEqualTo(200);
        // a user name and password (curl -u) are not a token: said so, not as a bearer token that is not valid
        Http.Response basic = new Http(port).send("GET", "/api/v1/hazards", null, null,
                java.util.Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "ada:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        refused(basic, 401, "unauthorized");
        assertThat(basic.json().get("detail").asText()).contains("send Authorization: Bearer <token>")
                .contains("is not one").doesNotContain("not valid");
        // a HEAD has its GET's access: public where the GET is, refused without a token where it is not
        assertThat(new Http(port).send("HEAD", "/api/v1/ledger/witnesses", null, null).status()).isEqualTo(200);
        assertThat(new Http(port).send("HEAD", "/api/v1/hazards", null, null).status()).isEqualTo(401);
        assertThat(as(valid).send("HEAD", "/api/v1/hazards", null, null).status()).isEqualTo(200);
        // and refused by role as its GET is: 403, not 404 as if there were no such endpoint
        assertThat(as(staffA).get("/api/v1/flags").status()).isEqualTo(403);
        assertThat(as(staffA).send("HEAD", "/api/v1/flags", null, null).status()).isEqualTo(403);
    }

    @Test
    void tokens_areStoredOnlyAsTheirHash() throws Exception {
        String t = token("sec-aud");
        String secret = t.substring("hlt_".length() + 13);   // hlt_<12 hex>_<secret>
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM api_token")) {
            int columns = rs.getMetaData().getColumnCount();
            boolean found = false;
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    assertThat(String.valueOf(rs.getString(i))).doesNotContain(secret);
                }
                found |= Hashes.sha256Hex(t.getBytes(StandardCharsets.US_ASCII)).equals(rs.getString("token_sha256"));
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void enterpriseStaff_seeTheirOwnEnterpriseOnly_inListsCountsAndErrors() {
        Http a = as(staffA);
        assertThat(a.get("/api/v1/hazards").json().findValuesAsText("enterpriseId")).containsOnly("sec-a");
        Http.Response otherList = a.get("/api/v1/hazards?enterpriseId=sec-b");
        refused(otherList, 404, "not-found");   // as a filter naming no enterprise
        assertThat(otherList.json().get("detail").asText().replace("sec-b", "X")).isEqualTo(
                a.get("/api/v1/hazards?enterpriseId=sec-none").json().get("detail").asText().replace("sec-none", "X"));
        assertThat(a.get("/api/v1/register/open-major").json().findValuesAsText("enterpriseId")).containsExactly("sec-a");
        assertThat(a.get("/api/v1/enterprises").json().findValuesAsText("enterpriseId")).containsExactly("sec-a");
        assertThat(a.get("/api/v1/people").json().findValuesAsText("personId")).containsOnly("sec-a1", "sec-a2", "sec-a-aud");
        assertThat(a.get("/api/v1/inspections").json()).isEmpty();
        assertThat(as(staffB).get("/api/v1/inspections").json().findValuesAsText("inspectionId")).containsExactly("in-sec-b");
        // another enterprise's records are answered exactly as records that do not exist
        for (String[] c : new String[][]{{"/api/v1/hazards/%s", "hz-sec-b", "hz-none"},
                {"/api/v1/hazards/%s/history", "hz-sec-b", "hz-none"},
                {"/api/v1/hazards/%s/responsibility", "hz-sec-b", "hz-none"},
                {"/api/v1/hazards/%s/verified-history", "hz-sec-b", "hz-none"},
                {"/api/v1/enterprises/%s", "sec-b", "sec-none"},
                {"/api/v1/people/%s", "sec-b1", "sec-none"},
                {"/api/v1/people/%s/trail", "sec-b1", "sec-none"},
                {"/api/v1/people/%s/keys", "sec-b1", "sec-none"},
                {"/api/v1/inspections/%s", "in-sec-b", "in-none"},
                {"/api/v1/inspections/%s/responsibility", "in-sec-b", "in-none"}}) {
            Http.Response other = a.get(c[0].formatted(c[1]));
            Http.Response none = a.get(c[0].formatted(c[2]));
            refused(other, 404, "not-found");
            assertThat(other.json().get("detail").asText().replace(c[1], "X"))
                    .isEqualTo(none.json().get("detail").asText().replace(c[2], "X"));
        }
        assertThat(a.get("/api/v1/hazards/hz-sec-a").status()).isEqualTo(200);
        refused(a.get("/api/v1/ledger/entries"), 403, "role-not-allowed");
        refused(a.get("/api/v1/hazards/hz-sec-a/dossier"), 403, "role-not-allowed");
        refused(a.get("/api/v1/flags"), 403, "role-not-allowed");
    }

    @Test
    void enterpriseStaff_cannotActForAnotherEnterprise_andNothingIsStored() {
        long size = ledger.head().size();
        Http a = as(staffA);
        refused(a.post("/api/v1/hazards", Park.reportBody("hz-sec-x", "sec-b").replace("sec-b-rep", "sec-a1")),
                403, "other-enterprise");
        refused(a.post("/api/v1/hazards/hz-sec-b/plan", j("{'measures':'m','ownerId':'sec-a1','dueDate':'2027-01-01',"
                + "'funding':'1','interimControls':'c','contingencyPlan':'p','plannedBy':'sec-a1'}")), 404, "not-found");
        refused(a.post("/api/v1/inspections/in-sec-b/results", j("{'itemNo':'1','result':'PASS','recordedBy':'sec-a1'}")),
                404, "not-found");
        refused(a.post("/api/v1/statements", j("{'action':'hazard.submit','aggregateId':'hz-sec-b','keyId':'k-1',"
                + "'request':{'summary':'s','evidence':[],'submittedBy':'sec-a1'}}")), 404, "not-found");
        // a member left out is a bad request naming it, not a write for another enterprise or in another's name
        Http.Response empty = a.post("/api/v1/hazards", "{}");
        refused(empty, 400, "invalid-input");
        assertThat(empty.json().path("detail").asText()).isEqualTo("enterpriseId: is required");
        Http.Response noPlanner = a.post("/api/v1/hazards/hz-sec-a/plan", j("{'measures':'m','ownerId':'sec-a1',"
                + "'dueDate':'2027-01-01'}"));
        refused(noPlanner, 400, "invalid-input");
        assertThat(noPlanner.json().path("field").asText()).isEqualTo("plannedBy");
        assertThat(ledger.head().size()).isEqualTo(size);
    }

    @Test
    void enterpriseStaff_learnNothingOfAnotherEnterprise_fromRefusalsOfTheirWrites() {
        long size = ledger.head().size();
        Http a = as(staffA);
        // a statement for another enterprise's record, of any kind, is answered as one for a record that exists nowhere
        for (String id : List.of("in-sec-b", "hz-sec-b", "sec-b1", "sec-b")) {
            Http.Response other = a.post("/api/v1/statements", j("{'action':'hazard.submit','aggregateId':'" + id
                    + "','keyId':'k-1','request':{'summary':'s','evidence':[],'submittedBy':'sec-a1'}}"));
            refused(other, 404, "not-found");
            assertThat(other.json().get("detail").asText()).isEqualTo("no record with id '" + id + "'");
        }
        refused(a.post("/api/v1/statements", j("{'action':'hazard.submit','aggregateId':'nowhere-1','keyId':'k-1',"
                + "'request':{'summary':'s','evidence':[],'submittedBy':'sec-a1'}}")), 404, "not-found");
        refused(a.post("/api/v1/statements", j("{'action':'flag.acknowledge','aggregateId':'f-1','keyId':'k-1',"
                + "'request':{'reason':'r','acknowledgedBy':'sec-a1'}}")), 403, "role-not-allowed");
        // a taken id is refused as taken, whoever took it, without a hash or an enterprise in the answer
        Http.Response taken = a.post("/api/v1/hazards", Park.reportBody("hz-sec-b", "sec-a").replace("sec-a-rep", "sec-a1"));
        refused(taken, 409, "duplicate-id");
        assertThat(taken.json().get("detail").asText()).isEqualTo("hazardId 'hz-sec-b' is already in use");
        assertThat(taken.json().get("field").asText()).isEqualTo("hazardId");
        // another enterprise's inspection or person, cited by a write, is unknown, as a missing one is
        Http.Response cites = a.post("/api/v1/hazards", Park.reportBody("hz-sec-e", "sec-a").replace("sec-a-rep", "sec-a1")
                .replaceFirst("}$", j(",'inspectionId':'in-sec-b','itemNo':'1'}")));
        refused(cites, 422, "unknown-inspection");
        assertThat(cites.json().get("detail").asText()).isEqualTo("inspectionId: no inspection with id 'in-sec-b'");
        Http.Response coSigner = a.post("/api/v1/inspections", j("{'inspectionId':'in-sec-a','enterpriseId':'sec-a',"
                + "'checklist':'fire','inspectorId':'sec-a1','coSigners':[{'personId':'sec-b1','role':'EXPERT'}],"
                + "'items':[{'itemNo':'1','criterionRef':'GB 50016','description':'exits clear'}]}"));
        refused(coSigner, 422, "unknown-person");
        Http.Response nobody = a.post("/api/v1/inspections", j("{'inspectionId':'in-sec-a','enterpriseId':'sec-a',"
                + "'checklist':'fire','inspectorId':'sec-a1','coSigners':[{'personId':'sec-none','role':'EXPERT'}],"
                + "'items':[{'itemNo':'1','criterionRef':'GB 50016','description':'exits clear'}]}"));
        assertThat(coSigner.json().get("detail").asText().replace("sec-b1", "X"))
                .isEqualTo(nobody.json().get("detail").asText().replace("sec-none", "X"));
        // a write to another enterprise's hazard or inspection, and to one that exists nowhere: one answer, given
        // before the ledger looks at the write (which would answer an unknown one in its own words)
        for (String[] path : new String[][]{{"/api/v1/hazards/hz-sec-b/submissions", "/api/v1/hazards/hz-none/submissions",
                "{'summary':'s','evidence':[],'submittedBy':'sec-a1'}"},
                {"/api/v1/inspections/in-sec-b/sign-off", "/api/v1/inspections/in-none/sign-off",
                        "{'summary':'s','inspectorId':'sec-a1'}"}}) {
            Http.Response other = a.post(path[0], j(path[2]));
            Http.Response none = a.post(path[1], j(path[2]));
            refused(other, 404, "not-found");
            refused(none, 404, "not-found");
            assertThat(other.json().get("detail").asText().replaceAll("'[^']*'", "X"))
                    .isEqualTo(none.json().get("detail").asText().replaceAll("'[^']*'", "X"));
        }
        assertThat(ledger.head().size()).isEqualTo(size);
    }

    @Test
    void aPersonOfAnEnterprise_actsAsItsStaffOnly_andStaffWithoutAnEnterpriseSeeNothing() {
        refused(as(token("sec-a-aud")).get("/api/v1/ledger/entries?from=0&to=1"), 403, "role-not-allowed");
        refused(as(token("sec-a-aud")).get("/api/v1/hazards"), 403, "role-not-allowed");
        Http loose = as(token("sec-loose"));
        assertThat(loose.get("/api/v1/hazards").json()).isEmpty();
        assertThat(loose.get("/api/v1/register/open-major").json()).isEmpty();
        refused(loose.get("/api/v1/hazards/hz-sec-a"), 404, "not-found");
    }

    @Test
    void aPlan_isAcceptedByItsOwner_whoIsTheCaller() {
        long size = ledger.head().size();
        Http.Response other = as(staffA).post("/api/v1/hazards/hz-sec-a/plan", j("{'measures':'m','ownerId':'sec-a2',"
                + "'dueDate':'2027-01-01','funding':'1','interimControls':'c','contingencyPlan':'p','plannedBy':'sec-a1'}"));
        refused(other, 403, "not-the-caller");
        assertThat(other.json().get("field").asText()).isEqualTo("ownerId");
        assertThat(ledger.head().size()).isEqualTo(size);
    }

    @Test
    void aWrite_isMadeByItsCaller_whoCannotNameAnotherActorOrSigner() {
        long size = ledger.head().size();
        Http a = as(staffA);
        Http.Response inAnothersName = a.post("/api/v1/hazards", Park.reportBody("hz-sec-c", "sec-a")
                .replace("sec-a-rep", "sec-a2"));
        refused(inAnothersName, 403, "not-the-caller");
        assertThat(inAnothersName.json().get("field").asText()).isEqualTo("reportedBy");
        String signedByAnother = Park.reportBody("hz-sec-c", "sec-a").replace("sec-a-rep", "sec-a1")
                .replaceFirst("}$", j(",'signature':{'statement':{'version':1,'action':'hazard.report',"
                        + "'aggregateId':'hz-sec-c','contentSha256':'" + "0".repeat(64) + "','prevEntryHash':'"
                        + "0".repeat(64) + "','signerId':'sec-a2','keyId':'k-1','claimedAt':'2026-11-29T00:00:00Z',"
                        + "'mode':'personal'},'signature':'AAAA'}}"));
        Http.Response signed = a.post("/api/v1/hazards", signedByAnother);
        refused(signed, 403, "not-the-caller");
        assertThat(signed.json().get("field").asText()).isEqualTo("signature.statement.signerId");
        // nor is a statement prepared for an act in another's name: the signing tool would sign what cannot be sent
        Http.Response statement = a.post("/api/v1/statements", j("{'action':'hazard.submit','aggregateId':'hz-sec-a',"
                + "'keyId':'k-1','request':{'summary':'s','evidence':[],'submittedBy':'sec-a2'}}"));
        refused(statement, 403, "not-the-caller");
        assertThat(statement.json().get("detail").asText()).startsWith("the request names sec-a2 as who acts");
        // in their own name, with a key they do not hold: refused as the write would be, before anything is signed
        Http.Response unknownKey = a.post("/api/v1/statements", j("{'action':'hazard.submit','aggregateId':'hz-sec-a',"
                + "'keyId':'k-1','request':{'summary':'s','evidence':[],'submittedBy':'sec-a1'}}"));
        refused(unknownKey, 422, "key-unknown");
        assertThat(unknownKey.json().get("detail").asText()).isEqualTo("no key k-1 is registered");
        // another enterprise's key is answered exactly as one registered nowhere, preparing and sending alike; a key
        // of their own enterprise's person is named as that person's; their own key prepares the statement
        String keyOfB = key("sec-b1");
        String keyOfA2 = key("sec-a2");
        String keyOfA1 = key("sec-a1");
        size = ledger.head().size();
        String submit = "'request':{'summary':'s','evidence':[],'submittedBy':'sec-a1'}}";
        Http.Response othersKey = a.post("/api/v1/statements", j("{'action':'hazard.submit','aggregateId':'hz-sec-a',"
                + "'keyId':'" + keyOfB + "'," + submit));
        refused(othersKey, 422, "key-unknown");
        assertThat(othersKey.json().get("detail").asText()).isEqualTo("no key " + keyOfB + " is registered");
        String sentWithIt = j("{'summary':'s','evidence':[],'submittedBy':'sec-a1','signature':{'statement':{"
                + "'version':1,'action':'hazard.submit','aggregateId':'hz-sec-a','contentSha256':'" + "0".repeat(64)
                + "','prevEntryHash':'" + "0".repeat(64) + "','signerId':'sec-a1','keyId':'" + keyOfB
                + "','claimedAt':'2026-11-29T00:00:00Z','mode':'personal'},'signature':'AAAA'}}");
        Http.Response sent = a.post("/api/v1/hazards/hz-sec-a/submissions", sentWithIt);
        refused(sent, 422, "key-unknown");
        assertThat(sent.json().get("detail").asText()).isEqualTo("no key " + keyOfB + " is registered");
        Http.Response colleaguesKey = a.post("/api/v1/statements", j("{'action':'hazard.submit',"
                + "'aggregateId':'hz-sec-a','keyId':'" + keyOfA2 + "'," + submit));
        refused(colleaguesKey, 422, "signer-not-actor");
        assertThat(colleaguesKey.json().get("detail").asText()).contains("belongs to sec-a2, not sec-a1");
        assertThat(ok(a.post("/api/v1/statements", j("{'action':'hazard.submit','aggregateId':'hz-sec-a','keyId':'"
                + keyOfA1 + "'," + submit))).json().get("signerId").asText()).isEqualTo("sec-a1");
        assertThat(ledger.head().size()).isEqualTo(size);
        assertThat(a.post("/api/v1/hazards", Park.reportBody("hz-sec-c", "sec-a").replace("sec-a-rep", "sec-a1"))
                .status()).isEqualTo(201);
        assertThat(ledger.register().get("hz-sec-c").orElseThrow().reportedBy()).isEqualTo("sec-a1");
    }

    /**
     * A statement for the park office's own acts (a flag's acknowledgement, a whistleblower report's handling) is
     * refused to every other role before anything is looked up: a registrar or an administrator, who may not read
     * flags, learns nothing of which flags exist (a flag's id is guessable: its rule and entry index).
     */
    @Test
    void statementsForTheParkOfficesActs_areRefusedToOtherRoles_beforeAnyLookup() {
        for (String token : List.of(registrar, admin)) {
            for (String action : List.of("flag.acknowledge", "whistleblower.reveal")) {
                Http.Response r = as(token).post("/api/v1/statements", j("{'action':'" + action + "','aggregateId':"
                        + "'after-equals-before:1.0','keyId':'k-1','request':{'reason':'r','"
                        + (action.startsWith("flag") ? "acknowledgedBy" : "revealedBy") + "':'x'}}"));
                refused(r, 403, "role-not-allowed");
                assertThat(r.json().get("field").asText()).isEqualTo("action");
            }
        }
    }

    @Test
    void onlyAnAdministrator_registersAdministratorsAndRegistrars() {
        long size = ledger.head().size();
        refused(as(registrar).post("/api/v1/people", j("{'personId':'sec-new-adm','name':'N','roles':['ADMIN']}")),
                403, "role-not-allowed");
        refused(as(registrar).post("/api/v1/people", j("{'personId':'sec-new-reg','name':'N','roles':['REGISTRAR']}")),
                403, "role-not-allowed");
        assertThat(ledger.head().size()).isEqualTo(size);
        assertThat(as(registrar).post("/api/v1/people", j("{'personId':'sec-new-insp','name':'N','roles':['INSPECTOR']}"))
                .status()).isEqualTo(201);
        assertThat(as(admin).post("/api/v1/people", j("{'personId':'sec-new-reg','name':'N','roles':['REGISTRAR']}"))
                .status()).isEqualTo(201);
    }

    @Test
    void aWrite_recordsItsCaller_whomTheTrailsShow_signedOrNot() throws Exception {
        var made = as(admin).post("/api/v1/people", j("{'personId':'sec-called','name':'N','roles':['INSPECTOR']}"));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        long index = made.json().get("index").asLong();
        // the entry holds its caller (the hash covers it), and the trails show it
        String entry = as(auditor).get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1)).raw();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(entry).path("metadata")
                .path("ledgerCaller").asText()).isEqualTo("sec-adm");
        com.fasterxml.jackson.databind.JsonNode trail = as(auditor).get("/api/v1/people/sec-adm/trail").json();
        assertThat(trail).anySatisfy(a -> {
            assertThat(a.get("index").asLong()).isEqualTo(index);
            assertThat(a.get("eventType").asText()).isEqualTo("PersonRegistered");
            assertThat(a.get("aggregateId").asText()).isEqualTo("sec-called");
            assertThat(a.get("status").asText()).isEqualTo("unsigned");
            assertThat(a.get("caller").asText()).isEqualTo("sec-adm");
        });
        // as the ledger stood before the write, not yet
        assertThat(as(auditor).get("/api/v1/people/sec-adm/trail?atIndex=" + index).json())
                .noneSatisfy(a -> assertThat(a.get("index").asLong()).isEqualTo(index));
        // a write made on the server itself (its command line, the ledger's own acts) names no caller
        assertThat(as(auditor).get("/api/v1/hazards/hz-sec-a/responsibility").json())
                .allSatisfy(a -> assertThat(a.get("caller").isNull()).isTrue());
    }

    @Test
    void theAuditor_readsEverything_andWritesNothing() {
        Http aud = as(auditor);
        assertThat(aud.get("/api/v1/hazards").json().findValuesAsText("enterpriseId")).contains("sec-a", "sec-b");
        assertThat(aud.get("/api/v1/ledger/entries?from=0&to=3").raw().lines()).hasSize(3);
        assertThat(aud.get("/api/v1/ledger/proofs/inclusion?index=0&treeSize=3").status()).isEqualTo(200);
        assertThat(aud.get("/api/v1/hazards/hz-sec-b/dossier").status()).isEqualTo(200);
        assertThat(aud.get("/api/v1/ledger/verification").status()).isEqualTo(200);
        refused(aud.post("/api/v1/hazards", Park.reportBody("hz-sec-d", "sec-a")), 403, "role-not-allowed");
        refused(aud.post("/api/v1/ledger/replay", "{}"), 403, "role-not-allowed");
    }

    /** A method that no endpoint of a path takes is 405 with the methods it does take (RFC 9110), not 404. */
    @Test
    void aMethodThePathDoesNotTake_is405WithAllow_andAPathOfNoEndpoint404() {
        Http adm = as(admin);
        Http.Response put = adm.send("PUT", "/api/v1/hazards", "application/json", "{}");
        refused(put, 405, "method-not-allowed");
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(put.json().get("instance").asText()).isEqualTo("/api/v1/hazards");
        assertThat(put.json().get("detail").asText()).contains("PUT", "/api/v1/hazards", "GET, HEAD, POST");
        Http.Response get = adm.get("/api/v1/ledger/replay");
        refused(get, 405, "method-not-allowed");
        assertThat(get.header("Allow")).isEqualTo("POST");
        refused(adm.send("DELETE", "/api/v1/hazards/hz-sec-a", null, null), 405, "method-not-allowed");
        refused(adm.get("/api/v1/nothing-here"), 404, "not-found");
        Http.Response anonymous = new Http(port).send("DELETE", "/api/v1/ledger/keys", null, null);
        refused(anonymous, 405, "method-not-allowed");   // a public path, asked without a token
        assertThat(anonymous.header("Allow")).isEqualTo("GET, HEAD");
        refused(new Http(port).send("PUT", "/api/v1/hazards", "application/json", "{}"), 405, "method-not-allowed");
        refused(new Http(port).get("/api/v1/nothing-here"), 401, "unauthorized");
        // the server's own address, opened in a browser without a token, leads to the API's description
        Http.Response root = new Http(port).get("/");
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).isEqualTo("/swagger-ui.html");
    }
}
