package io.hazardledger.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server process ({@link LedgerApplication} in a JVM of its own, on this test's class path), for tests that
 * kill it or run several: its output goes to {@code <name>.log} in the working directory, and a start waits for
 * Spring's "Started" line.
 */
final class ServerProcess implements AutoCloseable {

    /**
     * The JIT's first tier only: a test's server lives seconds, and on two cores the optimising compiler's work during
     * its start (half of the CPU it takes to start, measured) would be paid by every test that starts one. The JIT
     * changes no behaviour of the server.
     */
    static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    private final Path workDir;
    private final String name;
    private final List<String> args;
    private Process process;
    private ProcessOutput output;
    private int port;

    /**
     * A server named {@code name} working in {@code workDir} (its default {@code ./data} is there), with these extra
     * Spring arguments; not started yet.
     */
    ServerProcess(Path workDir, String name, List<String> args) {
        this.workDir = workDir;
        this.name = name;
        this.args = List.copyOf(args);
    }

    /**
     * A server named "server" working in {@code dir}, on the store as shipped (on H2 the {@code ./data/ledger} URL of
     * {@code application.properties}, with its settings, in {@code dir}) or, with {@code -Dledger.test.store=postgres},
     * on a new PostgreSQL database; writes need no signature, and its log lines are ECS JSON (each write's line with its
     * ledger index); {@code more} Spring arguments after these. Not started yet.
     */
    static ServerProcess onTheShippedStore(Path dir, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--ledger.require-signatures=false",
                "--logging.structured.format.console=ecs"));
        args.addAll(List.of(more));
        if (TestStore.postgres()) {
            args.addAll(storeArgs(TestStore.fresh(dir)));
        }
        return new ServerProcess(dir, "server", args);
    }

    /** The Spring arguments that point a server at a store made by {@link TestStore#fresh}. */
    static List<String> storeArgs(String[] store) {
        return List.of("--spring.datasource.url=" + store[0], "--spring.datasource.username=" + store[1],
                "--spring.datasource.password=" + store[2], "--spring.datasource.hikari.maximum-pool-size=6");
    }

    /** Starts the server on a free port (again after a kill: the same arguments, a new port) and waits until it serves. */
    ServerProcess start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", QUICK_START, "-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                "--server.port=" + port));
        command.addAll(args);
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        Process p = process;
        output = ProcessOutput.follow(p, workDir.resolve(name + ".log"), line -> {
            if (line.contains("Started LedgerApplication")) {
                started.countDown();
            }
        }, name + "-output");
        boolean up = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!up && p.isAlive() && System.nanoTime() < deadline) {
            up = started.await(1, TimeUnit.SECONDS);
        }
        assertThat(up).as("%s started; its log:%n%s", name, logTail()).isTrue();
        return this;
    }

    Http http() {
        return new Http(port);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether the process ends within that many seconds (true at once if it has ended). */
    boolean exitsWithin(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /**
     * SIGKILL: no shutdown hook, no flush, no goodbye. Returns once every line it wrote before dying is in its log
     * (fails if that cannot be shown).
     */
    void kill() throws InterruptedException {
        ProcessOutput.kill(process);
        output.awaitEnd();
    }

    /**
     * SIGTERM, as an orchestrator or {@code systemctl stop} sends it: Spring closes the server gracefully. Returns the
     * exit code once the process has ended (at most a minute) and every line it wrote is in its log.
     */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended within a minute of SIGTERM; its log:%n%s", name,
                logTail()).isTrue();
        output.awaitEnd();
        return process.exitValue();
    }

    /** Every line the server wrote so far (to its standard output and error), across restarts. */
    List<String> log() throws IOException {
        return Files.readAllLines(workDir.resolve(name + ".log"), StandardCharsets.UTF_8);
    }

    /**
     * Waits (at most 30 s) until the server has written a line containing {@code text} not followed by a digit (so that
     * "index 12" is not found in "index 123"): a line written after the work a test saw done (an after-commit log
     * line) reaches the log through a pipe and a copying thread.
     */
    void awaitLog(String text) throws IOException {
        java.util.regex.Pattern wanted =
                java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(text) + "(?![0-9])");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (log().stream().noneMatch(line -> wanted.matcher(line).find())) {
            assertThat(System.nanoTime()).as(() -> String.format("%s wrote \"%s\" within 30 s; its log:%n%s", name,
                    text, logTail())).isLessThan(until);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));   // polling the log
        }
    }

    /** The last lines the server wrote, for failure messages. */
    String logTail() {
        try {
            List<String> lines = log();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Kills the process and waits until it is gone, so that it holds no file or connection the next test needs. Best
     * effort, never throws: a test that closes several servers in turn must reach every one (a test that relies on
     * the log calls {@link #kill}, which fails when the log is short).
     */
    @Override
    public void close() {
        if (process != null) {
            process.toHandle().destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
                output.awaitEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (AssertionError e) {
                System.err.println(name + ": " + e.getMessage());
            }
        }
    }
}
