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
}
