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
 * Flags over HTTP: a rectification that shows the "before" photo as its "after" is listed with the two entries that
 * show it, by rule and as of a ledger size; bad filters are 400 problems naming the parameter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.require-signatures=false")
class FlagsHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    @Test
    void paperRectificationIsListedWithItsEntries_andBadFiltersAreProblems() {
        Http http = new Http(port);
        Park.setUp(http, "flg");
        long report = ok(http.post("/api/v1/hazards", Park.reportBody("hz-flg", "flg"))).json()
                .path("entries").get(0).path("index").asLong();
        ok(http.post("/api/v1/hazards/hz-flg/plan", j("{'measures':'fix','ownerId':'flg-own','dueDate':'2026-12-30',"
                + "'plannedBy':'flg-own'}")));
        JsonNode submitted = ok(http.post("/api/v1/hazards/hz-flg/submissions", j("{'summary':'fixed','evidence':[{"
                + "'sha256':'" + Park.SHA_BEFORE + "','mediaType':'image/jpeg','capturedAt':'2026-11-01T08:00:00Z',"
                + "'name':'after.jpg'}],'submittedBy':'flg-own'}"))).json();
        long submission = submitted.path("entries").get(0).path("index").asLong();

        JsonNode flags = ok(http.get("/api/v1/flags?hazardId=hz-flg")).json();
        assertThat(flags).hasSize(1);
        JsonNode flag = flags.get(0);
        assertThat(flag.path("rule").asText()).isEqualTo("AFTER_EQUALS_BEFORE");
        assertThat(flag.path("severity").asText()).isEqualTo("HIGH");
        assertThat(flag.path("entries").findValuesAsText("index")).containsExactly(String.valueOf(report),
                String.valueOf(submission));
        assertThat(flag.path("entries").get(1).path("entryHash").asText())
                .isEqualTo(submitted.path("entries").get(0).path("entryHash").asText());

        assertThat(ok(http.get("/api/v1/flags?rule=after-equals-before")).json()).hasSize(1);
        assertThat(ok(http.get("/api/v1/flags?rule=evidence-reused")).json()).isEmpty();
        assertThat(ok(http.get("/api/v1/flags?atIndex=" + submission)).json()).as("before the submission").isEmpty();
        assertThat(ok(http.get("/api/v1/flags?atIndex=" + (submission + 1))).json()).hasSize(1);
        assertThat(ok(http.get("/api/v1/flags?asOf=2020-01-01T00:00:00Z")).json()).isEmpty();
        assertThat(ok(http.get("/api/v1/flags/rules")).json().path("rules")).hasSize(13);

        // the park office acknowledges it, once; the flag stays, listed with its acknowledgement
        String flagId = flag.path("flagId").asText();
        ok(http.post("/api/v1/people", j("{'personId':'flg-office','name':'Office','roles':['PARK_OFFICE']}")));
        Http.Response notOffice = http.post("/api/v1/flags/" + flagId + "/acknowledgements",
                j("{'reason':'fine','acknowledgedBy':'flg-own'}"));
        assertThat(notOffice.status()).isEqualTo(409);
        assertThat(notOffice.raw()).contains("acknowledger-not-park-office");
        Http.Response unknown = http.post("/api/v1/flags/no-such:1.0/acknowledgements",
                j("{'reason':'fine','acknowledgedBy':'flg-office'}"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-flag");
        assertThat(unknown.json().get("detail").asText()).isEqualTo("no flag with id 'no-such:1.0'");
        long ack = ok(http.post("/api/v1/flags/" + flagId + "/acknowledgements",
                j("{'reason':'same photo by mistake; a new one was taken on site','acknowledgedBy':'flg-office'}")))
                .json().path("index").asLong();
        JsonNode acknowledged = ok(http.get("/api/v1/flags/" + flagId)).json();
        assertThat(acknowledged.path("acknowledgement").path("index").asLong()).isEqualTo(ack);
        assertThat(acknowledged.path("acknowledgement").path("acknowledgedBy").asText()).isEqualTo("flg-office");
        assertThat(ok(http.get("/api/v1/flags?atIndex=" + ack)).json().get(0).path("acknowledgement").isNull()).isTrue();
        // one flag, as of a position: not there before the entry that raised it, unacknowledged before its
        // acknowledgement's entry, as the list answers
        Http.Response notYet = http.get("/api/v1/flags/" + flagId + "?atIndex=" + submission);
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(notYet.json().path("detail").asText()).isEqualTo("no flag with id '" + flagId + "' among the "
                + "ledger's first " + submission + " entries");
        assertThat(ok(http.get("/api/v1/flags/" + flagId + "?atIndex=" + ack)).json())
                .isEqualTo(ok(http.get("/api/v1/flags?atIndex=" + ack)).json().get(0));
        assertThat(ok(http.get("/api/v1/flags/" + flagId + "?atIndex=" + (ack + 1))).json()).isEqualTo(acknowledged);
        assertThat(http.get("/api/v1/flags/" + flagId + "?atIndex=-1").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/flags/" + flagId + "/acknowledgements",
                j("{'reason':'again','acknowledgedBy':'flg-office'}")).status()).isEqualTo(409);
        assertThat(http.get("/api/v1/flags/no-such:1.0").status()).isEqualTo(404);
        assertThat(ok(http.get("/api/v1/ledger/verification")).json().path("valid").asBoolean()).isTrue();

        // the hazard's history as the ledger stood before the submission, and before anything
        JsonNode history = ok(http.get("/api/v1/hazards/hz-flg/history?atIndex=" + submission)).json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("eventType").asText()).isEqualTo("HazardReported");
        assertThat(history.get(1).path("eventType").asText()).isEqualTo("RectificationPlanned");
        assertThat(ok(http.get("/api/v1/hazards/hz-flg/history")).json().size()).isEqualTo(3);
        assertThat(http.get("/api/v1/hazards/hz-flg/history?asOf=2020-01-01T00:00:00Z").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/hazards/hz-flg/history?atIndex=1&asOf=2020-01-01T00:00:00Z").status()).isEqualTo(400);

        String[][] bad = {{"rule=no-such-rule", "rule"}, {"atIndex=-1", "atIndex"}, {"atIndex=999999", "atIndex"},
                {"asOf=yesterday", "asOf"}, {"atIndex=1&asOf=2026-01-01T00:00:00Z", "asOf"}, {"limit=0", "limit"}};
        for (String[] b : bad) {
            Http.Response r = http.get("/api/v1/flags?" + b[0]);
            assertThat(r.status()).as(b[0]).isEqualTo(400);
            assertThat(r.contentType()).as(b[0]).startsWith("application/problem+json");
            assertThat(r.raw()).as(b[0]).contains(b[1]);
        }
    }
}
