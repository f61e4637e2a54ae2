package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** One hazard's whole life over real HTTP and the real embedded database. */
/** Unsigned writes (ledger.require-signatures=false): signing has its own test, {@code SignedWritesHttpTest}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.require-signatures=false")
class HazardLifecycleHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void hazard_isReportedPlannedRectifiedVerifiedAndClosed_withAChainedEntryForEveryStep() {
        Park.setUp(http, "life");
        List<JsonNode> writes = new ArrayList<>();
        Http.Response created = ok(http.post("/api/v1/hazards", Park.reportBody("hz-life", "life")));
        assertThat(created.status()).isEqualTo(201);
        writes.add(created.json());
        writes.add(ok(http.post("/api/v1/hazards/hz-life/plan", j("{'measures':'replace gasket','ownerId':'life-own',"
                + "'dueDate':'" + LocalDate.now().plusDays(30) + "','funding':'12000.00','interimControls':'cordon',"
                + "'contingencyPlan':'evacuate on alarm','plannedBy':'life-own'}"))).json());
        writes.add(ok(http.post("/api/v1/hazards/hz-life/submissions", j("{'summary':'gasket replaced',"
                + "'evidence':[{'sha256':'" + Park.SHA_AFTER + "','mediaType':'image/jpeg',"
                + "'capturedAt':'2026-11-20T08:00:00Z','name':'after.jpg'}],'submittedBy':'life-own'}"))).json());
        writes.add(ok(http.post("/api/v1/hazards/hz-life/verifications",
                j("{'passed':true,'remarks':'checked on site','verifierId':'life-ver'}"))).json());
        writes.add(ok(http.post("/api/v1/hazards/hz-life/close-out", j("{'remarks':'done','closedBy':'life-ver'}"))).json());

        for (JsonNode w : writes) {
            assertThat(w.get("id").asText()).isEqualTo("hz-life");
            assertThat(w.get("entryHash").asText()).matches("[0-9a-f]{64}");
        }
        for (int i = 1; i < writes.size(); i++) {
            assertThat(writes.get(i).get("index").asLong()).isGreaterThan(writes.get(i - 1).get("index").asLong());
        }

        JsonNode hazard = ok(http.get("/api/v1/hazards/hz-life")).json();
        assertThat(hazard.get("status").asText()).isEqualTo("CLOSED");
        assertThat(hazard.get("lastIndex").asLong()).isEqualTo(writes.get(4).get("index").asLong());

        JsonNode history = ok(http.get("/api/v1/hazards/hz-life/history")).json();
        assertThat(history).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(history.get(i).get("index").asLong()).isEqualTo(writes.get(i).get("index").asLong());
            assertThat(history.get(i).get("entryHash").asText()).isEqualTo(writes.get(i).get("entryHash").asText());
            assertThat(history.get(i).get("entry").get("aggregateId").asText()).isEqualTo("hz-life");
        }
        assertThat(history.get(0).get("eventType").asText()).isEqualTo("HazardReported");
        assertThat(history.get(4).get("eventType").asText()).isEqualTo("HazardClosedOut");

        JsonNode v = ok(http.get("/api/v1/ledger/verification")).json();
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("headHash").asText()).isNotBlank();
    }

    @Test
    void register_filtersByEnterpriseLevelStatusSourceAndOverdue_andCountsOpenMajorHazards() {
        Park.setUp(http, "reg");
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-reg-1", "reg")));
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-reg-2", "reg")));
        ok(http.post("/api/v1/hazards/hz-reg-2/plan", j("{'measures':'fix','ownerId':'reg-own','dueDate':'2026-11-02',"
                + "'plannedBy':'reg-own'}")));

        JsonNode all = ok(http.get("/api/v1/hazards?enterpriseId=reg")).json();
        assertThat(all).hasSize(2);
        JsonNode overdue = ok(http.get("/api/v1/hazards?enterpriseId=reg&overdue=true")).json();
        assertThat(overdue).hasSize(1);
        assertThat(overdue.get(0).get("hazardId").asText()).isEqualTo("hz-reg-2");
        assertThat(overdue.get(0).get("overdue").asBoolean()).isTrue();
        assertThat(ok(http.get("/api/v1/hazards?enterpriseId=reg&status=REPORTED")).json()).hasSize(1);
        assertThat(ok(http.get("/api/v1/hazards?enterpriseId=reg&level=GENERAL")).json()).isEmpty();
        assertThat(ok(http.get("/api/v1/hazards?enterpriseId=reg&source=SELF_INSPECTION")).json()).hasSize(2);

        JsonNode zeroing = ok(http.get("/api/v1/register/open-major")).json();
        JsonNode reg = null;
        for (JsonNode n : zeroing) {
            if (n.get("enterpriseId").asText().equals("reg")) {
                reg = n;
            }
        }
        assertThat(reg).isNotNull();
        assertThat(reg.get("open").asLong()).isEqualTo(2);
        assertThat(reg.get("overdue").asLong()).isEqualTo(1);
    }

    @Test
    void openApi_describesTheHazardEndpoints() {
        JsonNode doc = ok(http.get("/v3/api-docs")).json();
        assertThat(doc.get("paths").has("/api/v1/hazards")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/hazards/{hazardId}/close-out")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/ledger/verification")).isTrue();
    }
}
