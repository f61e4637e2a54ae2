package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register, one hazard, open major hazards, a person's trail and a hazard's chain of responsibility, each asked
 * "as of" a ledger size or a time over HTTP, answer as the ledger stood then; a bad position is a 400 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.require-signatures=false")
class AsOfHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    @Test
    void everyRegisterQuestionAnswersAsTheLedgerStoodThen() {
        Http http = new Http(port);
        Park.setUp(http, "aso");
        long reported = index(ok(http.post("/api/v1/hazards", Park.reportBody("hz-aso", "aso"))));
        long planned = index(ok(http.post("/api/v1/hazards/hz-aso/plan", j("{'measures':'fix','ownerId':'aso-own',"
                + "'dueDate':'2026-12-30','plannedBy':'aso-own'}"))));
        ok(http.post("/api/v1/hazards/hz-aso/submissions", j("{'summary':'fixed','evidence':[{'sha256':'"
                + Park.SHA_AFTER + "','mediaType':'image/jpeg','capturedAt':'2026-11-01T08:00:00Z',"
                + "'name':'after.jpg'}],'submittedBy':'aso-own'}")));
        long verified = index(ok(http.post("/api/v1/hazards/hz-aso/verifications",
                j("{'passed':true,'remarks':'ok','verifierId':'aso-ver'}"))));
        ok(http.post("/api/v1/hazards/hz-aso/close-out", j("{'remarks':'done','closedBy':'aso-ver'}")));

        assertThat(ok(http.get("/api/v1/hazards/hz-aso")).json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(ok(http.get("/api/v1/hazards/hz-aso?atIndex=" + planned)).json().path("status").asText())
                .isEqualTo("REPORTED");
        JsonNode asPlanned = ok(http.get("/api/v1/hazards/hz-aso?atIndex=" + (planned + 1))).json();
        assertThat(asPlanned.path("status").asText()).isEqualTo("RECTIFICATION_PLANNED");
        assertThat(asPlanned.path("lastIndex").asLong()).isEqualTo(planned);
        assertThat(http.get("/api/v1/hazards/hz-aso?atIndex=" + reported).status()).isEqualTo(404);

        // asOf: the time the plan was recorded, read from its own entry
        String plannedAt = ok(http.get("/api/v1/hazards/hz-aso/history")).json().get(1).path("entry")
                .path("recordedAt").asText();
        assertThat(ok(http.get("/api/v1/hazards?enterpriseId=aso&asOf=" + plannedAt)).json())
                .singleElement().satisfies(h -> assertThat(h.path("status").asText()).isEqualTo("RECTIFICATION_PLANNED"));
        assertThat(ok(http.get("/api/v1/hazards?status=CLOSED&enterpriseId=aso&asOf=" + plannedAt)).json()).isEmpty();
        assertThat(ok(http.get("/api/v1/hazards?asOf=2020-01-01T00:00:00Z")).json()).isEmpty();

        JsonNode openThen = ok(http.get("/api/v1/register/open-major?atIndex=" + (planned + 1))).json();
        JsonNode openNow = ok(http.get("/api/v1/register/open-major")).json();
        assertThat(row(openThen, "aso").path("open").asLong()).isEqualTo(1);
        assertThat(row(openNow, "aso").path("open").asLong()).isZero();
        assertThat(ok(http.get("/api/v1/register/open-major?atIndex=0")).json()).as("no enterprise yet").isEmpty();

        assertThat(ok(http.get("/api/v1/hazards/hz-aso/responsibility?atIndex=" + verified)).json()).hasSize(3);
        JsonNode verifiedThen = ok(http.get("/api/v1/hazards/hz-aso/verified-history?atIndex=" + (planned + 1))).json();
        assertThat(verifiedThen.path("entries")).hasSize(2);
        JsonNode chain = ok(http.get("/api/v1/hazards/hz-aso/responsibility")).json();
        assertThat(chain).hasSize(5);
        // an unsigned act says when the ledger recorded it too, as its entry does
        JsonNode history = ok(http.get("/api/v1/hazards/hz-aso/history")).json();
        for (int i = 0; i < chain.size(); i++) {
            assertThat(chain.get(i).path("status").asText()).isEqualTo("unsigned");
            assertThat(chain.get(i).path("recordedAt").asText()).as("act %d", i)
                    .isEqualTo(history.get(i).path("entry").path("recordedAt").asText());
        }
        // (a person's trail lists signed acts; its answers as of a position are held to a rebuild in
        // AsOfRebuildProperties, with signatures and a backdated revocation)
        ok(http.get("/api/v1/people/aso-ver/trail?atIndex=" + verified));
        // asked as of before the person, the enterprise or the hazard was registered: 404, as the ledger answered then
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
        before.put("/api/v1/people/aso-ver/trail?atIndex=0", "no person with id 'aso-ver' among the ledger's first 0 "
                + "entries");
        before.put("/api/v1/hazards?enterpriseId=aso&atIndex=0", "no enterprise with id 'aso' among the ledger's "
                + "first 0 entries");
        before.put("/api/v1/hazards?enterpriseId=aso&asOf=2020-01-01T00:00:00Z", "no enterprise with id 'aso' "
                + "among the ledger's first 0 entries");
        before.put("/api/v1/flags?personId=aso-ver&atIndex=0", "no person with id 'aso-ver' among the ledger's first "
                + "0 entries");
        before.put("/api/v1/flags?hazardId=hz-aso&atIndex=" + reported, "no hazard with id 'hz-aso' among the "
                + "ledger's first " + reported + " entries");
        before.forEach((path, detail) -> {
            Http.Response r = http.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.json().path("detail").asText()).as(path).isEqualTo(detail);
        });
        assertThat(ok(http.get("/api/v1/flags?hazardId=hz-aso&atIndex=" + (reported + 1))).json()).isEmpty();

        for (String path : new String[] {"/api/v1/hazards", "/api/v1/hazards/hz-aso", "/api/v1/register/open-major",
                "/api/v1/people/aso-ver/trail", "/api/v1/hazards/hz-aso/responsibility",
                "/api/v1/hazards/hz-aso/history", "/api/v1/hazards/hz-aso/verified-history",
                "/api/v1/hazards/hz-aso/dossier"}) {
            for (String[] bad : new String[][] {{"atIndex=-1", "atIndex"}, {"atIndex=99999", "atIndex"},
                    {"asOf=yesterday", "asOf"}, {"atIndex=1&asOf=2026-01-01T00:00:00Z", "asOf"}}) {
                Http.Response r = http.get(path + "?" + bad[0]);
                assertThat(r.status()).as(path + "?" + bad[0]).isEqualTo(400);
                assertThat(r.contentType()).as(path).startsWith("application/problem+json");
                assertThat(r.raw()).as(path + "?" + bad[0]).contains(bad[1]);
            }
        }
    }

    private static long index(Http.Response r) {
        return r.json().path("entries").get(0).path("index").asLong();
    }

    private static JsonNode row(JsonNode rows, String enterpriseId) {
        for (JsonNode r : rows) {
            if (r.path("enterpriseId").asText().equals(enterpriseId)) {
                return r;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
