package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a 4xx problem+json that names the problem, and nothing is stored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.api.max-body-bytes=65536", "ledger.require-signatures=false"})
class BadInputHttpTest {

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

    Http http;

    private static boolean parkReady;

    @BeforeEach
    void park() {
        http = new Http(port);
        if (!parkReady) {
            Park.setUp(http, "bad");
            ok(http.post("/api/v1/hazards", Park.reportBody("hz-bad", "bad")));
            ok(http.post("/api/v1/hazards/hz-bad/plan", j("{'measures':'fix','ownerId':'bad-own','dueDate':'2027-01-01',"
                    + "'plannedBy':'bad-own'}")));
            ok(http.post("/api/v1/hazards/hz-bad/submissions", j("{'summary':'fixed','evidence':[{'sha256':'"
                    + Park.SHA_AFTER + "','mediaType':'image/jpeg','capturedAt':'2026-11-20T08:00:00Z'}],"
                    + "'submittedBy':'bad-rep'}")));
            ok(http.post("/api/v1/inspections", j("{'inspectionId':'insp-bad','enterpriseId':'bad','checklist':'Fire',"
                    + "'inspectorId':'bad-ver','items':[{'itemNo':'1','description':'Extinguishers in date'}]}")));
            parkReady = true;
        }
    }

