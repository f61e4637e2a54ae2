package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator watches: readiness with the database and the chain head (DOWN, naming the index, when the head
 * does not name its last entry), liveness, and the Prometheus metrics for appends, ledger size, checkpoint age and
 * unacknowledged flags.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.require-signatures=false", "ledger.log.checkpoint-interval=0s",
        // no authentication in this test (AccessMatrixTest has who sees the details): show them to its caller
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.group.readiness.show-details=always"})
class OperationsHttpTest {

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

    @Test
    void healthAndMetricsFollowTheLedger_andATamperedHeadIsNotReady() throws Exception {
        Http http = new Http(port);
        JsonNode ready = ok(http.get("/actuator/health/readiness")).json();
        assertThat(ready.path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").path("ledger").path("details").path("size").asLong()).isZero();
        assertThat(ok(http.get("/actuator/health/liveness")).json().path("status").asText()).isEqualTo("UP");

        // writes: committed and refused appends are timed apart; the size and the head follow
        Park.setUp(http, "ops");
        Http.Response duplicate = http.post("/api/v1/enterprises", j("{'enterpriseId':'ops','name':'Again',"
                + "'sector':'s','highRisk':false}"));
        assertThat(duplicate.status()).isEqualTo(409);
        JsonNode report = ok(http.post("/api/v1/hazards", Park.reportBody("hz-ops", "ops"))).json();
        ok(http.post("/api/v1/hazards/hz-ops/plan", j("{'measures':'fix','ownerId':'ops-own','dueDate':'2026-12-30',"
                + "'plannedBy':'ops-own'}")));
        // the "after" photo is the "before" one: a flag the park office has not acknowledged yet
        JsonNode last = ok(http.post("/api/v1/hazards/hz-ops/submissions", j("{'summary':'fixed','evidence':[{"
                + "'sha256':'" + Park.SHA_BEFORE + "','mediaType':'image/jpeg','capturedAt':'2026-11-01T08:00:00Z',"
                + "'name':'after.jpg'}],'submittedBy':'ops-own'}"))).json();
        long size = last.path("index").asLong() + 1;

        String metrics = ok(http.get("/actuator/prometheus")).raw();
        assertThat(value(metrics, "ledger_append_seconds_count{command=\"RegisterPerson\",outcome=\"committed\"}"))
                .isEqualTo(3);
        assertThat(value(metrics, "ledger_append_seconds_count{command=\"RegisterEnterprise\",outcome=\"committed\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "ledger_append_seconds_count{command=\"RegisterEnterprise\",outcome=\"duplicate-id\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "ledger_append_seconds_sum{command=\"ReportHazard\",outcome=\"committed\"}"))
                .isPositive();
        assertThat(value(metrics, "ledger_size_entries")).isEqualTo(size);
        assertThat(eventually(http, "ledger_flags_unacknowledged", 1)).isEqualTo(1);
        assertThat(metrics).contains("ledger_checkpoint_age_seconds NaN");
        assertThat(value(metrics, "ledger_head_guesses_missed_total")).isZero();   // one node
        // one request at a time: no group, nothing waiting
        assertThat(value(metrics, "ledger_group_commits_total")).isZero();
        assertThat(value(metrics, "ledger_group_commands_total")).isZero();
        assertThat(value(metrics, "ledger_group_reruns_total")).isZero();
        assertThat(value(metrics, "ledger_group_waiting")).isZero();

        ok(http.post("/api/v1/ledger/checkpoints", ""));
        ok(http.post("/api/v1/people", j("{'personId':'ops-office','name':'Office','roles':['PARK_OFFICE']}")));
        String flagId = ok(http.get("/api/v1/flags?hazardId=hz-ops")).json().get(0).path("flagId").asText();
        ok(http.post("/api/v1/flags/" + flagId + "/acknowledgements",
                j("{'reason':'checked on site','acknowledgedBy':'ops-office'}")));
        metrics = ok(http.get("/actuator/prometheus")).raw();
        assertThat(value(metrics, "ledger_checkpoint_size_entries")).isEqualTo(size);
        assertThat(value(metrics, "ledger_checkpoint_age_seconds")).isBetween(0.0, 60.0);
        assertThat(eventually(http, "ledger_flags_unacknowledged", 0)).isZero();
        assertThat(value(metrics, "ledger_size_entries")).isEqualTo(size + 2);

        ready = ok(http.get("/actuator/health/readiness")).json();
        JsonNode ledger = ready.path("components").path("ledger").path("details");
        assertThat(ledger.path("size").asLong()).isEqualTo(size + 2);
        assertThat(ledger.path("checkpointSize").asLong()).isEqualTo(size);
        String head = ledger.path("headHash").asText();

        // a head moved to another hash: not ready, naming the last entry's index; the server stays alive
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("UPDATE ledger_head SET head_hash = '" + "ab".repeat(32) + "' WHERE id = 1");
        }
        Http.Response broken = http.get("/actuator/health/readiness");
        assertThat(broken.status()).isEqualTo(503);
        assertThat(broken.json().path("components").path("ledger").path("status").asText()).isEqualTo("DOWN");
        assertThat(broken.json().path("components").path("ledger").path("details").path("breaksAtIndex").asLong())
                .isEqualTo(size + 1);
        assertThat(ok(http.get("/actuator/health/liveness")).json().path("status").asText()).isEqualTo("UP");
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("UPDATE ledger_head SET head_hash = '" + head + "' WHERE id = 1");
        }
        assertThat(ok(http.get("/actuator/health/readiness")).json().path("status").asText()).isEqualTo("UP");
    }

    /**
     * A gauge counted in the background after each scrape: scrapes until it shows {@code expected} (each scrape
     * starts the next count) or 30 s pass; returns the last value seen.
     */
    private static double eventually(Http http, String sample, double expected) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        double v;
        do {
            v = value(ok(http.get("/actuator/prometheus")).raw(), sample);
        } while (v != expected && System.nanoTime() < deadline);
        return v;
    }

    /** The value of one sample in Prometheus's text format. */
    private static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as("sample %s in%n%s", sample, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
