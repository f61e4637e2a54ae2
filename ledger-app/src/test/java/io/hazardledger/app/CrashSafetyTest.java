package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hazardledger.app.Http.j;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server process on the default embedded store, killed with SIGKILL while clients write: after a restart
 * every write a client saw acknowledged is in the ledger, the chain verifies, and no acknowledged index is reused.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    private Process server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    private int start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // The working directory is the test's folder, so the default ./data/ledger URL (with its settings) is used.
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                "--server.port=" + port, "--ledger.require-signatures=false")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("Started LedgerApplication")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(started.await(90, TimeUnit.SECONDS)).as("server started").isTrue();
        return port;
    }

    @Test
    void acknowledgedWrites_surviveSigkill_andNoIndexIsReused() throws Exception {
        Http http = new Http(start());
        Park.ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'crash','name':'Crash Co','sector':'s','highRisk':false}")));

        Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(120);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            writers.submit(() -> {
                for (int i = 0; i < 100 && server.isAlive(); i++) {
                    String id = "p-" + next.getAndIncrement();
                    try {
                        Http.Response r = http.post("/api/v1/people",
                                j("{'personId':'" + id + "','name':'N','enterpriseId':'crash','roles':['ENTERPRISE_STAFF']}"));
                        if (r.status() == 201) {
                            acknowledged.put(id, r.json());
                            enough.countDown();
                        }
                    } catch (AssertionError connectionLost) {
                        return;
                    }
                }
            });
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).isTrue();
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        List<String> ids = new ArrayList<>(acknowledged.keySet());
        assertThat(ids).hasSizeGreaterThanOrEqualTo(120);

        Http again = new Http(start());
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