    static Stream<Arguments> badRequests() {
        String huge = "{\"hazardId\":\"hz-x\",\"description\":\"" + "x".repeat(70_000) + "\"}";
        return Stream.of(
                Arguments.of("malformed JSON", "/api/v1/hazards", "{\"hazardId\": ", 400, "malformed-request", null),
                Arguments.of("not JSON at all", "/api/v1/hazards", "hello", 400, "malformed-request", null),
                Arguments.of("unknown field", "/api/v1/enterprises",
                        j("{'enterpriseId':'e-x','name':'X','sector':'s','highRisk':false,'admin':true}"), 400, "malformed-request", "admin"),
                Arguments.of("wrong enum", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"MAJOR\"", "\"HUGE\""), 400, "malformed-request", "level"),
                Arguments.of("wrong type", "/api/v1/enterprises",
                        j("{'enterpriseId':'e-x','name':'X','sector':'s','highRisk':'maybe'}"), 400, "malformed-request", "highRisk"),
                Arguments.of("duplicate key", "/api/v1/enterprises",
                        j("{'enterpriseId':'e-x','enterpriseId':'e-y','name':'X','sector':'s','highRisk':false}"), 400,
                        "malformed-request", null),
                Arguments.of("boolean as text", "/api/v1/enterprises",
                        j("{'enterpriseId':'e-x','name':'X','sector':'s','highRisk':'true'}"), 400, "malformed-request", "highRisk"),
                Arguments.of("boolean as number", "/api/v1/enterprises",
                        j("{'enterpriseId':'e-x','name':'X','sector':'s','highRisk':1}"), 400, "malformed-request", "highRisk"),
                Arguments.of("text as number", "/api/v1/enterprises",
                        j("{'enterpriseId':'e-x','name':5,'sector':'s','highRisk':false}"), 400, "malformed-request", "name"),
                Arguments.of("text as boolean", "/api/v1/hazards/hz-bad/extensions",
                        j("{'newDueDate':'2027-02-01','reason':true,'approverId':'bad-ver'}"), 400, "malformed-request", "reason"),
                Arguments.of("enum as number", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"MAJOR\"", "1"), 400, "malformed-request", "level"),
                Arguments.of("enum in a list as number", "/api/v1/people",
                        j("{'personId':'p-x','name':'X','roles':[1]}"), 400, "malformed-request", "roles[0]"),
                // Jackson's enum reader tried the text again trimmed: AUDITOR with a NUL after it was an auditor
                Arguments.of("enum with a control character", "/api/v1/people",
                        j("{'personId':'p-x','name':'X','roles':['AUDITOR\\u0000']}"), 400, "malformed-request",
                        "roles[0]"),
                Arguments.of("enum with white space", "/api/v1/enterprises",
                        j("{'enterpriseId':'e-x','name':'X','sector':'s','highRisk':false,'size':'\\tLARGE'}"), 400,
                        "malformed-request", "size"),
                Arguments.of("instant as number", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"foundAt\":\"2026-11-01T08:00:00Z\"", "\"foundAt\":1700000000"),
                        400, "malformed-request", "foundAt"),
                Arguments.of("instant as digits", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"foundAt\":\"2026-11-01T08:00:00Z\"", "\"foundAt\":\"1700000000\""),
                        400, "malformed-request", "foundAt"),
                // an optional text sent empty is refused as one of white space only is: left out, not stored as ""
                Arguments.of("empty optional text", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"foundAt\"", "\"cause\":\"\",\"foundAt\""),
                        400, "invalid-input", "cause"),
                Arguments.of("date as number", "/api/v1/hazards/hz-bad/extensions",
                        j("{'newDueDate':20270201,'reason':'r','approverId':'bad-ver'}"), 400, "malformed-request", "newDueDate"),
                Arguments.of("invalid date", "/api/v1/hazards/hz-bad/extensions",
                        j("{'newDueDate':'2027-02-30','reason':'r','approverId':'bad-ver'}"), 400, "malformed-request", "newDueDate"),
                Arguments.of("missing field", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"location\":\"Tank farm B\",", ""), 400, "invalid-input", "location"),
                Arguments.of("blank field", "/api/v1/people", j("{'personId':'p-x','name':'  ','roles':['AUDITOR']}"),
                        400, "invalid-input", "name"),
                Arguments.of("malformed id", "/api/v1/people", j("{'personId':'p x','name':'X','roles':['AUDITOR']}"),
                        400, "invalid-input", "personId"),
                Arguments.of("bad evidence hash", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace(Park.SHA_BEFORE, "abc"), 400, "invalid-input",
                        "evidence[0].sha256"),
                Arguments.of("major without criterion", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"criterionRef\":\"MEM Order No.10 Art.4(1)\",", ""),
                        400, "invalid-input", "criterionRef"),
                Arguments.of("bad funding", "/api/v1/hazards/hz-bad/plan",
                        j("{'measures':'m','ownerId':'bad-own','dueDate':'2027-01-01','funding':'12,000','plannedBy':'bad-own'}"),
                        400, "invalid-input", "funding"),
                Arguments.of("verification without verdict", "/api/v1/hazards/hz-bad/verifications",
                        j("{'verifierId':'bad-ver'}"), 400, "invalid-input", "passed"),
                Arguments.of("unknown enterprise", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"enterpriseId\":\"bad\"", "\"enterpriseId\":\"nobody\""),
                        422, "unknown-enterprise", "enterpriseId"),
                Arguments.of("unknown person", "/api/v1/hazards/hz-bad/verifications",
                        j("{'passed':true,'verifierId':'ghost'}"), 422, "unknown-person", "verifierId"),
                Arguments.of("unknown hazard", "/api/v1/hazards/hz-none/close-out", j("{'closedBy':'bad-ver'}"),
                        404, "unknown-hazard", null),
                Arguments.of("illegal transition", "/api/v1/hazards/hz-bad/plan",
                        j("{'measures':'m','ownerId':'bad-own','dueDate':'2027-01-01','plannedBy':'bad-own'}"),
                        409, "illegal-transition", null),
                Arguments.of("extension decades ahead", "/api/v1/hazards/hz-bad/extensions",
                        j("{'newDueDate':'2199-12-31','reason':'r','approverId':'bad-ver'}"), 409, "due-date-too-far",
                        "newDueDate"),
                Arguments.of("verifier is owner", "/api/v1/hazards/hz-bad/verifications",
                        j("{'passed':true,'verifierId':'bad-own'}"), 409, "verifier-is-owner", null),
                Arguments.of("close-out without verification", "/api/v1/hazards/hz-bad/close-out",
                        j("{'closedBy':'bad-ver'}"), 409, "close-out-without-passed-verification", null),
                Arguments.of("duplicate enterprise", "/api/v1/enterprises",
                        j("{'enterpriseId':'bad','name':'X','sector':'s','highRisk':false}"), 409, "duplicate-id",
                        "enterpriseId"),
                Arguments.of("co-signer named twice", "/api/v1/inspections",
                        j("{'inspectionId':'insp-x','enterpriseId':'bad','checklist':'c','inspectorId':'bad-ver',"
                                + "'coSigners':[{'personId':'bad-rep','role':'EXPERT'},{'personId':'bad-rep',"
                                + "'role':'ENTERPRISE_REPRESENTATIVE'}],'items':[{'itemNo':'1','description':'a'}]}"),
                        400, "invalid-input", "coSigners.personId"),
                Arguments.of("unknown checklist item", "/api/v1/inspections/insp-bad/results",
                        j("{'itemNo':'99','result':'PASS','recordedBy':'bad-ver'}"), 422, "unknown-checklist-item",
                        "itemNo"),
                Arguments.of("hazard citing an unknown checklist item", "/api/v1/hazards",
                        Park.reportBody("hz-x", "bad").replace("\"source\":\"SELF_INSPECTION\",",
                                "\"source\":\"SELF_INSPECTION\",\"inspectionId\":\"insp-bad\",\"itemNo\":\"99\","),
                        422, "unknown-checklist-item", "itemNo"),
                Arguments.of("statement for a mistyped action, without an aggregate", "/api/v1/statements",
                        j("{'action':'hazard.reprot','keyId':'k-1','request':{}}"), 400, "invalid-input", "action"),
                Arguments.of("statement for an unknown hazard", "/api/v1/statements",
                        j("{'action':'hazard.submit','aggregateId':'hz-none','keyId':'k-1','request':"
                                + "{'summary':'done','evidence':[],'submittedBy':'bad-own'}}"), 404, "not-found", null),
                Arguments.of("statement for an unknown flag", "/api/v1/statements",
                        j("{'action':'flag.acknowledge','aggregateId':'flag-none','keyId':'k-1','request':"
                                + "{'acknowledgedBy':'bad-ver','reason':'seen'}}"), 404, "not-found", null),
                Arguments.of("statement for a malformed aggregate id and a malformed request", "/api/v1/statements",
                        j("{'action':'hazard.submit','aggregateId':'hz bad','keyId':'k-1','request':{'evidence':7}}"),
                        400, "invalid-input", "aggregateId"),
                Arguments.of("statement for a malformed aggregate id", "/api/v1/statements",
                        j("{'action':'hazard.submit','aggregateId':'hz bad','keyId':'k-1','request':{}}"), 400,
                        "invalid-input", "aggregateId"),
                Arguments.of("statement for a request with an invalid date", "/api/v1/statements",
                        j("{'action':'hazard.extend-deadline','aggregateId':'hz-bad','keyId':'k-1','request':"
                                + "{'newDueDate':'2027-02-30','reason':'r','approverId':'bad-ver'}}"), 400,
                        "invalid-input", "request.newDueDate"),
                Arguments.of("statement for a request its own check refuses", "/api/v1/statements",
                        j("{'action':'hazard.extend-deadline','aggregateId':'hz-bad','keyId':'k-1','request':"
                                + "{'newDueDate':'2027-02-01','reason':' ','approverId':'bad-ver'}}"), 400,
                        "invalid-input", "reason"),
                Arguments.of("oversized body", "/api/v1/hazards", huge, 413, "payload-too-large", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInput_isRefusedWithProblemJson_andNothingIsStored(String name, String path, String body, int status,
                                                              String code, String field) throws Exception {
        Map<String, Long> before = counts();
        Http.Response r = http.post(path, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("type").asText()).isEqualTo("urn:hazard-ledger:problem:" + code);
        assertThat(p.get("code").asText()).isEqualTo(code);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        if (field != null) {
            assertThat(p.get("field").asText()).isEqualTo(field);
        }
        assertThat(counts()).isEqualTo(before);
        assertThat(ok(http.get("/api/v1/ledger/verification")).json().get("valid").asBoolean()).isTrue();
    }

    /**
     * A mistyped action is told which actions there are; and every action listed is one a statement is prepared for
     * (its request is then judged, not its name).
     */
    @Test
    void aStatementForAnUnknownAction_listsTheActions_eachOfWhichIsKnown() {
        Http.Response r = http.post("/api/v1/statements", j("{'action':'hazard.reprot','keyId':'k-1','request':{}}"));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        java.util.List<String> actions = io.hazardledger.signing.internal.SignedActions.names();
        assertThat(actions).contains("hazard.report", "inspection.co-sign", "whistleblower.link").hasSize(16);
        assertThat(r.json().get("detail").asText())
                .isEqualTo("action: unknown action 'hazard.reprot': one of " + String.join(", ", actions));
        for (String action : actions) {
            Http.Response each = http.post("/api/v1/statements",
                    j("{'action':'" + action + "','aggregateId':'hz-bad','keyId':'k-1','request':{}}"));
            assertThat(each.status()).as(action).isGreaterThanOrEqualTo(400);
            assertThat(each.raw()).as(action).doesNotContain("unknown action");
        }
    }

    /** The hazard the path names does not exist: said as the path names it, not as a member of a command. */
    @Test
    void anUnknownHazardInThePath_isNotFound_withoutAField() {
        Http.Response r = http.post("/api/v1/hazards/hz-none/close-out", j("{'remarks':'r','closedBy':'bad-ver'}"));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.json().get("detail").asText()).isEqualTo("no hazard with id 'hz-none'");
        assertThat(r.json().has("field")).isFalse();
    }

    /**
     * A list filtered by an enterprise, hazard or person that does not exist is 404 naming it, not an empty list that
     * reads as "none": a mistyped id must not look like a clean record. One that exists and has none is an empty list.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/v1/hazards?enterpriseId=nope, enterprise",
            "/api/v1/flags?hazardId=hz-99, hazard",
            "/api/v1/flags?personId=nobody, person",
            "/api/v1/flags?enterpriseId=nope, enterprise",
            "/api/v1/people?enterpriseId=nope, enterprise",
            "/api/v1/inspections?enterpriseId=nope, enterprise",
            "/api/v1/whistleblower-reports?enterpriseId=nope, enterprise",
            "/api/v1/whistleblower-reports/accesses?personId=nobody, person"})
    void aFilterNamingAnUnknownId_is404_notAnEmptyList(String path, String kind) {
        Http.Response r = http.get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.json().get("detail").asText()).startsWith("no " + kind + " with id '");
        assertThat(ok(http.get(path.replaceAll("=.*", "=").replace("hazardId=", "hazardId=hz-bad")
                .replace("enterpriseId=", "enterpriseId=bad").replace("personId=", "personId=bad-ver"))).json())
                .as("a known one").isNotNull();
    }

    /** A body member of the wrong type or format is refused with the form it takes, as a query parameter is. */
    @Test
    void aMemberOfTheWrongFormat_isRefusedWithTheFormItTakes() throws Exception {
        Map<String, Long> before = counts();
        assertThat(detail(http.post("/api/v1/hazards/hz-bad/extensions",
                j("{'newDueDate':'2027-6-30','reason':'r','approverId':'bad-ver'}"))))
                .isEqualTo("newDueDate: not of the expected type or format; a date, YYYY-MM-DD");
        assertThat(detail(http.post("/api/v1/hazards", Park.reportBody("hz-x", "bad")
                .replace("\"foundAt\":\"2026-11-01T08:00:00Z\"", "\"foundAt\":\"2026-11-01T08:00:00\""))))
                .isEqualTo("foundAt: not of the expected type or format; an RFC 3339 date-time with its offset, "
                        + "such as 2026-12-03T16:00:00Z");
        assertThat(detail(http.post("/api/v1/enterprises",
                j("{'enterpriseId':'e-x','name':'X','sector':'s','highRisk':'true'}"))))
                .isEqualTo("highRisk: not of the expected type or format; true or false");
        assertThat(detail(http.post("/api/v1/enterprises",
                j("{'enterpriseId':'e-x','name':5,'sector':'s','highRisk':false}"))))
                .isEqualTo("name: not of the expected type or format; a string");
        assertThat(detail(http.post("/api/v1/hazards", "{\"hazardId\": \"hz-x\",\n \"level\" \"MAJOR\"}")))
                .isEqualTo("the request body is not valid JSON of the expected shape (line 2, byte 10 of it)");
        Http.Response form = http.send("POST", "/api/v1/enterprises", "application/x-www-form-urlencoded", "a=b");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("detail").asText()).isEqualTo("Content-Type 'application/x-www-form-urlencoded' "
                + "is not accepted here; send JSON with Content-Type: application/json");
        Http.Response none = http.send("POST", "/api/v1/enterprises", null, "{}");
        assertThat(none.status()).isEqualTo(415);
        assertThat(none.json().get("detail").asText()).startsWith("a body without a Content-Type is not accepted");
        assertThat(counts()).isEqualTo(before);
    }

    private static String detail(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        return r.json().get("detail").asText();
    }

    /**
     * An id in a reading path is held to what an id is, as in a body: 400 naming it, and not said back as sent (it was
     * looked up, and a 404 echoed 5,000 characters, an escape sequence or a right-to-left override).
     */
    @Test
    void malformedIdInAPath_isRefusedNamingIt_notEchoed() {
        for (String[] path : new String[][] {{"/api/v1/hazards/" + "a".repeat(5000), "hazardId"},
                {"/api/v1/hazards/%1B%5B31mred", "hazardId"}, {"/api/v1/people/%E2%80%AEevil", "personId"},
                {"/api/v1/hazards/%1B%5B31mred/history", "hazardId"}, {"/api/v1/enterprises/a%20b", "enterpriseId"},
                {"/api/v1/flags/%3Cx%3E", "flagId"}}) {
            Http.Response r = http.get(path[0]);
            assertThat(r.status()).as(path[0]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("field").asText()).isEqualTo(path[1]);
            assertThat(r.json().get("detail").asText()).isEqualTo(path[1] + ": must be 1-64 letters, digits, '.', "
                    + "'_', ':' or '-', starting with a letter or digit (':' only in the ids the ledger makes, a "
                    + "flag's: a new record's id may not hold it)");
        }
        assertThat(http.get("/api/v1/hazards/no-such").status()).as("a well-formed unknown id").isEqualTo(404);
    }

    @Test
    void badQueryParameter_isRefusedWithProblemJson() {
        Http.Response r = http.get("/api/v1/hazards?level=HUGE");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("field").asText()).isEqualTo("level");
        assertThat(r.json().get("detail").asText()).isEqualTo("level: invalid value 'HUGE'; one of GENERAL, MAJOR");
        // a value is one of the names exactly: Spring's conversion trimmed it, taking MAJOR%01 for MAJOR
        for (String spelled : new String[] {"MAJOR%01", "%20MAJOR", "MAJOR%09"}) {
            Http.Response trimmed = http.get("/api/v1/hazards?level=" + spelled);
            assertThat(trimmed.status()).as(spelled).isEqualTo(400);
            assertThat(trimmed.json().get("field").asText()).isEqualTo("level");
        }
        // a parameter the request needs, left out, is named as the field, as a body's member is
        Http.Response missing = http.get("/api/v1/ledger/entries?from=0");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("code").asText()).isEqualTo("invalid-input");
        assertThat(missing.json().get("field").asText()).isEqualTo("to");
        assertThat(missing.json().get("detail").asText()).isEqualTo("to: is required");
        // and a body's enum member given a value it does not take lists those it does
        Http.Response level = http.post("/api/v1/hazards", Park.reportBody("hz-enum", "bad").replace("\"MAJOR\"",
                "\"MAJR\""));
        assertThat(level.status()).as(level.toString()).isEqualTo(400);
        assertThat(level.json().get("field").asText()).isEqualTo("level");
        assertThat(level.json().get("detail").asText()).isEqualTo("level: 'MAJR' is not one of GENERAL, MAJOR");
        assertThat(http.get("/api/v1/hazards?limit=0").json().get("field").asText()).isEqualTo("limit");
        // query parameters are as strict as bodies: not repeated, booleans and instants not coerced
        for (String[] q : new String[][] {{"level=MAJOR&level=GENERAL", "level"}, {"atIndex=0&atIndex=1", "atIndex"},
                {"overdue=yes", "overdue"}, {"overdue=1", "overdue"}, {"asOf=1700000000", "asOf"},
                {"atIndex=0x5", "atIndex"}, {"atIndex=%2B5", "atIndex"}, {"atIndex=%235", "atIndex"},
                {"limit=0x2", "limit"}}) {
            Http.Response refused = http.get("/api/v1/hazards?" + q[0]);
            assertThat(refused.status()).as(q[0]).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("field").asText()).as(q[0]).isEqualTo(q[1]);
        }
        assertThat(ok(http.get("/api/v1/hazards?overdue=false&asOf=2026-11-01T00:00:00Z")).status()).isEqualTo(200);
        Http.Response hexInAPath = http.get("/api/v1/ledger/checkpoints/0x1");
        assertThat(hexInAPath.status()).as(hexInAPath.toString()).isEqualTo(400);
        assertThat(hexInAPath.contentType()).startsWith("application/problem+json");
        assertThat(hexInAPath.json().get("field").asText()).isEqualTo("treeSize");
        assertThat(http.get("/api/v1/ledger/checkpoints/1").status()).as("decimal").isIn(200, 404);
    }

    /**
     * A query parameter the request does not take, one given empty, and a body on a request that takes none are
     * refused, not ignored: a misspelled dryRun ran a replay for real; an asOf where there is none answered as of now.
     */
    @Test
    void anUnknownOrEmptyQueryParameter_orABodyWhereThereIsNone_isRefused_andTheRequestDoesNotRun() throws Exception {
        Map<String, Long> before = counts();
        for (String[] q : new String[][] {
                {"POST", "/api/v1/ledger/replay?dryrun=true", "dryrun", "not a parameter of this request (it takes "
                        + "dryRun)"},
                {"POST", "/api/v1/ledger/deadlines?dry-run=true", "dry-run", "not a parameter of this request"},
                {"POST", "/api/v1/ledger/replay?dryRun=", "dryRun", "empty: give it a value, or leave it out"},
                {"GET", "/api/v1/reports/weekly?week=%20", "week", "white space only: give it a value, or leave it "
                        + "out"},
                {"GET", "/api/v1/reports/weekly?week=26-11-2026", "week", "invalid value '26-11-2026'; a date, "
                        + "YYYY-MM-DD"},
                {"GET", "/api/v1/hazards?asOf=yesterday", "asOf", "; an RFC 3339 date-time with its offset"},
                {"GET", "/api/v1/hazards?asOf=2026-12-01T08:00:00+08:00", "asOf", "invalid value '2026-12-01T08:00:00 "
                        + "08:00'; an RFC 3339 date-time with its offset, such as 2026-12-03T16:00:00Z (a '+' in a "
                        + "URL's query is read as a space: send the offset's '+' as %2B)"},
                // digits, but more than the number holds: said so, not "not digits" nor "not a whole number"
                {"GET", "/api/v1/hazards?atIndex=99999999999999999999", "atIndex", "invalid value '"
                        + "99999999999999999999'; a whole number from -9223372036854775808 to 9223372036854775807"},
                {"GET", "/api/v1/hazards?atIndex=9223372036854775808", "atIndex", "invalid value '"
                        + "9223372036854775808'; a whole number from -9223372036854775808 to 9223372036854775807"},
                {"GET", "/api/v1/hazards?limit=99999999999", "limit", "invalid value '99999999999'; a whole number "
                        + "from -2147483648 to 2147483647"},
                {"GET", "/api/v1/hazards?atIndex=1e3", "atIndex", "invalid value: a number is decimal digits"},
                {"GET", "/api/v1/hazards?limit=" + "9".repeat(41), "limit", "invalid value: more digits than a "
                        + "number holds"},
                {"GET", "/api/v1/ledger/verification?asOf=2026-01-01T00:00:00Z", "asOf", "(it takes none)"},
                {"GET", "/api/v1/hazards?levle=MAJOR", "levle", "not a parameter of this request (it takes "},
                {"GET", "/api/v1/hazards?%3Cscript%3E=1", "query", "not a parameter"}}) {
            Http.Response r = q[0].equals("GET") ? http.get(q[1]) : http.post(q[1], "");
            assertThat(r.status()).as(q[1]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("field").asText()).as(q[1]).isEqualTo(q[2]);
            assertThat(r.json().get("detail").asText()).as(q[1]).contains(q[3]);
        }
        Http.Response withBody = http.post("/api/v1/ledger/replay", "{\"dryRun\":true}");
        assertThat(withBody.status()).as(withBody.toString()).isEqualTo(400);
        assertThat(withBody.json().get("field").asText()).isEqualTo("body");
        assertThat(withBody.json().get("detail").asText()).contains("dryRun is a query parameter");
        assertThat(counts()).isEqualTo(before);
        assertThat(ok(http.post("/api/v1/ledger/replay?dryRun=true", "")).json().get("dryRun").asBoolean()).isTrue();
        assertThat(ok(http.get("/api/v1/hazards?level=MAJOR&limit=5")).status()).isEqualTo(200);
    }

    /**
     * The media type's edges: a header that does not parse is not a server error, a JSON body in US-ASCII (a subset of
     * UTF-8) is read, and a form body is an unsupported media type (not unknown query parameters).
     */
    @Test
    void contentTypesAtTheEdges_areAnsweredAsTheirMediaTypeSays() {
        Http.Response unparsable = http.send("GET", "/api/v1/ledger/tree", "json", null);
        assertThat(unparsable.status()).as(unparsable.toString()).isEqualTo(200);
        Http.Response unknownCharset = http.send("POST", "/api/v1/people", "application/json; charset=bogus", "{}");
        assertThat(unknownCharset.status()).as(unknownCharset.toString()).isEqualTo(415);
        assertThat(unknownCharset.contentType()).startsWith("application/problem+json");
        Http.Response form = http.send("POST", "/api/v1/people", "application/x-www-form-urlencoded", "personId=x");
        assertThat(form.status()).as(form.toString()).isEqualTo(415);
        assertThat(form.json().get("code").asText()).isEqualTo("unsupported-media-type");
        Http.Response formTwice = http.send("POST", "/api/v1/people", "application/x-www-form-urlencoded",
                "personId=x&personId=y");   // a form's fields are not query parameters given twice
        assertThat(formTwice.status()).as(formTwice.toString()).isEqualTo(415);
        Http.Response ascii = http.send("POST", "/api/v1/people", "application/json;charset=US-ASCII",
                j("{'personId':'p-ascii','name':'Ascii','roles':['AUDITOR']}"));
        assertThat(ascii.status()).as(ascii.toString()).isEqualTo(201);
        Http.Response noLines = http.send("POST", "/api/v1/ledger/checkpoints/1/cosignatures", "text/plain", "");
        assertThat(noLines.status()).as(noLines.toString()).isEqualTo(400);
        assertThat(noLines.json().get("detail").asText()).isEqualTo("the request has no body, and this one needs one");
    }

    @ParameterizedTest(name = "{0} {1} ({2}) -> {4}")
    @org.junit.jupiter.params.provider.CsvSource({
            "PUT, /api/v1/hazards, application/json, '{}', 405, method-not-allowed",
            "DELETE, /api/v1/hazards/hz-bad, , , 405, method-not-allowed",
            "POST, /api/v1/hazards, text/plain, hello, 415, unsupported-media-type",
            "POST, /api/v1/hazards, , '{}', 415, unsupported-media-type",
            "GET, /api/v1/nothing-here, , , 404, not-found",
            "TRACE, /api/v1/hazards, , , 405, method-not-allowed",
            "GET, /error, , , 404, not-found",
            "POST, /error, application/json, '{}', 404, not-found",
            "GET, /api/v1/hazards/..%2Fetc, , , 400, bad-request",
            "POST, /api/v1/hazards/hz-bad/plan, application/xml, '<a/>', 415, unsupported-media-type",
            "POST, /api/v1/people, application/json;charset=ISO-8859-1, '{}', 415, unsupported-media-type"})
    void frameworkErrors_areProblemJsonToo(String method, String path, String contentType, String body, int status,
                                           String code) throws Exception {
        Map<String, Long> before = counts();
        Http.Response r = http.send(method, path, contentType, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(counts()).isEqualTo(before);
    }

    /**
     * A JSON body is UTF-8: one in UTF-16 (which Jackson would detect by its zero bytes and read) or with an overlong
     * form (which Jackson would read as the character it encodes) is refused, and nothing is stored.
     */
    @Test
    void aJsonBodyThatIsNotUtf8_isRefused_andNothingIsStored() throws Exception {
        Map<String, Long> before = counts();
        String person = j("{'personId':'p-enc','name':'Zhou','roles':['AUDITOR']}");
        Http.Response utf16 = http.sendBytes("POST", "/api/v1/people", "application/json",
                person.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertThat(utf16.status()).as(utf16.toString()).isEqualTo(400);
        assertThat(utf16.json().get("code").asText()).isEqualTo("malformed-request");
        assertThat(utf16.json().get("detail").asText()).isEqualTo("the request body is not UTF-8 (RFC 8259): a zero "
                + "byte at offset 1 (UTF-16 and UTF-32 are not accepted)");
        java.io.ByteArrayOutputStream overlong = new java.io.ByteArrayOutputStream();
        String[] halves = person.split("Zhou");
        overlong.writeBytes(halves[0].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        overlong.writeBytes(new byte[] {'Z', (byte) 0xc1, (byte) 0x81});   // C1 81: "A" in two bytes, UTF-8 forbids
        overlong.writeBytes(halves[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int at = halves[0].length() + 1;
        Http.Response overlongForm = http.sendBytes("POST", "/api/v1/people", "application/json",
                overlong.toByteArray());
        assertThat(overlongForm.status()).as(overlongForm.toString()).isEqualTo(400);
        assertThat(overlongForm.json().get("detail").asText()).endsWith("not UTF-8 at offset " + at);
        Http.Response notAscii = http.sendBytes("POST", "/api/v1/people", "application/json;charset=US-ASCII",
                person.replace("Zhou", "Zhōu").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(notAscii.status()).as(notAscii.toString()).isEqualTo(400);
        assertThat(notAscii.json().get("detail").asText()).contains("declares US-ASCII, and holds the byte 0xC5");
        assertThat(counts()).isEqualTo(before);
        Http.Response utf8 = http.sendBytes("POST", "/api/v1/people", "application/json",
                person.replace("Zhou", "Zhōu 周").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(utf8.status()).as(utf8.toString()).isEqualTo(201);
    }

    @Test
    void loneSurrogate_isRefusedAsInvalidInput() {
        Http.Response r = http.post("/api/v1/people", "{\"personId\":\"p-s\",\"name\":\"A\\ud800B\",\"roles\":[\"AUDITOR\"]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("name");
    }

    @Test
    void anIdOfAnotherKindOfAggregate_isNotFound_notAServerError() {
        Http.Response r = http.post("/api/v1/hazards/bad/plan", j("{'measures':'m','ownerId':'bad-own',"
                + "'dueDate':'2027-01-01','plannedBy':'bad-own'}"));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(http.get("/api/v1/hazards/bad/history").status()).isEqualTo(404);
    }

    @Test
    void unknownHazard_onRead_is404ProblemJson() {
        Http.Response r = http.get("/api/v1/hazards/hz-none");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/v1/hazards/hz-none/history").status()).isEqualTo(404);
    }

    private Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[]{"ledger_domain_event", "ledger_entry", "hazard_view", "person_view",
                    "enterprise_view"}) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT size FROM ledger_head")) {
                rs.next();
                counts.put("head", rs.getLong(1));
            }
        }
        return counts;
    }
}
