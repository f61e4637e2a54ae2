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
 * A real server process, killed with SIGKILL while clients write: after a restart every write a client saw
 * acknowledged is in the ledger, the chain verifies, and no acknowledged index is reused. On the default embedded
 * store with the shipped settings (./data/ledger), or with {@code -Dledger.test.store=postgres} on a new PostgreSQL
 * database.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    private ServerProcess node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** A crash that breaks the chain must be looked at: the store and the server's log are kept. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final KeepEvidence keepEvidence = new KeepEvidence("crash-evidence", () -> dir);

    private Http start() throws Exception {
        if (node == null) {
            // every acknowledged write must have been logged with its index (the log lines are JSON)
            node = ServerProcess.onTheShippedStore(dir);
        }
        return node.start().http();
    }

    @Test
    void acknowledgedWrites_surviveSigkill_andNoIndexIsReused() throws Exception {
        Http http = start();
        Park.ok(http.post("/api/v1/enterprises",
                j("{'enterpriseId':'crash','name':'Crash Co','sector':'s','highRisk':false}")));

        PeopleWriters writers = new PeopleWriters(http, "crash", 4, 100, node::alive);
        writers.awaitAcknowledged(120);
        node.kill();
        writers.awaitEnd();
        Map<String, JsonNode> acknowledged = writers.acknowledged;
        List<String> ids = new ArrayList<>(acknowledged.keySet());
        assertThat(ids).hasSizeGreaterThanOrEqualTo(120);
        Map<Long, JsonNode> logged = new java.util.HashMap<>();
        for (String line : node.log()) {
            if (line.startsWith("{")) {
                JsonNode json = Http.JSON.readTree(line);
                if (json.path("log").path("logger").asText().equals("io.hazardledger.writes")) {
                    logged.put(json.path("ledger").path("index").asLong(), json);
                }
            }
        }
        for (JsonNode ack : acknowledged.values()) {
            JsonNode line = logged.get(ack.get("index").asLong());
            assertThat(line).as("the log line of the write acknowledged at %s", ack.get("index")).isNotNull();
            assertThat(line.path("ledger").path("entry_hash").asText()).isEqualTo(ack.get("entryHash").asText());
            assertThat(line.path("ledger").path("command").asText()).isEqualTo("RegisterPerson");
        }

        Http again = start();
        JsonNode verification = Park.ok(again.get("/api/v1/ledger/verification")).json();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        for (String id : ids) {
            JsonNode ack = acknowledged.get(id);
            Http.Response person = again.get("/api/v1/people/" + id);
            assertThat(person.status()).as("acknowledged %s at index %s", id, ack.get("index")).isEqualTo(200);
        }
        // no index was handed out twice: the chain continues past every acknowledged index
        Http.Response other = Park.ok(again.post("/api/v1/people",
                j("{'personId':'after','name':'N','enterpriseId':'crash','roles':['ENTERPRISE_STAFF']}")));
        assertThat(other.json().get("index").asLong()).isGreaterThan(
                acknowledged.values().stream().mapToLong(a -> a.get("index").asLong()).max().orElseThrow());
    }
}
