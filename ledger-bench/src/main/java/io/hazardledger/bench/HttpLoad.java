package io.hazardledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole path over HTTP on loopback: the server jar is started with a heap of 512 MB on a fresh embedded store
 * (signatures not required), the park is registered through the REST API, and C closed-loop clients send the hazard
 * lives of {@link Park} as JSON until the time is up. Reports committed events per second, request latency and the
 * server's heap from its GC log (the most used before a collection, and the most still used after one).
 *
 * <p>It checks its own work: the server's ledger must have grown by one entry for each request it answered during the
 * timed run, and must verify ({@code GET /api/v1/ledger/verification}, asked after the heap was read from the log, so
 * that the verification's own memory is not in the figure); otherwise the run throws.
 *
 * <pre>java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.HttpLoad ledger-app/target/ledger-app.jar WORKDIR SECONDS CLIENTS...</pre>
 *
 * With {@code -Dbench.store=PATH} (an H2 file store without its {@code .mv.db} suffix, such as one that
 * {@link Growth} filled, whose park is already registered) the server runs on that store instead, so that its heap
 * is measured at that store's size. {@code -Dbench.serverArgs="--a=b --c=d"} passes more arguments to the server.
 */
public final class HttpLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private HttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        for (int k = 3; k < args.length; k++) {
            int clients = Integer.parseInt(args[k]);
            System.out.println(run(List.of("-jar", jar.toString()), work, clients, duration).describe());
        }
    }

    /**
     * One run's figures: the timed run's requests ({@code load}), the server's heap in MB from its GC log ({@code
     * heapUsedMax} before a collection, {@code heapAfterGcMax} after one; 0 when no collection was logged), and the
     * size of the ledger that verified after it.
     */
    record Outcome(int clients, CommandLoad.Result load, long heapUsedMax, long heapAfterGcMax, long verifiedSize) {
        String describe() {
            return String.format("HTTP, H2 file, %d clients: %d events in %.1f s = %.0f events/s; request latency p50"
                            + " %.2f ms, p99 %.2f ms; server heap (-Xmx512m): at most %d MB used before a GC, at most"
                            + " %d MB still used after one; the ledger of %d entries verifies", clients, load.events(),
                    load.seconds(), load.perSecond(), load.p50Millis(), load.p99Millis(), heapUsedMax, heapAfterGcMax,
                    verifiedSize);
        }
    }

    /**
     * Starts the server with {@code java -Xmx512m <gc log> <launch...> <arguments>}, where {@code launch} is {@code
     * -jar <server jar>} or {@code -cp <class path> io.hazardledger.app.LedgerApplication}, then loads it.
     */
    static Outcome run(List<String> launch, Path work, int clients, Duration duration) throws Exception {
        Files.createDirectories(work);
        int port = freePort();
        Path gcLog = work.resolve("gc-" + clients + "-" + port + ".log");
        Path serverLog = work.resolve("server-" + port + ".log");
        Process server = startServer(List.of("-Xmx512m"), launch, work, port, gcLog, serverLog);
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port + "/api/v1";
            awaitUp(http, base, server, serverLog);
            if (System.getProperty("bench.store") == null) {
                registerPark(http, base);
            }
            load(http, base, clients, duration.dividedBy(3), "warm");
            long before = treeSize(http, base);
            CommandLoad.Result r = load(http, base, clients, duration, "run");
            long after = treeSize(http, base);
            if (after - before != r.events()) {
                throw new IllegalStateException(r.events() + " requests answered but the ledger grew by "
                        + (after - before) + " entries (from " + before + " to " + after + ")");
            }
            long[] heap = heap(gcLog);
            return new Outcome(clients, r, heap[0], heap[1], verifiedSize(http, base, after));
        } finally {
            stop(server);
        }
    }

    /** A port nothing listens on now (the server is then started on it). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM, and SIGKILL if the server has not ended 30 s later: no server outlives its run. */
    static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts the server as {@code java <jvmOptions> -Xlog:gc:file=<gcLog> <launch...>} on loopback at {@code port},
     * without authentication (the figures are the ledger's, not the token check's), its output in {@code serverLog}:
     * on the H2 store {@code -Dbench.store} names (a path without {@code .mv.db}), else on a new one in {@code work};
     * {@code -Dbench.serverArgs} adds arguments. Returns at once: see {@link #awaitUp}.
     */
    static Process startServer(List<String> jvmOptions, List<String> launch, Path work, int port, Path gcLog,
                               Path serverLog) throws IOException {
        return startServer(jvmOptions, launch, List.of(), work, port, gcLog, serverLog);
    }

    /** {@link #startServer(List, List, Path, int, Path, Path)} with {@code appArgs} after the ones it sets. */
    static Process startServer(List<String> jvmOptions, List<String> launch, List<String> appArgs, Path work, int port,
                               Path gcLog, Path serverLog) throws IOException {
        String existing = System.getProperty("bench.store");
        Path store = existing != null ? Path.of(existing) : work.resolve("ledger-" + UUID.randomUUID());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(launch);
        command.addAll(List.of("--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + store.toAbsolutePath() + ";AUTO_SERVER=TRUE"
                        + Stores.H2_SETTINGS,
                "--ledger.require-signatures=false", "--ledger.log.key-file=" + work.resolve("log-key.pem"),
                "--ledger.security.mode=off", "--server.address=127.0.0.1",
                "--logging.level.root=WARN"));
        command.addAll(appArgs);
        for (String extra : System.getProperty("bench.serverArgs", "").split(" ")) {
            if (!extra.isBlank()) {
                command.add(extra);   // e.g. --ledger.store.group-commit=1
            }
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
    }

    /** The ledger's size now ({@code GET /api/v1/ledger/tree}). */
    private static long treeSize(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ledger/tree")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /ledger/tree answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("treeSize").asLong(-1);
    }

    /** The server verifies its whole ledger ({@code GET /api/v1/ledger/verification}); its size, at least {@code atLeast}. */
    private static long verifiedSize(HttpClient http, String base, long atLeast) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ledger/verification")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !body.path("valid").asBoolean(false) || body.path("size").asLong(-1) < atLeast) {
            throw new IllegalStateException("the server's ledger of at least " + atLeast + " entries does not verify: "
                    + r.statusCode() + " " + r.body());
        }
        return body.path("size").asLong();
    }

    /** Polls the server until it answers (it starts in a few seconds); fails if it exits or takes a minute. */
    static void awaitUp(HttpClient http, String base, Process server, Path serverLog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                List<String> lines = Files.readAllLines(serverLog);
                throw new IllegalStateException("the server exited with " + server.exitValue() + "; its output ends:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/enterprises")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not start within a minute; its output is in " + serverLog);
    }

    static void registerPark(HttpClient http, String base) throws Exception {
        for (int e = 0; e < Park.ENTERPRISES; e++) {
            post(http, base + "/enterprises", Map.of("enterpriseId", Park.enterprise(e), "name", "Enterprise " + e,
                    "sector", "hazardous chemicals", "highRisk", e % 3 == 0));
            post(http, base + "/people", Map.of("personId", Park.reporter(e), "name", "Reporter " + e,
                    "enterpriseId", Park.enterprise(e), "roles", List.of("ENTERPRISE_STAFF")));
            post(http, base + "/people", Map.of("personId", Park.owner(e), "name", "Owner " + e,
                    "enterpriseId", Park.enterprise(e), "roles", List.of("ENTERPRISE_STAFF")));
        }
        for (int v = 0; v < 2; v++) {
            post(http, base + "/people", Map.of("personId", Park.verifier(v), "name", "Verifier " + v,
                    "roles", List.of("VERIFIER", "INSPECTOR")));
        }
    }

    /** The requests of hazard {@code n}'s life, as {@link Park#life} has its commands. */
    static List<Map.Entry<String, Object>> life(String base, String hazardId, long n) {
        int e = (int) (n % Park.ENTERPRISES);
        String verifier = Park.verifier((int) (n / Park.ENTERPRISES % 2));
        boolean major = n % 7 == 0;
        List<Map.Entry<String, Object>> requests = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("hazardId", hazardId);
        report.put("enterpriseId", Park.enterprise(e));
        report.put("level", major ? "MAJOR" : "GENERAL");
        report.put("source", "SELF_INSPECTION");
        report.put("criterionRef", major ? "AQ/T 2023 No.10 Art.4(1)" : null);
        report.put("category", "fire safety");
        report.put("location", "B罐区 3号泵 (tank farm B, pump 3)");
        report.put("description", "法兰泄漏 \"flange leak\" near the pump\nsmell of solvent");
        report.put("cause", "gasket aged");
        report.put("foundAt", "2026-11-28T09:30:00Z");
        report.put("reportedBy", Park.reporter(e));
        report.put("evidence", List.of(evidence("before-" + hazardId)));
        requests.add(Map.entry(base + "/hazards", report));
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("measures", "replace the gasket, check the flange");
        plan.put("ownerId", Park.owner(e));
        plan.put("dueDate", LocalDate.now().plusDays(30).toString());
        plan.put("funding", "12000.00");
        plan.put("interimControls", "cordon and gas detector");
        plan.put("contingencyPlan", "evacuate on alarm");
        plan.put("plannedBy", Park.owner(e));
        requests.add(Map.entry(base + "/hazards/" + hazardId + "/plan", plan));
        if (n % 4 != 3) {
            requests.add(Map.entry(base + "/hazards/" + hazardId + "/submissions", Map.of("summary", "gasket replaced",
                    "evidence", List.of(evidence("after-" + hazardId)), "submittedBy", Park.owner(e))));
            requests.add(Map.entry(base + "/hazards/" + hazardId + "/verifications", Map.of("passed", true,
                    "remarks", "checked on site", "verifierId", verifier)));
            requests.add(Map.entry(base + "/hazards/" + hazardId + "/close-out", Map.of("remarks", "closed",
                    "closedBy", verifier)));
        }
        return requests;
    }

    private static Map<String, Object> evidence(String seed) {
        return Map.of("sha256", io.hazardledger.integrity.Hashes.sha256Hex(seed.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)), "mediaType", "image/jpeg",
                "capturedAt", Instant.parse("2026-11-28T09:31:12.500Z").toString(), "name", seed + ".jpg");
    }

    private static void post(HttpClient http, String url, Object body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CommandLoad.Result load(HttpClient http, String base, int clients, Duration duration, String label)
            throws Exception {
        // the same closed-loop clients as CommandLoad; a "command" is here one request of a hazard's life
        return CommandLoad.loadRequests(request -> post(http, request.getKey(), request.getValue()),
                (hazardId, n) -> life(base, hazardId, n), clients, duration, label);
    }

    /** {max used before a collection, max still used after one} in MB, from a -Xlog:gc log. */
    static long[] heap(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
            }
        }
        return new long[]{before, after};
    }
}
