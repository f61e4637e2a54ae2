package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Run.cli;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing flow as a user runs it, with the server's default (signatures required): keys made with
 * {@code keygen}, writes signed with {@code sign}, trails read back; forged, replayed, wrong-person and revoked-key
 * signatures refused with nothing stored; an altered stored signature caught by verify.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedWritesHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;



    private Http http() {
        return new Http(port);
    }

    private String server() {
        return "http://127.0.0.1:" + port;
    }

    /** Writes the body to a file, signs it with the CLI, and returns the signed body. */
    private String sign(String key, String action, String aggregate, String body) throws Exception {
        return Run.sign(dir, server(), key, action, aggregate, body);
    }

    private long size() {
        return ok(http().get("/api/v1/ledger/verification")).json().get("size").asLong();
    }

    private void refused(String path, String body, int status, String code) {
        long before = size();
        Http.Response r = http().post(path, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(size()).isEqualTo(before);
    }

    static String report;

    @BeforeAll
    static void reportBody() {
        report = j("{'hazardId':'hz-s','enterpriseId':'sig','level':'GENERAL','source':'SELF_INSPECTION',"
                + "'category':'fire safety','location':'Warehouse A','description':'Fire exit blocked',"
                + "'foundAt':'2026-11-01T08:00:00Z','reportedBy':'li'}");
    }

    @Test
    @Order(1)
    void twoPeople_makeKeysWithTheCommandLine_andRegisterThem() throws Exception {
        Http http = http();
        ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'sig','name':'Sig Co','sector':'logistics','highRisk':false}")));
        ok(http.post("/api/v1/people", j("{'personId':'li','name':'Li Wei','enterpriseId':'sig','roles':['ENTERPRISE_STAFF']}")));
        ok(http.post("/api/v1/people", j("{'personId':'zhao','name':'Zhao Min','roles':['VERIFIER']}")));
        Run li = cli("keygen", "--person", "li", "--out", dir.resolve("li.pem").toString());
        Run zhao = cli("keygen", "--person", "zhao", "--algorithm", "sm2", "--out", dir.resolve("zhao.pem").toString());
        assertThat(li.code()).as(li.err()).isZero();
        assertThat(zhao.code()).as(zhao.err()).isZero();
        assertThat(Files.readString(dir.resolve("li.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(cli("keygen", "--person", "li", "--out", dir.resolve("li.pem").toString()).code()).isEqualTo(2);
        // a file the command cannot write, or a server it cannot reach, is said as such (not a bare path or class name)
        Run nowhere = cli("keygen", "--person", "li", "--out", dir.resolve("no-such-dir/li.pem").toString());
        assertThat(nowhere.code()).isEqualTo(2);
        assertThat(nowhere.err()).startsWith("error: no such file or directory: ").contains("no-such-dir");
        Files.writeString(dir.resolve("request.json"), "{}");
        Run unreachable = cli("sign", "--key", dir.resolve("li.pem").toString(), "--action", "hazard.report",
                "--server", "http://127.0.0.1:1", dir.resolve("request.json").toString());
        assertThat(unreachable.code()).isEqualTo(2);
        assertThat(unreachable.err()).startsWith("error: could not connect to the server at http://127.0.0.1:1");
        Run noScheme = cli("sign", "--key", dir.resolve("li.pem").toString(), "--action", "hazard.report",
                "--server", "127.0.0.1:1", dir.resolve("request.json").toString());
        assertThat(noScheme.code()).isEqualTo(2);
        assertThat(noScheme.err()).startsWith("error: --server 127.0.0.1:1 is not the server's URL: give its scheme "
                + "and host, such as http://localhost:8080");
        Files.writeString(dir.resolve("broken.json"), "{\"hazardId\": ");
        Run broken = cli("sign", "--key", dir.resolve("li.pem").toString(), "--action", "hazard.report",
                "--server", "http://127.0.0.1:1", dir.resolve("broken.json").toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).startsWith("error: " + dir.resolve("broken.json") + " is not JSON: ")
                .contains("(line 1, column ").doesNotContain("Exception");
        assertThat(cli("sign", "--help").out().replaceAll("\\s+", "")).contains("default:http://localhost:8080");
        ok(http.post("/api/v1/people/li/keys", li.out()));
        ok(http.post("/api/v1/people/zhao/keys", zhao.out()));
        assertThat(ok(http.get("/api/v1/people/zhao/keys")).json().get(0).get("algorithm").asText()).isEqualTo("SM2_SM3");
    }

    @Test
    @Order(2)
    void unsignedWrite_isRefused() {
        refused("/api/v1/hazards", report, 422, "signature-required");
        // a write to a record that exists nowhere is 404 before its signature is looked at, and no statement is
        // prepared for one (a client would sign for nothing)
        refused("/api/v1/hazards/nope/verifications", j("{'passed':true,'remarks':'ok','verifierId':'zhao'}"), 404,
                "unknown-hazard");
        refused("/api/v1/inspections/nope/sign-off", j("{'summary':'ok','inspectorId':'zhao'}"), 404,
                "unknown-inspection");
        refused("/api/v1/people/nope/keys/k1/revocation", j("{'reason':'lost','revokedBy':'nope'}"), 404,
                "unknown-person");
        refused("/api/v1/statements", j("{'action':'hazard.verify','aggregateId':'nope','keyId':'k-1',"
                + "'request':{'passed':true,'remarks':'ok','verifierId':'zhao'}}"), 404, "not-found");
        refused("/api/v1/flags/nope:1.0/acknowledgements", j("{'reason':'seen','acknowledgedBy':'zhao'}"), 404,
                "unknown-flag");
        refused("/api/v1/statements", j("{'action':'flag.acknowledge','aggregateId':'nope:1.0','keyId':'k-1',"
                + "'request':{'reason':'seen','acknowledgedBy':'zhao'}}"), 404, "not-found");
    }

    @Test
    @Order(3)
    void hazardSignedByOne_verifiedByTheOther_andBothTrailsShowIt() throws Exception {
        Http http = http();
        ok(http.post("/api/v1/hazards", sign("li.pem", "hazard.report", null, report)));
        ok(http.post("/api/v1/hazards/hz-s/plan", sign("li.pem", "hazard.plan-acceptance", "hz-s",
                j("{'measures':'Clear the exit','ownerId':'li','dueDate':'" + LocalDate.now().plusDays(7) + "','plannedBy':'li'}"))));
        ok(http.post("/api/v1/hazards/hz-s/submissions", sign("li.pem", "hazard.submit", "hz-s",
                j("{'summary':'Exit cleared','submittedBy':'li'}"))));
        ok(http.post("/api/v1/hazards/hz-s/verifications", sign("zhao.pem", "hazard.verify", "hz-s",
                j("{'passed':true,'remarks':'Checked','verifierId':'zhao'}"))));

        JsonNode li = ok(http.get("/api/v1/people/li/trail")).json();
        assertThat(li).hasSize(3);
        assertThat(li.get(0).get("action").asText()).isEqualTo("hazard.report");
        assertThat(li.get(0).get("status").asText()).isEqualTo("valid");
        assertThat(li.get(0).get("entryHash").asText()).matches("[0-9a-f]{64}");
        JsonNode zhao = ok(http.get("/api/v1/people/zhao/trail")).json();
        assertThat(zhao).hasSize(1);
        assertThat(zhao.get(0).get("action").asText()).isEqualTo("hazard.verify");
        JsonNode chain = ok(http.get("/api/v1/hazards/hz-s/responsibility")).json();
        assertThat(chain).hasSize(4);
        assertThat(chain.get(3).get("signerId").asText()).isEqualTo("zhao");
        assertThat(ok(http.get("/api/v1/ledger/verification")).json().get("valid").asBoolean()).isTrue();
    }

    /** A report signed without an id takes the one the server put in the statement: SECURITY's "let it assign". */
    @Test
    @Order(3)
    void aReportSignedWithoutAnId_takesTheIdItsStatementWasPreparedWith() throws Exception {
        String body = report.replace("'hazardId':'hz-s',".replace('\'', '"'), "");
        assertThat(body).doesNotContain("hazardId");
        String signed = sign("li.pem", "hazard.report", null, body);
        Http.Response r = ok(http().post("/api/v1/hazards", signed));
        String id = r.json().path("id").asText();
        assertThat(id).startsWith("hz-").hasSize(39);
        assertThat(r.header("Location")).endsWith("/api/v1/hazards/" + id);
        JsonNode acts = ok(http().get("/api/v1/hazards/" + id + "/responsibility")).json();
        assertThat(acts.get(0).path("signerId").asText()).isEqualTo("li");
        assertThat(acts.get(0).path("status").asText()).isEqualTo("valid");
        // sent again, the same signed report is refused, and nothing stored
        refused("/api/v1/hazards", signed, 409, "statement-replayed");
    }

    @Test
    @Order(4)
    void checklistInspection_signedOffByTheInspector_coSignedByTheEnterprise_withItsFindingLinked() throws Exception {
        Http http = http();
        ok(http.post("/api/v1/inspections", j("{'inspectionId':'insp-1','enterpriseId':'sig','checklist':'Fire safety',"
                + "'inspectorId':'zhao','coSigners':[{'personId':'li','role':'ENTERPRISE_REPRESENTATIVE'}],"
                + "'items':[{'itemNo':'1','criterionRef':'GB 50140','description':'Extinguishers in date'},"
                + "{'itemNo':'2','description':'Exits clear'}]}")));
        ok(http.post("/api/v1/inspections/insp-1/results", j("{'itemNo':'1','result':'PASS','recordedBy':'zhao'}")));
        ok(http.post("/api/v1/inspections/insp-1/results",
                j("{'itemNo':'2','result':'FAIL','remarks':'Exit 3 blocked','recordedBy':'zhao'}")));
        refused("/api/v1/inspections/insp-1/sign-off", sign("zhao.pem", "inspection.sign-off", "insp-1",
                j("{'summary':'one finding','inspectorId':'zhao'}")), 409, "failing-item-without-hazard");
        ok(http.post("/api/v1/hazards", sign("zhao.pem", "hazard.report", null, j("{'hazardId':'hz-i','enterpriseId':'sig',"
                + "'level':'GENERAL','source':'SUPERVISORY_INSPECTION','category':'fire safety','location':'Exit 3',"
                + "'description':'Exit blocked','foundAt':'2026-11-20T08:00:00Z','reportedBy':'zhao',"
                + "'inspectionId':'insp-1','itemNo':'2'}"))));
        ok(http.post("/api/v1/inspections/insp-1/sign-off", sign("zhao.pem", "inspection.sign-off", "insp-1",
                j("{'summary':'one finding','inspectorId':'zhao'}"))));
        ok(http.post("/api/v1/inspections/insp-1/co-signatures", sign("li.pem", "inspection.co-sign", "insp-1",
                j("{'personId':'li','remarks':'acknowledged'}"))));
        JsonNode inspection = ok(http.get("/api/v1/inspections/insp-1")).json();
        assertThat(inspection.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(inspection.get("items").get(1).get("hazardId").asText()).isEqualTo("hz-i");
        JsonNode chain = ok(http.get("/api/v1/inspections/insp-1/responsibility")).json();
        assertThat(chain.get(chain.size() - 1).get("signerId").asText()).isEqualTo("li");
        assertThat(chain.get(chain.size() - 2).get("action").asText()).isEqualTo("inspection.sign-off");
    }

    @Test
    @Order(5)
    void forgedReplayedAndWrongPersonSignatures_areRefused_withNothingStored() throws Exception {
        String close = j("{'remarks':'Closed','closedBy':'zhao'}");
        String signed = sign("zhao.pem", "hazard.close-out", "hz-s", close);
        JsonNode body = Http.JSON.readTree(signed);
        String sig = body.get("signature").get("signature").asText();
        char flipped = sig.charAt(5) == 'A' ? 'B' : 'A';
        String forged = signed.replace(sig, sig.substring(0, 5) + flipped + sig.substring(6));
        refused("/api/v1/hazards/hz-s/close-out", forged, 422, "signature-invalid");

        // sign asks the server for the statement: a key that is not the acting person's is refused then, unsigned
        Path closeRequest = Files.createTempFile(dir, "close", ".json");
        Files.writeString(closeRequest, close);
        Run withLisKey = cli("sign", "--key", dir.resolve("li.pem").toString(), "--action", "hazard.close-out",
                "--aggregate", "hz-s", "--server", server(), closeRequest.toString());
        assertThat(withLisKey.code()).isEqualTo(2);
        assertThat(withLisKey.out()).isEmpty();
        assertThat(withLisKey.err()).startsWith("error: the server refused to prepare the statement (422 "
                + "signer-not-actor): key ").contains(" belongs to li, not zhao").doesNotContain("{");
        // a statement signed without asking the server, with li's key for zhao's act, is refused at the write
        String liKeyId = ok(http().get("/api/v1/people/li/keys")).json().get(0).get("keyId").asText();
        ObjectNode statement = (ObjectNode) body.get("signature").get("statement").deepCopy();
        statement.put("keyId", liKeyId);
        Path statementFile = Files.createTempFile(dir, "statement", ".json");
        Files.writeString(statementFile, statement.toString());
        Run byLi = cli("sign", "--key", dir.resolve("li.pem").toString(), "--statement", statementFile.toString());
        assertThat(byLi.code()).as(byLi.err()).isZero();
        ObjectNode wrongPerson = (ObjectNode) Http.JSON.readTree(close);
        wrongPerson.set("signature", Http.JSON.readTree(byLi.out()));
        refused("/api/v1/hazards/hz-s/close-out", wrongPerson.toString(), 422, "signer-not-actor");

        refused("/api/v1/hazards/hz-s/close-out", signed.replace("\"Closed\"", "\"Closed early\""), 422, "statement-mismatch");

        ok(http().post("/api/v1/hazards/hz-s/close-out", signed));
        refused("/api/v1/hazards/hz-s/close-out", signed, 409, "statement-replayed");
    }

    @Test
    @Order(6)
    void revokedKey_isRefused() throws Exception {
        JsonNode key = ok(http().get("/api/v1/people/li/keys")).json().get(0);
        String keyId = key.get("keyId").asText();
        // the revoked key is named in the path; the CLI needs it for the statement
        Path request = Files.createTempFile(dir, "revoke", ".json");
        Files.writeString(request, j("{'reason':'laptop stolen','revokedBy':'li'}"));
        Run r = cli("sign", "--key", dir.resolve("li.pem").toString(), "--action", "key.revoke", "--aggregate", "li",
                "--revoked-key", keyId, "--server", server(), request.toString());
        assertThat(r.code()).as(r.err()).isZero();
        ok(http().post("/api/v1/people/li/keys/" + keyId + "/revocation", r.out()));

        Path report2 = Files.createTempFile(dir, "report", ".json");
        Files.writeString(report2, report.replace("hz-s", "hz-s2"));
        Run late = cli("sign", "--key", dir.resolve("li.pem").toString(), "--action", "hazard.report", "--server", server(),
                report2.toString());
        assertThat(late.code()).isEqualTo(2);
        assertThat(late.err()).startsWith("error: the server refused to prepare the statement (422 key-revoked): key "
                + keyId + " was revoked at ");
        // a statement prepared for a time before the revocation, then claimed after it and signed, is refused at the
        // write
        String prepare = "{\"action\":\"hazard.report\",\"keyId\":\"" + keyId + "\",\"claimedAt\":\""
                + Instant.parse(key.get("validFrom").asText()) + "\",\"request\":" + report.replace("hz-s", "hz-s2")
                + "}";
        ObjectNode statement = (ObjectNode) ok(http().post("/api/v1/statements", prepare)).json();
        statement.put("claimedAt",
                Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        Path statementFile = Files.createTempFile(dir, "statement", ".json");
        Files.writeString(statementFile, statement.toString());
        Run signed = cli("sign", "--key", dir.resolve("li.pem").toString(), "--statement", statementFile.toString());
        assertThat(signed.code()).as(signed.err()).isZero();
        ObjectNode body = (ObjectNode) Http.JSON.readTree(report.replace("hz-s", "hz-s2"));
        body.set("signature", Http.JSON.readTree(signed.out()));
        refused("/api/v1/hazards", body.toString(), 422, "key-revoked");
    }

    /** A rotation makes a new key resource, as a registration does: 201 with its place; the old key is retired. */
    @Test
    @Order(7)
    void rotation_answers201_withTheNewKeysPlace() throws Exception {
        String oldKeyId = ok(http().get("/api/v1/people/zhao/keys")).json().get(0).get("keyId").asText();
        Run next = cli("keygen", "--person", "zhao", "--out", dir.resolve("zhao-2.pem").toString());
        assertThat(next.code()).as(next.err()).isZero();
        String newPublicKey = Http.JSON.readTree(next.out()).get("publicKey").asText();
        Path request = Files.createTempFile(dir, "rotate", ".json");
        Files.writeString(request, j("{'oldKeyId':'" + oldKeyId + "','newPublicKey':'" + newPublicKey + "'}"));
        Run r = cli("sign", "--key", dir.resolve("zhao.pem").toString(), "--action", "key.rotate",
                "--aggregate", "zhao", "--server", server(), request.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Http.Response rotated = http().post("/api/v1/people/zhao/keys/rotation", r.out());
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        String newKeyId = rotated.json().get("id").asText();
        assertThat(newKeyId).isNotEqualTo(oldKeyId);
        assertThat(rotated.header("Location")).isEqualTo("/api/v1/keys/" + newKeyId);
        assertThat(ok(http().get(rotated.header("Location"))).json().get("publicKey").asText()).isEqualTo(newPublicKey);
        assertThat(ok(http().get("/api/v1/keys/" + oldKeyId)).json().get("revokeReason").asText())
                .isEqualTo("rotated to " + newKeyId);
    }

    /**
     * A replay leaves a mark signed with the server's log key; the next one takes the signatures below it as checked
     * (they are in the entries the mark's root covers) and says how many.
     */
    @Test
    @Order(8)
    void aSecondReplay_takesTheSignaturesTheFirstCheckedFromItsMark() {
        JsonNode first = ok(http().post("/api/v1/ledger/replay", "")).json();
        JsonNode second = ok(http().post("/api/v1/ledger/replay", "")).json();
        assertThat(second.get("replayed").asLong()).isEqualTo(first.get("replayed").asLong()).isEqualTo(size());
        // the acts above: a report, a plan, a submission, a verification, an inspection and its co-signature at least
        assertThat(second.get("signaturesVerifiedEarlier").asLong()).isGreaterThanOrEqualTo(6)
                .isLessThan(second.get("replayed").asLong());
        assertThat(second.get("corrected").asBoolean()).isFalse();
    }

    @Test
    @Order(9)
    void alteredStoredSignature_isCaughtByVerify_withItsIndex() throws Exception {
        long index = ok(http().get("/api/v1/people/zhao/trail")).json().get(0).get("index").asLong();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE ledger_domain_event SET meta_data = " + (TestStore.postgres()
                     ? "convert_to(replace(convert_from(meta_data, 'UTF8'), '\"signature\":\"', '\"signature\":\"A'), 'UTF8')"
                     : "REPLACE(meta_data, CAST('\"signature\":\"' AS VARBINARY), CAST('\"signature\":\"A' AS VARBINARY))")
                     + " WHERE event_identifier = (SELECT event_id FROM ledger_entry WHERE ledger_index = ?)")) {
            ps.setLong(1, index);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Http.Response r = http().get("/api/v1/ledger/verification");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("index").asLong()).isEqualTo(index);
    }
}
