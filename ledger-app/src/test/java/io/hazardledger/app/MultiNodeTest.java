package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hazardledger.app.Http.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two real server processes on one PostgreSQL database (run with {@code -Dledger.test.store=postgres}, as CI does):
 * clients write through both at once, one node is killed with SIGKILL mid-write and restarted, and then the chain
 * verifies on both with no fork and no gap, every acknowledged write is on both, both give the same answers, and the
 * checkpoints both nodes raced to make form one consistent series with one checkpoint per tree size.
 */
class MultiNodeTest {

    @TempDir
    Path dir;

    private final List<ServerProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ServerProcess::close);
    }

    @Test
    void twoNodes_oneChain_survivingAKill() throws Exception {
        assumeTrue(TestStore.postgres(), "several nodes share a PostgreSQL database: run with -Dledger.test.store=postgres");
        String[] store = TestStore.fresh(dir);
        // Both nodes sign checkpoints with the same key (a copy of one file on every node) and race to make them
        // every 100 ms.
        List<String> args = new ArrayList<>(ServerProcess.storeArgs(store));
        args.addAll(List.of("--ledger.require-signatures=false", "--ledger.log.checkpoint-interval=100ms",
                "--ledger.log.key-file=" + dir.resolve("log-key.pem")));
        ServerProcess a = node("node-a", args).start();
        ServerProcess b = node("node-b", args).start();
        Park.ok(a.http().post("/api/v1/enterprises",
                j("{'enterpriseId':'multi','name':'Multi Co','sector':'s','highRisk':false}")));

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Set<String> contested = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch beforeKill = new CountDownLatch(100);
        ExecutorService writers = Executors.newFixedThreadPool(6);
        List<Future<?>> onA = new ArrayList<>();
        List<Future<?>> onB = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            ServerProcess target = t % 2 == 0 ? a : b;
            (target == a ? onA : onB).add(writers.submit(() -> {
                write(target, next, acknowledged, contested, beforeKill);
                return null;
            }));
        }
        awaitWhileWritersRun(beforeKill, onA, onB);
        a.kill();
        int atKill = acknowledged.size();
        for (Future<?> f : onB) {
            f.get(120, TimeUnit.SECONDS); // node B's writers carry on to the end of their quota
        }
        for (Future<?> f : onA) {
            f.get(60, TimeUnit.SECONDS); // ended by the kill, not by a wrong answer
        }
        writers.shutdown();
        assertThat(acknowledged.size()).as("node B kept writing after A was killed").isGreaterThan(atKill);
        a.start();

        // One chain: both nodes verify the same size and head, and every acknowledged index is distinct.
        JsonNode va = Park.ok(a.http().get("/api/v1/ledger/verification")).json();
        JsonNode vb = Park.ok(b.http().get("/api/v1/ledger/verification")).json();
        assertThat(va.get("valid").asBoolean()).as(va.toString()).isTrue();
        assertThat(vb).isEqualTo(va);
        assertThat(new HashSet<>(acknowledged.values())).as("no index acknowledged twice").hasSize(acknowledged.size());
        long size = va.get("size").asLong();
        assertThat(acknowledged.values()).allMatch(i -> i < size);

        // Every acknowledged write is on both nodes; a contested id was won by exactly one write.
        for (String id : acknowledged.keySet()) {
            assertThat(a.http().get("/api/v1/people/" + id).status()).as("%s on node A", id).isEqualTo(200);
            assertThat(b.http().get("/api/v1/people/" + id).status()).as("%s on node B", id).isEqualTo(200);
        }
        assertThat(contested).as("ids both nodes tried to create").isNotEmpty();
        for (String id : contested) {
            assertThat(a.http().get("/api/v1/people/" + id).status()).as("%s on node A", id).isEqualTo(200);
            assertThat(b.http().get("/api/v1/people/" + id).status()).as("%s on node B", id).isEqualTo(200);
        }

        // Both nodes answer alike: the people both wrote, each person, the tree, the flags.
        for (String q : List.of("/api/v1/people", "/api/v1/ledger/tree", "/api/v1/flags", "/api/v1/enterprises/multi")) {
            Http.Response fromA = Park.ok(a.http().get(q));
            assertThat(Park.ok(b.http().get(q)).raw()).as(q).isEqualTo(fromA.raw());
        }
        assertThat(Park.ok(a.http().get("/api/v1/people")).json().size()).as("everyone written")
                .isGreaterThanOrEqualTo(acknowledged.size());
        for (String id : acknowledged.keySet()) {
            assertThat(b.http().get("/api/v1/people/" + id).raw()).isEqualTo(a.http().get("/api/v1/people/" + id).raw());
        }

        // Checkpoints: one per tree size, each signed with the log's key over the tree's real root, each consistent
        // with the one before it.
        Park.ok(b.http().post("/api/v1/ledger/checkpoints", ""));
        NoteVerifier key = NoteVerifier.parse(a.http().get("/api/v1/ledger/key").raw().strip());
        List<Checkpoint> series = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2]);
             var rs = c.createStatement().executeQuery("SELECT note FROM checkpoint ORDER BY tree_size")) {
            while (rs.next()) {
                series.add(Checkpoint.parse(key.verify(rs.getString(1))));
            }
        }
        assertThat(series.size()).as("checkpoints made while the nodes wrote").isGreaterThan(2);
        assertThat(series.get(series.size() - 1).size()).isEqualTo(size);
        for (int i = 1; i < series.size(); i++) {
            Checkpoint before = series.get(i - 1);
            Checkpoint after = series.get(i);
            JsonNode proof = Park.ok(a.http().get("/api/v1/ledger/proofs/consistency?from=" + before.size()
                    + "&to=" + after.size())).json();
            List<byte[]> path = new ArrayList<>();
            proof.get("hashes").forEach(p -> path.add(Base64.getDecoder().decode(p.asText())));
            Proofs.verifyConsistency(before.size(), after.size(), before.root(), after.root(), path);
        }
    }

    /** Waits for the latch, failing at once with a writer's own failure if one fails first. */
    private static void awaitWhileWritersRun(CountDownLatch latch, List<Future<?>> onA, List<Future<?>> onB)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!latch.await(1, TimeUnit.SECONDS)) {
            for (Future<?> f : concat(onA, onB)) {
                if (f.isDone()) {
                    f.get(); // a writer that ended early: its failure is the test's
                }
            }
            assertThat(System.nanoTime()).as("100 writes acknowledged within 2 minutes").isLessThan(deadline);
        }
    }

    private static List<Future<?>> concat(List<Future<?>> x, List<Future<?>> y) {
        List<Future<?>> all = new ArrayList<>(x);
        all.addAll(y);
        return all;
    }

    private ServerProcess node(String name, List<String> args) {
        ServerProcess node = new ServerProcess(dir, name, args);
        nodes.add(node);
        return node;
    }

    /**
     * Writes people through one node until its quota is done or the node is gone; every tenth id is one that every
     * writer, on both nodes, tries to create ("shared-n"): one wins, the others are refused with 409.
     */
    private static void write(ServerProcess node, AtomicInteger next, Map<String, Long> acknowledged,
                              Set<String> contested, CountDownLatch progress) throws InterruptedException {
        Http http = node.http();
        for (int i = 0; i < 80 && node.alive(); i++) {
            int n = next.getAndIncrement();
            String id = i % 10 == 0 ? "shared-" + (i / 10) : "p-" + n;
            try {
                Http.Response r = http.post("/api/v1/people",
                        j("{'personId':'" + id + "','name':'N','enterpriseId':'multi','roles':['ENTERPRISE_STAFF']}"));
                if (r.status() == 201) {
                    Long before = acknowledged.putIfAbsent(id, r.json().get("index").asLong());
                    assertThat(before).as("%s acknowledged twice", id).isNull();
                    progress.countDown();
                } else {
                    assertThat(id).as("refused: %s", r).startsWith("shared-");
                    assertThat(r.status()).as(r.toString()).isEqualTo(409);
                    contested.add(id);
                }
            } catch (AssertionError e) {
                if (e.getCause() instanceof java.io.IOException && node.exitsWithin(10)) {
                    return; // the connection was lost because the node was killed under this write
                }
                throw e; // a wrong answer, or a lost connection to a live node
            }
        }
    }
}
