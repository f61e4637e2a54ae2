package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.hazardledger.app.Http.j;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server process stopped with SIGTERM while clients write, as an orchestrator or {@code systemctl stop} stops
 * it. The writes in flight finish: each gets its 201, none a 500 from a store closed under it. A request that came too
 * late is refused (a 503, or its connection closed unanswered) and stored nowhere. The ledger, its deadlines and the
 * database close in order: Spring's graceful shutdown completes, nothing is logged at WARN or ERROR (nor outside the
 * JSON log lines, nor in an H2 trace file), and the JVM exits as one stopped by SIGTERM. After a restart every
 * acknowledged write is there and the chain verifies. On the default embedded store with the shipped settings
 * ({@code ./data/ledger}), or with {@code -Dledger.test.store=postgres} on a new PostgreSQL database.
 */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @org.junit.jupiter.api.extension.RegisterExtension
    final KeepEvidence keepEvidence = new KeepEvidence("shutdown-evidence", () -> dir);

    private ServerProcess node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void sigterm_whileClientsWrite_finishesTheWritesInFlight_andClosesTheLedgerBeforeTheStore() throws Exception {
        // deadlines run as shipped (the tests' own settings turn them off), so that closing the ledger stops them too
        node = ServerProcess.onTheShippedStore(dir, "--ledger.deadlines.polling=5s");
        Http http = node.start().http();
        Park.ok(http.post("/api/v1/enterprises",
                j("{'enterpriseId':'stop','name':'Stop Co','sector':'s','highRisk':false}")));

        // until the server no longer takes a connection (bounded, in case it never stops)
        PeopleWriters writers = new PeopleWriters(http, "stop", 4, 5_000, () -> true);
        writers.awaitAcknowledged(80);
        writers.markSignal();
        assertThat(node.terminate()).as("the exit status of a JVM ended by SIGTERM").isEqualTo(143);
        writers.awaitEnd();

        assertThat(writers.acknowledgedAfterMark).as("writes in flight at the signal, answered 201").hasPositiveValue();
        List<String> refused = new ArrayList<>();
        for (String answer : writers.otherAnswers) {
            assertThat(answer).as("an answer other than 201 while the server stopped").contains(": 503 ");
            refused.add(answer.substring(0, answer.indexOf(':')));
        }
        for (String lost : writers.unanswered) {
            refused.add(lost.substring(0, lost.indexOf(':')));
        }

        List<String> afterStart = new ArrayList<>();
        boolean started = false;
        for (String line : node.log()) {
            started |= line.contains("Started LedgerApplication");
            if (started) {
                afterStart.add(line);
            }
        }
        List<String> notJson = afterStart.stream().filter(line -> !line.startsWith("{")).toList();
        assertThat(notJson).as("lines written outside the JSON log after the start").isEmpty();
        List<String> levels = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (String line : afterStart) {
            JsonNode json = Http.JSON.readTree(line);
            levels.add(json.path("log").path("level").asText());
            messages.add(json.path("message").asText());
        }
        assertThat(messages).as("Spring's graceful shutdown, once the requests in flight were answered")
                .contains("Graceful shutdown complete");
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < afterStart.size(); i++) {
            if (levels.get(i).equals("WARN") || levels.get(i).equals("ERROR")) {
                warnings.add(afterStart.get(i));
            }
        }
        assertThat(warnings).as("warnings and errors logged after the start, while writing and stopping").isEmpty();
        try (Stream<Path> traces = Files.list(dir.resolve("data"))) {
            assertThat(traces.map(Path::toString).filter(f -> f.endsWith(".trace.db")).toList())
                    .as("H2's trace files, where it writes its own errors").isEmpty();
        }

        Http again = node.start().http();
        assertThat(Park.ok(again.get("/api/v1/ledger/verification")).json().get("valid").asBoolean()).isTrue();
        for (Map.Entry<String, JsonNode> ack : writers.acknowledged.entrySet()) {
            assertThat(again.get("/api/v1/people/" + ack.getKey()).status())
                    .as("acknowledged %s at index %s", ack.getKey(), ack.getValue().get("index")).isEqualTo(200);
        }
        for (String id : refused) {
            assertThat(again.get("/api/v1/people/" + id).status()).as("%s, refused while stopping", id).isEqualTo(404);
        }
    }
}
