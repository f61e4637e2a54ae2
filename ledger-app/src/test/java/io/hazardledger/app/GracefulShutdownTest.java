package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hazardledger.app.Http.j;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server process stopped with SIGTERM while clients write, as an orchestrator or {@code systemctl stop} stops
 * it: the writes in flight finish (each gets its 201, none a 500 from a store closed under it), the ledger closes with
 * the store still open (nothing logged at WARN or ERROR), the JVM exits as one stopped by SIGTERM, and after a restart
 * every acknowledged write is there and the chain verifies. On the default embedded store with the shipped settings
 * ({@code ./data/ledger}), or with {@code -Dledger.test.store=postgres} on a new PostgreSQL database.
 */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    private ServerProcess node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void sigterm_whileClientsWrite_finishesTheWritesInFlight_andClosesTheLedgerBeforeTheStore() throws Exception {
        node = ServerProcess.onTheShippedStore(dir);
        Http http = node.start().http();
        Park.ok(http.post("/api/v1/enterprises",
                j("{'enterpriseId':'stop','name':'Stop Co','sector':'s','highRisk':false}")));

        // until the server no longer takes a connection (bounded, in case it never stops)
        PeopleWriters writers = new PeopleWriters(http, "stop", 4, 5_000, () -> true);
        writers.awaitAcknowledged(80);
        assertThat(node.terminate()).as("the exit status of a JVM ended by SIGTERM").isEqualTo(143);
        writers.awaitEnd();

        assertThat(writers.otherAnswers).as("answers other than 201 while the server stopped").isEmpty();
        List<String> stopping = new ArrayList<>();
        boolean afterStart = false;
        for (String line : node.log()) {
            afterStart |= line.contains("Started LedgerApplication");
            if (afterStart && line.startsWith("{")) {
                String level = Http.JSON.readTree(line).path("log").path("level").asText();
                if (level.equals("WARN") || level.equals("ERROR")) {
                    stopping.add(line);
                }
            }
        }
        assertThat(stopping).as("warnings and errors logged after the start, while writing and stopping").isEmpty();

        Http again = node.start().http();
        assertThat(Park.ok(again.get("/api/v1/ledger/verification")).json().get("valid").asBoolean()).isTrue();
        for (Map.Entry<String, JsonNode> ack : writers.acknowledged.entrySet()) {
            assertThat(again.get("/api/v1/people/" + ack.getKey()).status())
                    .as("acknowledged %s at index %s", ack.getKey(), ack.getValue().get("index")).isEqualTo(200);
        }
    }
}
