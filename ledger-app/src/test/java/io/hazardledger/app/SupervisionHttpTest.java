package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Cadences over HTTP: a drill recorded for an enterprise, and where each enterprise stands against each cadence. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.require-signatures=false")
class SupervisionHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    @Test
    void aRecordedDrill_isTheEnterprisesLatest_withItsEntry_andAFutureDrillIsRefused() {
        Http http = new Http(port);
        Park.setUp(http, "sup");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        JsonNode drill = ok(http.post("/api/v1/enterprises/sup/drills", j("{'heldOn':'" + today.minusDays(2)
                + "','description':'whole site, 80 people','recordedBy':'sup-rep'}"))).json();
        Http.Response future = http.post("/api/v1/enterprises/sup/drills", j("{'heldOn':'" + today.plusDays(2)
                + "','description':'d','recordedBy':'sup-rep'}"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("field").asText()).isEqualTo("heldOn");

        JsonNode all = ok(http.get("/api/v1/supervision/cadences")).json();
        JsonNode drills = null;
        JsonNode inspections = null;
        for (JsonNode s : all) {
            if (s.get("enterpriseId").asText().equals("sup")) {
                if (s.get("cadence").asText().equals("EVACUATION_DRILL")) {
                    drills = s;
                } else {
                    inspections = s;
                }
            }
        }
        assertThat(drills.get("last").asText()).isEqualTo(today.minusDays(2).toString());
        assertThat(drills.get("lastIndex").asLong()).isEqualTo(drill.get("index").asLong());
        assertThat(drills.get("lastEntryHash").asText()).isEqualTo(drill.get("entryHash").asText());
        assertThat(drills.get("every").asText()).isEqualTo("P6M");   // a high-risk enterprise
        assertThat(drills.get("behind").asBoolean()).isFalse();
        assertThat(inspections.get("last").isNull()).isTrue();
        assertThat(inspections.get("every").asText()).isEqualTo("P1M");
        assertThat(ok(http.get("/api/v1/supervision/cadences?behind=true")).json()).isEmpty();
    }

    @Test
    void theWeeklyReport_isTheSameBytesForTheSameWeek_asJsonCsvAndAPage_namingItsCheckpoint() {
        Http http = new Http(port);
        Park.setUp(http, "wk");
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-wk", "wk")));
        LocalDate lastThursday = LocalDate.now(ZoneId.of("Asia/Shanghai"))
                .with(java.time.temporal.TemporalAdjusters.previous(java.time.DayOfWeek.THURSDAY));
        Http.Response current = ok(http.get("/api/v1/reports/weekly"));
        assertThat(ok(http.get("/api/v1/reports/weekly")).raw()).as("same position, same bytes").isEqualTo(current.raw());
        JsonNode report = current.json();
        assertThat(report.get("format").asText()).isEqualTo("hazard-ledger-weekly/4");
        assertThat(report.get("checkpointSize").asLong()).isGreaterThanOrEqualTo(report.get("atSize").asLong());
        assertThat(report.get("checkpoint").asText()).contains("\n" + report.get("checkpointSize").asLong() + "\n");
        assertThat(report.get("enterprises").findValuesAsText("enterpriseId")).contains("wk");
        assertThat(report.get("park").get("foundToDate").asLong()).isGreaterThanOrEqualTo(1);

        Http.Response past = ok(http.get("/api/v1/reports/weekly?week=" + lastThursday));
        assertThat(past.json().get("complete").asBoolean()).isTrue();
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-wk-2", "wk")));
        assertThat(ok(http.get("/api/v1/reports/weekly?week=" + lastThursday)).raw())
                .as("a week that ended does not change with later writes").isEqualTo(past.raw());

        Http.Response csv = ok(http.get("/api/v1/reports/weekly.csv"));
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw().split("\r\n")[0]).startsWith("week,scope,enterpriseId,enterpriseName,found,");
        assertThat(csv.raw()).contains(",park,,,").contains(",enterprise,wk,");
        Http.Response html = ok(http.get("/api/v1/reports/weekly.html"));
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.raw()).contains("<svg").doesNotContain("<script");

        Http.Response notKept = http.get("/api/v1/reports/weekly.note?week=" + lastThursday.minusWeeks(52));
        assertThat(notKept.status()).as(notKept.toString()).isEqualTo(404);
        assertThat(notKept.json().get("detail").asText()).startsWith("no kept report of the week ending on ");
        Http.Response noWeek = http.get("/api/v1/reports/weekly.note");
        assertThat(noWeek.status()).isEqualTo(400);
        assertThat(noWeek.json().get("field").asText()).isEqualTo("week");

        Http.Response wednesday = http.get("/api/v1/reports/weekly?week=" + lastThursday.minusDays(1));
        assertThat(wednesday.status()).isEqualTo(400);
        assertThat(wednesday.json().get("field").asText()).isEqualTo("week");
    }
}
