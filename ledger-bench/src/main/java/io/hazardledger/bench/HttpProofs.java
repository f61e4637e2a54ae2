package io.hazardledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.merkle.ProofException;
import io.hazardledger.integrity.merkle.Proofs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency of inclusion and consistency proofs as a client gets them from the server over HTTP on loopback, one request
 * at a time: the server ({@code -jar} its jar) started on the H2 store {@code -Dbench.store} names (a path without
 * {@code .mv.db}; else a new store with a few entries), with {@code -Dbench.serverHeap} as its {@code -Xmx} (else the
 * JVM's default, as the README starts it):
 * {@code java -Dbench.store=/tmp/s/ledger-<uuid> -cp benchmarks.jar io.hazardledger.bench.HttpProofs
 * ledger-app/target/ledger-app.jar /tmp/hp 2000 10}.
 * <p>
 * Each round asks {@code PROOFS} proofs of each kind untimed, then as many timed (request sent to body read), on one
 * kept-alive connection (the server it starts keeps a connection open for any number of requests), at random
 * indexes and sizes, all against the ledger's current size; then checks every timed proof (untimed): an inclusion
 * proof against the root {@code GET /ledger/tree} gave, a consistency proof against that root and the root an inclusion
 * proof at the earlier size leads to. Each round also times as many requests that do no ledger work ({@code GET
 * /actuator/health/liveness}) in the same loop, the floor of a request here (client, loopback, Tomcat, Spring MVC,
 * JSON), and says how many collections the server logged during it and their pause time (from its {@code -Xlog:gc}
 * log).
 */
public final class HttpProofs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAUSE = Pattern.compile("Pause .* ([0-9.]+)ms$");

    private HttpProofs() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int proofs = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        run(List.of("-jar", jar.toString()), work, proofs, rounds, round -> System.out.println(round.line()));
    }

    /**
     * One round: the ledger's size, the timed proofs of each kind, the baseline ({@code floor}: as many {@code GET
     * /actuator/health/liveness}, which do no ledger work, timed in the same loop), and the server's collections during
     * the round.
     */
    public record Round(int number, long size, ProofLatency.Percentiles inclusion, ProofLatency.Percentiles consistency,
                        ProofLatency.Percentiles floor, int inclusionOver1ms, int consistencyOver1ms, int floorOver1ms,
                        int serverPauses, double serverPauseMillis, Inside inclusionInside, Inside consistencyInside,
                        Inside floorInside) {

        String line() {
            return String.format(java.util.Locale.ROOT, "round %d, %d entries, over HTTP: inclusion p50 %.3f ms, p99"
                            + " %.3f ms, max %.3f ms; consistency p50 %.3f ms, p99 %.3f ms, max %.3f ms; the HTTP floor"
                            + " (liveness) p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d of each); over 1 ms: %d inclusion,"
                            + " %d consistency, %d floor; the server's pauses in the round: %d, %.1f ms; inside the"
                            + " server: inclusion %s, consistency %s, floor %s",
                    number, size, inclusion.p50(), inclusion.p99(), inclusion.max(), consistency.p50(),
                    consistency.p99(), consistency.max(), floor.p50(), floor.p99(), floor.max(), inclusion.count(),
                    inclusionOver1ms, consistencyOver1ms, floorOver1ms, serverPauses, serverPauseMillis,
                    inclusionInside.text(), consistencyInside.text(), floorInside.text());
        }
    }

    /**
     * What the server's own timer ({@code http.server.requests}, from its filter chain's start to the response's
     * end, without the client, loopback or Tomcat's reading of the request) counted for one kind of request in a
     * timed round: the requests, how many of them within 1 ms, and their mean.
     */
    public record Inside(long requests, long within1ms, double meanMillis) {

        String text() {
            return String.format(java.util.Locale.ROOT, "%d of %d within 1 ms, mean %.3f ms", within1ms, requests,
                    meanMillis);
        }

        /** The difference for {@code uri} between two readings of {@link #inside}. */
        static Inside of(String uri, Map<String, double[]> before, Map<String, double[]> after) {
            double[] b = before.getOrDefault(uri, new double[3]);
            double[] a = after.getOrDefault(uri, new double[3]);
            long requests = Math.round(a[0] - b[0]);
            return new Inside(requests, Math.round(a[1] - b[1]), requests == 0 ? 0 : (a[2] - b[2]) * 1e3 / requests);
        }
    }

    /**
     * Starts the server ({@code launch}: {@code -jar <jar>} or {@code -cp <class path> <main class>}), times {@code
     * rounds} rounds of {@code proofs} proofs of each kind, handing each to {@code each} as it ends, and stops the
     * server.
     *
     * @throws IllegalStateException if a served proof does not check, or a request is not answered 200
     */
    static List<Round> run(List<String> launch, Path work, int proofs, int rounds,
                           java.util.function.Consumer<Round> each) throws Exception {
        Files.createDirectories(work);
        int port = HttpLoad.freePort();
        Path gcLog = work.resolve("gc-proofs-" + port + ".log");
        Path serverLog = work.resolve("server-proofs-" + port + ".log");
        String heap = System.getProperty("bench.serverHeap");
        // a bucket at 1 ms in the server's request timer: how many requests it served within 1 ms, by itself
        Process server = HttpLoad.startServer(heap == null ? List.of() : List.of("-Xmx" + heap), launch,
                // and one connection for the whole run: Tomcat's default closes it every 100 requests, which would put
                // a new connection into 1 % of the timed requests, right where the p99 is
                List.of("--management.metrics.distribution.slo.http.server.requests=1ms",
                        "--server.tomcat.max-keep-alive-requests=-1"), work, port, gcLog, serverLog);
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port + "/api/v1";
            HttpLoad.awaitUp(http, base, server, serverLog);
            if (System.getProperty("bench.store") == null) {
                HttpLoad.registerPark(http, base);
            }
            JsonNode tree = get(http, base + "/ledger/tree");
            long size = tree.path("treeSize").asLong();
            byte[] root = Base64.getDecoder().decode(tree.path("rootHash").asText());
            if (size < 2) {
                throw new IllegalStateException("the server's ledger holds " + size + " entries, fewer than 2");
            }
            Random random = new Random(1);
            List<Round> out = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                time(http, base, size, proofs, random, null, null);   // untimed: the same work, warming both sides
                Map<String, double[]> insideBefore = inside(http, base);
                double[] pausesBefore = pauses(gcLog);
                long[] indexes = new long[proofs];
                long[] froms = new long[proofs];
                JsonNode[][] answers = new JsonNode[2][proofs];
                long[][] nanos = time(http, base, size, proofs, random, new long[][] {indexes, froms}, answers);
                double[] pausesAfter = pauses(gcLog);
                Map<String, double[]> insideAfter = inside(http, base);
                check(http, base, size, root, indexes, froms, answers);
                Round r = new Round(round, size, ProofLatency.Percentiles.of(nanos[0]),
                        ProofLatency.Percentiles.of(nanos[1]), ProofLatency.Percentiles.of(nanos[2]),
                        ProofLatency.over1ms(nanos[0]), ProofLatency.over1ms(nanos[1]), ProofLatency.over1ms(nanos[2]),
                        (int) (pausesAfter[0] - pausesBefore[0]),
                        pausesAfter[1] - pausesBefore[1], Inside.of(INCLUSION, insideBefore, insideAfter),
                        Inside.of(CONSISTENCY, insideBefore, insideAfter), Inside.of(LIVENESS, insideBefore, insideAfter));
                out.add(r);
                each.accept(r);
            }
            return out;
        } finally {
            HttpLoad.stop(server);
        }
    }

    /**
     * {@code proofs} requests of each kind and as many of the floor, in turn; their times, and (when asked) what was
     * asked and answered.
     */
    private static long[][] time(HttpClient http, String base, long size, int proofs, Random random, long[][] asked,
                                 JsonNode[][] answers) throws Exception {
        long[][] nanos = new long[3][proofs];
        String live = base.replace("/api/v1", "") + LIVENESS;
        for (int k = 0; k < proofs; k++) {
            long index = (long) (random.nextDouble() * size);
            long from = 1 + (long) (random.nextDouble() * (size - 1));
            HttpRequest inclusionRequest = request(base + "/ledger/proofs/inclusion?index=" + index + "&treeSize=" + size);
            HttpRequest consistencyRequest = request(base + "/ledger/proofs/consistency?from=" + from + "&to=" + size);
            HttpRequest liveRequest = request(live);
            // timed: from sending the request to the body read; the answers are parsed after
            long t0 = System.nanoTime();
            byte[] inclusionBody = send(http, inclusionRequest);
            long t1 = System.nanoTime();
            byte[] consistencyBody = send(http, consistencyRequest);
            long t2 = System.nanoTime();
            byte[] upBody = send(http, liveRequest);
            long t3 = System.nanoTime();
            JsonNode inclusion = JSON.readTree(inclusionBody);
            JsonNode consistency = JSON.readTree(consistencyBody);
            JsonNode up = JSON.readTree(upBody);
            if (!"UP".equals(up.path("status").asText())) {
                throw new IllegalStateException("GET " + live + " answered " + up);
            }
            nanos[0][k] = t1 - t0;
            nanos[1][k] = t2 - t1;
            nanos[2][k] = t3 - t2;
            if (asked != null) {
                asked[0][k] = index;
                asked[1][k] = from;
                answers[0][k] = inclusion;
                answers[1][k] = consistency;
            }
        }
        return nanos;
    }

    /** Every timed proof checked against the roots a client can have (untimed). */
    private static void check(HttpClient http, String base, long size, byte[] root, long[] indexes, long[] froms,
                              JsonNode[][] answers) throws Exception {
        for (int k = 0; k < indexes.length; k++) {
            JsonNode inclusion = answers[0][k];
            long from = froms[k];
            try {
                Proofs.verifyInclusion(indexes[k], size, b64(inclusion.path("leafHash").asText()),
                        hashes(inclusion), root);
                // the earlier root: where an inclusion proof of the earlier tree's last leaf leads
                JsonNode last = get(http, base + "/ledger/proofs/inclusion?index=" + (from - 1) + "&treeSize=" + from);
                byte[] earlier = Proofs.rootFromInclusion(from - 1, from, b64(last.path("leafHash").asText()),
                        hashes(last));
                Proofs.verifyConsistency(from, size, earlier, root, hashes(answers[1][k]));
            } catch (ProofException e) {
                throw new IllegalStateException("a served proof does not check (index " + indexes[k] + ", sizes " + from
                        + " and " + size + "): " + e.getMessage(), e);
            }
        }
    }

    private static final String INCLUSION = "/api/v1/ledger/proofs/inclusion";
    private static final String CONSISTENCY = "/api/v1/ledger/proofs/consistency";
    private static final String LIVENESS = "/actuator/health/liveness";
    /** The uri tag of each kind is, or begins, so (an actuator request is tagged with its endpoint's pattern). */
    private static final Map<String, String> TAGGED = Map.of(INCLUSION, INCLUSION + "\"", CONSISTENCY,
            CONSISTENCY + "\"", LIVENESS, "/actuator/health");
    private static final Pattern SERIES = Pattern.compile(
            "^http_server_requests_seconds_(count|sum|bucket)\\{(.*)\\} ([0-9.eE+-]+)$");

    /**
     * The server's request timer now, by the uri tag of the three kinds timed here: {requests, within 1 ms, seconds in
     * all}, summed over the other tags ({@code GET /actuator/prometheus}).
     */
    private static Map<String, double[]> inside(HttpClient http, String base) throws Exception {
        String url = base.replace("/api/v1", "") + "/actuator/prometheus";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
        }
        Map<String, double[]> out = new java.util.HashMap<>();
        for (String line : r.body().split("\n")) {
            Matcher m = SERIES.matcher(line);
            if (!m.find()) {
                continue;
            }
            String tags = m.group(2);
            for (String uri : List.of(INCLUSION, CONSISTENCY, LIVENESS)) {
                if (!tags.contains("uri=\"" + TAGGED.get(uri))) {
                    continue;
                }
                double[] counts = out.computeIfAbsent(uri, k -> new double[3]);
                double value = Double.parseDouble(m.group(3));
                switch (m.group(1)) {
                    case "count" -> counts[0] += value;
                    case "sum" -> counts[2] += value;
                    default -> {
                        if (tags.contains("le=\"0.001\"")) {
                            counts[1] += value;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        return JSON.readTree(send(http, request(url)));
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }

    /** The body of a 200 answer. */
    private static byte[] send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + r.statusCode() + ": "
                    + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> out = new ArrayList<>();
        proof.path("hashes").forEach(h -> out.add(b64(h.asText())));
        return out;
    }

    private static byte[] b64(String text) {
        return Base64.getDecoder().decode(text);
    }

    /** {pauses, their total ms} in the server's -Xlog:gc log so far. */
    private static double[] pauses(Path gcLog) throws java.io.IOException {
        double count = 0;
        double millis = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    count++;
                    millis += Double.parseDouble(m.group(1));
                }
            }
        }
        return new double[] {count, millis};
    }
}
