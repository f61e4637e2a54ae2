package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.Set;

import static io.hazardledger.app.Run.cli;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The server as a user runs it: restarts, the verify command on the same store, and the demo park. */
@ExtendWith(OutputCaptureExtension.class)
class RestartCliAndDemoTest {

    @TempDir
    Path dir;

    private String[] store;

    /** The test's store as command-line options (the same store for every start and command of one test). */
    private String[] storeOptions() {
        if (store == null) {
            store = TestStore.fresh(dir);
        }
        return new String[] {"--spring.datasource.url=" + store[0], "--spring.datasource.username=" + store[1],
                "--spring.datasource.password=" + store[2]};
    }

    private String[] verifyArgs() {
        String[] options = storeOptions();
        String[] args = new String[options.length + 1];
        args[0] = "verify";
        System.arraycopy(options, 0, args, 1, options.length);
        return args;
    }

    private ConfigurableApplicationContext start(String... extra) {
        boolean demo = java.util.Arrays.asList(extra).contains("--demo");
        String[] options = storeOptions();
        String[] args = new String[extra.length + 2 + options.length];
        args[0] = "--server.port=0";
        args[1] = "--ledger.require-signatures=" + demo;
        System.arraycopy(options, 0, args, 2, options.length);
        System.arraycopy(extra, 0, args, 2 + options.length, extra.length);
        return SpringApplication.run(LedgerApplication.class, LedgerApplication.withDemoSigning(args));
    }

    private static Http http(ConfigurableApplicationContext ctx) {
        return new Http(((WebServerApplicationContext) ctx).getWebServer().getPort());
    }


    @Test
    void hazard_survivesARestart_andTheChainContinues() {
        long indexBefore;
        try (ConfigurableApplicationContext ctx = start()) {
            Http http = http(ctx);
            Park.setUp(http, "rs");
            indexBefore = ok(http.post("/api/v1/hazards", Park.reportBody("hz-rs", "rs"))).json().get("index").asLong();
        }
        try (ConfigurableApplicationContext ctx = start()) {
            Http http = http(ctx);
            JsonNode hazard = ok(http.get("/api/v1/hazards/hz-rs")).json();
            assertThat(hazard.get("status").asText()).isEqualTo("REPORTED");
            long next = ok(http.post("/api/v1/hazards", Park.reportBody("hz-rs-2", "rs"))).json().get("index").asLong();
            assertThat(next).isEqualTo(indexBefore + 1);
            assertThat(ok(http.get("/api/v1/ledger/verification")).json().get("size").asLong()).isEqualTo(next + 1);
        }
    }

    /**
     * The replay command says what it did to each projection, and when a compared projection held rows the entries do
     * not make (here a register row changed behind the ledger's back), how many it corrected; the server's replay
     * answers the same.
     */
    @Test
    void replayCommand_reportsEachProjection_andTheRowsItCorrected() throws Exception {
        try (ConfigurableApplicationContext ctx = start()) {
            Http http = http(ctx);
            Park.setUp(http, "rp");
            ok(http.post("/api/v1/hazards", Park.reportBody("hz-rp", "rp")));
        }
        String[] replayArgs = verifyArgs();
        replayArgs[0] = "replay";
        Run intact = cli(replayArgs);
        assertThat(intact.code()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("OK: projections rebuilt from 5 entries",
                "  register: compared, as the entries make it", "  weekly-facts: compared, as the entries make it",
                "  recorded-times: compared, as the entries make it", "  directory: compared, as the entries make it")
                .doesNotContain("NOTE", "rewritten");

        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2]);
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE hazard_view SET status = 'CLOSED' WHERE hazard_id = ?")) {
            ps.setString(1, "hz-rp");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            // a person's name changed by hand: the directory is written again whole, and compared with what it held
            assertThat(c.createStatement().executeUpdate("UPDATE person_view SET name = 'Mallory' WHERE person_id = "
                    + "(SELECT MIN(person_id) FROM person_view)")).isEqualTo(1);
        }
        // a dry run says what differs, exits 1, and writes nothing: a second says the same
        String[] dryRunArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("replay", "--dry-run"),
                java.util.Arrays.stream(replayArgs).skip(1)).toArray(String[]::new);
        for (int run = 0; run < 2; run++) {
            Run dry = cli(dryRunArgs);
            assertThat(dry.code()).as(dry.err()).isOne();
            assertThat(dry.out()).contains("the projections compared with 5 entries; nothing written",
                    "  directory: compared, 1 row differs from what the entries make",
                    "  register: compared, 1 row differs from what the entries make",
                    "  weekly-facts: compared, as the entries make it").doesNotContain("OK", "NOTE");
            assertThat(dry.err()).contains("FAILED: directory and register hold rows that the entries do not make "
                    + "(changed outside the ledger, or a write lost from them); a replay corrects them");
        }
        Run repaired = cli(replayArgs);
        assertThat(repaired.code()).as(repaired.err()).isZero();
        assertThat(repaired.out()).contains("OK: projections rebuilt from 5 entries",
                "  directory: compared, 1 row corrected to what the entries make",
                "  register: compared, 1 row corrected to what the entries make",
                "  weekly-facts: compared, as the entries make it",
                "NOTE: directory and register held rows that the entries do not make (changed outside the ledger, or "
                        + "a write lost from them); corrected");

        try (ConfigurableApplicationContext ctx = start()) {
            Http http = http(ctx);
            assertThat(ok(http.get("/api/v1/hazards/hz-rp")).json().get("status").asText()).isEqualTo("REPORTED");
            JsonNode replay = ok(http.post("/api/v1/ledger/replay", "")).json();
            assertThat(replay.get("replayed").asLong()).isEqualTo(5);
            assertThat(replay.get("corrected").asBoolean()).isFalse();
            assertThat(replay.get("signaturesVerifiedEarlier").asLong()).isZero();   // no entry here is signed
            assertThat(replay.get("projections")).hasSize(9);
            JsonNode register = replay.get("projections").get(1);
            assertThat(register.get("name").asText()).isEqualTo("register");
            assertThat(register.get("rewritten").asBoolean()).isFalse();
            assertThat(register.get("rowsChanged").asLong()).isZero();
            JsonNode directory = replay.get("projections").get(0);
            assertThat(directory.get("name").asText()).isEqualTo("directory");
            assertThat(directory.get("rewritten").asBoolean()).isFalse();
            assertThat(directory.get("rowsChanged").asLong()).isZero();
            assertThat(ok(http.get("/api/v1/people")).raw()).doesNotContain("Mallory");
            JsonNode dry = ok(http.post("/api/v1/ledger/replay?dryRun=true", "")).json();
            assertThat(dry.get("dryRun").asBoolean()).isTrue();
            assertThat(dry.get("corrected").asBoolean()).isFalse();
            assertThat(dry.get("projections").get(0).get("rowsChanged").asLong()).isZero();
            assertThat(replay.get("dryRun").asBoolean()).isFalse();
        }
        Run dryAfter = cli(dryRunArgs);
        assertThat(dryAfter.code()).as(dryAfter.err()).isZero();
        assertThat(dryAfter.out()).contains("  directory: compared, as the entries make it",
                "OK: every projection holds what the entries make");
        try (ConfigurableApplicationContext ctx = start()) {
            Http.Response bad = http(ctx).post("/api/v1/ledger/replay?dryRun=maybe", "");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
        }
    }

    /**
     * A due date's deadline is a row of the scheduler's table, not an entry: deleted by hand, the hazard would never go
     * overdue. {@code deadlines --dry-run} says so and exits 1, writing nothing; {@code deadlines} sets it again; the
     * server answers the same.
     */
    @Test
    void deadlinesCommand_findsAndSetsAgainADeadlineDeletedOutsideTheLedger() throws Exception {
        try (ConfigurableApplicationContext ctx = start()) {
            Http http = http(ctx);
            parkWithAHazardDueInHalfAYear(http, "dl");
        }
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
            assertThat(count(c, DEADLINE_ROWS)).isOne();
            c.createStatement().executeUpdate("DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline'");
        }
        String[] args = verifyArgs();
        args[0] = "deadlines";
        String[] dryRunArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("deadlines", "--dry-run"),
                java.util.Arrays.stream(args).skip(1)).toArray(String[]::new);
        for (int run = 0; run < 2; run++) {
            Run dry = cli(dryRunArgs);
            assertThat(dry.code()).as(dry.err()).isOne();
            assertThat(dry.out()).contains("1 hazard waits for a deadline; 0 rows of the scheduler read",
                    "  hz-dl: the end of its due date " + DUE + " (cycle 0), at " + DUE_END + ": no row serves it")
                    .doesNotContain("OK", "NOTE");
            assertThat(dry.err()).contains("FAILED: 1 pending deadline has no row in the scheduler (deleted or moved "
                    + "later outside the ledger, or unreadable); `deadlines` without --dry-run sets them again");
        }
        Run restored = cli(args);
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("  hz-dl: the end of its due date " + DUE + " (cycle 0), at "
                + DUE_END + ": no row served it; set again", "NOTE: 1 pending deadline had no row in the "
                + "scheduler (deleted or moved later outside the ledger, or unreadable); set again");
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
            assertThat(count(c, DEADLINE_ROWS)).isOne();
        }
        Run after = cli(dryRunArgs);
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out()).contains("1 hazard waits for a deadline; 1 row of the scheduler read",
                "OK: every pending deadline has a row that serves it").doesNotContain("failed");
        // a row that failed when it fired is there, and named: the escalation does not go on meanwhile
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
            assertThat(c.createStatement().executeUpdate("UPDATE scheduled_tasks SET consecutive_failures = 2, "
                    + "last_failure = TIMESTAMP WITH TIME ZONE '2026-06-01 10:00:00+00' "
                    + "WHERE task_name = 'AxonDeadline'")).isOne();
        }
        Run failing = cli(dryRunArgs);
        assertThat(failing.code()).as(failing.err()).isZero();
        assertThat(failing.out()).contains("  hz-dl: the end of its due date " + DUE + " (cycle 0), at "
                + DUE_END + ": its row failed 2 times when it fired, last at 2026-06-01T10:00:00Z",
                "NOTE: 1 deadline failed when fired; the scheduler tries again in a few minutes, and the server's log "
                        + "says why", "OK: every pending deadline has a row that serves it");

        try (ConfigurableApplicationContext ctx = start()) {
            Http http = http(ctx);
            JsonNode intact = ok(http.post("/api/v1/ledger/deadlines?dryRun=true", "")).json();
            assertThat(intact.get("holds").asBoolean()).isTrue();
            assertThat(intact.get("hazardsWaiting").asInt()).isOne();
            assertThat(intact.get("setAgain").asBoolean()).isFalse();
            try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
                c.createStatement().executeUpdate("DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline'");
            }
            JsonNode set = ok(http.post("/api/v1/ledger/deadlines", "")).json();
            assertThat(set.get("holds").asBoolean()).isFalse();
            assertThat(set.get("setAgain").asBoolean()).isTrue();
            JsonNode unserved = set.get("unserved").get(0);
            assertThat(unserved.get("hazardId").asText()).isEqualTo("hz-dl");
            assertThat(unserved.get("deadline").asText()).isEqualTo("rectification-due");
            assertThat(unserved.get("dueDate").asText()).isEqualTo(DUE.toString());
            assertThat(unserved.get("moment").asText()).isEqualTo(DUE_END);
            assertThat(ok(http.post("/api/v1/ledger/deadlines?dryRun=true", "")).json().get("holds").asBoolean())
                    .isTrue();
        }
    }

    /** A due date half a year ahead (within the one-year horizon), and its end: the next midnight in Shanghai. */
    private static final java.time.LocalDate DUE = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
            .plusMonths(6);
    private static final String DUE_END = DUE.plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai"))
            .toInstant().toString();

    private static final String DEADLINE_ROWS =
            "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'";

    /** What the server's comparison of its deadlines at start found (a minute at most). */
    private static io.hazardledger.hazard.DeadlineCheck checkAtStart(ConfigurableApplicationContext ctx)
            throws Exception {
        return ctx.getBean(io.hazardledger.api.operations.DeadlinesAtStart.class).result()
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The enterprise {@code e}'s park, and its hazard {@code hz-e} planned, due on {@link #DUE} (a deadline row). */
    private static void parkWithAHazardDueInHalfAYear(Http http, String e) {
        Park.setUp(http, e);
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-" + e, e)));
        ok(http.post("/api/v1/hazards/hz-" + e + "/plan", Http.j("{'measures':'m','ownerId':'" + e + "-own',"
                + "'dueDate':'" + DUE + "','plannedBy':'" + e + "-own'}")));
    }

    /** The tests' servers leave the deadlines to the tests of deadlines (config/application.properties). */
    private static final String RUN_DEADLINES = "--ledger.deadlines.polling=5s";

    /**
     * A server that starts on a store whose deadline row was deleted while it was down sets the deadline again by
     * itself once it is ready, and says so in its log; a start with every deadline served changes nothing.
     */
    @Test
    void aServerStarting_setsAgainADeadlineDeletedWhileItWasDown(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext ctx = start(RUN_DEADLINES)) {
            var first = checkAtStart(ctx);
            assertThat(first.hazardsWaiting()).as("an empty ledger").isZero();
            Http http = http(ctx);
            parkWithAHazardDueInHalfAYear(http, "ds");
        }
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
            assertThat(c.createStatement().executeUpdate("DELETE FROM scheduled_tasks WHERE task_name = "
                    + "'AxonDeadline'")).isOne();
        }
        try (ConfigurableApplicationContext ctx = start(RUN_DEADLINES)) {
            var check = checkAtStart(ctx);
            assertThat(check.unserved()).extracting(io.hazardledger.hazard.PendingDeadline::hazardId)
                    .containsExactly("hz-ds");
            try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
                assertThat(count(c, DEADLINE_ROWS)).isOne();
            }
        }
        assertThat(output.getAll()).contains("deadlines at start: hz-ds: the end of its due date " + DUE
                + " (cycle 0), at " + DUE_END + ": no row of the scheduler served it (deleted or moved later outside "
                + "the ledger, or unreadable); set again");
        try (ConfigurableApplicationContext ctx = start(RUN_DEADLINES)) {
            var again = checkAtStart(ctx);
            assertThat(again.holds()).isTrue();
            assertThat(again.hazardsWaiting()).isOne();
        }
        assertThat(output.getAll()).contains("deadlines at start: 1 hazard waits for a deadline, each served by a row "
                + "(1 row of the scheduler read)");
    }

    /**
     * A command opens the store without migrating it: a store an older version wrote (here: schema version 20) is
     * refused with what to do, exit 2, and left at its version; once a server of this version has migrated it, the
     * command runs.
     */
    @Test
    void aCommand_refusesAStoreAnOlderVersionWrote_andMigratesNothing() throws Exception {
        storeOptions();
        io.hazardledger.Ledger.schemaMigrations(null).dataSource(store[0], store[1], store[2]).target("20").load()
                .migrate();
        for (String command : new String[] {"verify", "deadlines"}) {
            String[] args = verifyArgs();
            args[0] = command;
            Run refused = cli(args);
            assertThat(refused.code()).as(refused.out()).isEqualTo(2);
            assertThat(refused.err()).contains("the store's schema is at version 20 and this version of the ledger "
                    + "needs 2", ": a command does not migrate a store; start this version's server on it once (it "
                    + "migrates the store), then run the command again");
        }
        // a command's log goes to standard error: standard output holds its answer only (in a JVM of its own, as a
        // command runs: in this one, the logging that another test's server set up may still stand)
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LedgerApplication.class.getName()));
        command.addAll(java.util.Arrays.asList(verifyArgs()));
        Path stdout = dir.resolve("verify.out");
        Path stderr = dir.resolve("verify.err");
        Process child = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the command ended").isTrue();
        assertThat(child.exitValue()).isEqualTo(2);
        assertThat(java.nio.file.Files.readString(stdout)).as("standard output").isEmpty();
        assertThat(java.nio.file.Files.readString(stderr)).contains("error: could not read the ledger",
                "the store's schema is at version 20").doesNotContain("APPLICATION FAILED TO START",
                "UnsatisfiedDependencyException");
        String current = io.hazardledger.Ledger.schemaMigrations(null).dataSource(store[0], store[1], store[2])
                .load().info().current().getVersion().getVersion();
        assertThat(current).as("nothing migrated").isEqualTo("20");
        start().close();
        Run verified = cli(verifyArgs());
        assertThat(verified.code()).as(verified.err()).isZero();
    }

    /**
     * A store that a newer version of the ledger wrote (its schema history names a version this one lacks) is refused
     * by the server, with Spring Boot's failure report naming both versions and what to do, and by a command (exit 2);
     * neither migrates or writes anything, and the newer version's rows stay as they were.
     */
    /** A ledger setting the server cannot take stops it with Spring Boot's analysis: the setting, why, what to do. */
    @Test
    void aLedgerSettingRefused_isSaidAsTheStartsFailure(CapturedOutput output) {
        String refusal = "ledger.escalation.steps: the plan's steps rise in the order NOTICE_LETTER, CIRCULAR, "
                + "SUMMONS, PUBLIC_EXPOSURE: NOTICE_LETTER comes after PUBLIC_EXPOSURE";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(
                        "--ledger.escalation.steps=PUBLIC_EXPOSURE:P0D,NOTICE_LETTER:P7D"))
                .hasRootCauseInstanceOf(io.hazardledger.InvalidInputException.class)
                .rootCause().hasMessage(refusal);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "Description:", "The setting " + refusal,
                "Action:", "Correct ledger.escalation.steps");
        // a time zone that is none, named as the setting; a value not of its setting's form, said with the form
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--ledger.zone=Mars/Base"))
                .hasRootCauseInstanceOf(io.hazardledger.InvalidInputException.class);
        assertThat(output.getAll()).contains("The setting ledger.zone: 'Mars/Base' is not a time zone: give a region "
                + "such as Asia/Shanghai", "Correct ledger.zone");
        // an earlier sealing key is kept, never generated: a file that is not there is named
        Path missing = dir.resolve("no-such-sealing-key.pem");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(
                        "--ledger.office.earlier-sealing-key-files=" + missing))
                .hasRootCauseInstanceOf(io.hazardledger.InvalidInputException.class);
        assertThat(output.getAll()).contains("The setting ledger.office.earlier-sealing-key-files: " + missing
                + " is not a file (an earlier sealing key is kept, never generated)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start("--ledger.deadlines.polling=fast"));
        assertThat(output.getAll()).contains("A setting has the value 'fast', which is not a duration, such as 5s",
                "Correct the setting that has it");
    }

    @Test
    void aStoreANewerVersionWrote_isRefusedByTheServerAndByACommand_andNothingIsWritten(CapturedOutput output)
            throws Exception {
        start().close();
        int newer = io.hazardledger.store.internal.SchemaVersions.CURRENT + 1;
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
            c.createStatement().executeUpdate("INSERT INTO \"ledger_schema_history\" (\"installed_rank\", \"version\", "
                    + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", "
                    + "\"success\") VALUES (1000, '" + newer + "', 'newer', 'SQL', 'V" + newer + "__newer.sql', 1, "
                    + "'test', 1, TRUE)");
        }
        long entries;
        long history;
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
            entries = count(c, "SELECT COUNT(*) FROM ledger_entry");
            history = count(c, "SELECT COUNT(*) FROM \"ledger_schema_history\"");
        }
        String refusal = "the store's schema is at version " + newer + ", which a newer version of the ledger wrote; "
                + "this version reads version " + (newer - 1) + " and would misread it: open it with that newer "
                + "version (the ledger never moves a schema back)";

        org.assertj.core.api.Assertions.assertThatThrownBy(this::start)
                .hasRootCauseInstanceOf(io.hazardledger.StoreSchemaException.class)
                .rootCause().hasMessage(refusal);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "Description:", refusal, "Action:",
                "Start the version of the ledger that wrote this store");

        Run refused = cli(verifyArgs());
        assertThat(refused.code()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains(refusal);
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2])) {
            assertThat(count(c, "SELECT COUNT(*) FROM ledger_entry")).isEqualTo(entries);
            assertThat(count(c, "SELECT COUNT(*) FROM \"ledger_schema_history\"")).isEqualTo(history);
        }
    }

    private static long count(Connection c, String sql) throws java.sql.SQLException {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * An auditor verifies a copy of an embedded store whose hash they noted: {@code verify} changes no byte of it (H2
     * opened for writing compacts its file as it closes). Beside a server that holds the store it reads through it.
     */
    @Test
    void verifyCommand_changesNoByteOfAnEmbeddedStore_andStillRunsBesideItsServer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestStore.postgres(), "an H2 file store");
        try (ConfigurableApplicationContext ctx = start()) {
            Park.setUp(http(ctx), "ro");
            Run beside = cli(verifyArgs());
            assertThat(beside.code()).as(beside.err()).isZero();
            assertThat(beside.out()).contains("OK: 4 entries verified");
            // and the server goes on writing after it
            ok(http(ctx).post("/api/v1/hazards", Park.reportBody("hz-ro", "ro")));
        }
        Path file = Path.of(store[0].substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db");
        byte[] before = java.nio.file.Files.readAllBytes(file);
        Run alone = cli(verifyArgs());
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.out()).contains("OK: 5 entries verified");
        assertThat(java.nio.file.Files.readAllBytes(file)).as("the store's file after verify").isEqualTo(before);

        // a server in a process of its own holds its file, as shipped (AUTO_SERVER): verify reads through it
        Path shipped = java.nio.file.Files.createDirectories(dir.resolve("shipped"));
        try (ServerProcess server = ServerProcess.onTheShippedStore(shipped).start()) {
            Park.setUp(server.http(), "rs2");
            Run throughIt = cli("verify", "--spring.datasource.url=jdbc:h2:file:" + shipped.resolve("data/ledger")
                    + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE=64");
            assertThat(throughIt.code()).as(throughIt.err()).isZero();
            assertThat(throughIt.out()).contains("OK: 4 entries verified");
            ok(server.http().post("/api/v1/hazards", Park.reportBody("hz-rs2", "rs2")));
        }
    }

    /** How verify opens an H2 file store read-only: AUTO_SERVER (which H2 refuses with it) left out, the rest kept. */
    @Test
    void theReadOnlyFormOfAStoresUrl() {
        assertThat(ReadOnlyStore.readOnly(
                        "jdbc:h2:file:./data/ledger;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/ledger;LOCK_TIMEOUT=10000;WRITE_DELAY=0;ACCESS_MODE_DATA=r");
        assertThat(ReadOnlyStore.readOnly("jdbc:h2:/srv/l;auto_server=false;;CIPHER=AES;access_mode_data=rw"))
                .isEqualTo("jdbc:h2:/srv/l;CIPHER=AES;ACCESS_MODE_DATA=r");
        assertThat(ReadOnlyStore.readOnly("jdbc:h2:tcp://localhost/~/ledger")).isNull();
        assertThat(ReadOnlyStore.readOnly("jdbc:h2:mem:x")).isNull();
        assertThat(ReadOnlyStore.readOnly("jdbc:postgresql://localhost/ledger")).isNull();
    }

    @Test
    void verifyCommand_passesOnAGoodStore_andNamesTheIndexOfATamperedEvent() throws Exception {
        try (ConfigurableApplicationContext ctx = start()) {
            Park.setUp(http(ctx), "cli");
        }
        Run good = cli(verifyArgs());
        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out()).contains("OK: 4 entries verified");
        // no command seals or reveals a whistleblower's identity, nor signs as the office: an auditor verifies without
        // reading the office's sealing keys or its signing key (here files that hold no key, as one the auditor may
        // not read)
        Path notAKey = java.nio.file.Files.writeString(dir.resolve("sealing.pem"), "not a key");
        String[] withKeys = java.util.stream.Stream.concat(java.util.Arrays.stream(verifyArgs()),
                java.util.stream.Stream.of("--ledger.office.sealing-key-file=" + notAKey,
                        "--ledger.office.earlier-sealing-key-files=" + notAKey, "--ledger.office.person=office",
                        "--ledger.office.key-file=" + notAKey)).toArray(String[]::new);
        Run withoutTheOfficesKeys = cli(withKeys);
        assertThat(withoutTheOfficesKeys.code()).as(withoutTheOfficesKeys.err()).isZero();
        assertThat(withoutTheOfficesKeys.out()).contains("OK: 4 entries verified");
        // person add does read it: registering the office's account lists its key under it at once
        Path officeKey = java.nio.file.Files.writeString(dir.resolve("office-key.pem"), io.hazardledger.integrity.sig
                .KeyPairs.generate(io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).privateKeyPem());
        String[] options = storeOptions();
        Run office = cli("person", "add", "--id", "office", "--name", "Park Office", "--roles", "PARK_OFFICE",
                options[0], options[1], options[2], "--ledger.office.person=office",
                "--ledger.office.key-file=" + officeKey);
        assertThat(office.code()).as(office.err()).isZero();
        assertThat(office.out()).isEqualTo("registered office at index 4\n");
        Run listed = cli(withKeys);
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).as("the account and its key").contains("OK: 6 entries verified");
        Run notRead = cli("person", "add", "--id", "clerk", "--name", "Clerk", "--roles", "AUDITOR",
                options[0], options[1], options[2], "--ledger.office.person=office",
                "--ledger.office.key-file=" + notAKey);
        assertThat(notRead.code()).as("person add reads the office's key").isEqualTo(2);

        String replace = TestStore.postgres()
                ? "convert_to(replace(convert_from(payload, 'UTF8'), 'Wang Fang', 'Wang Fanf'), 'UTF8')"
                : "REPLACE(payload, CAST('Wang Fang' AS VARBINARY), CAST('Wang Fanf' AS VARBINARY))";
        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2]);
             PreparedStatement ps = c.prepareStatement("UPDATE ledger_domain_event SET payload = " + replace
                     + " WHERE event_identifier = (SELECT event_id FROM ledger_entry WHERE ledger_index = 2)")) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Run bad = cli(verifyArgs());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("FAILED at index 2").contains("entry-mismatch");
    }

    /**
     * {@code verify} compares the entries with the checkpoints the log stored and says so; a ledger cut short below a
     * stored checkpoint, its links, nodes and head made to fit, fails where the cut is (without the checkpoint, nothing
     * would show it).
     */
    @Test
    void verifyCommand_comparesTheStoredCheckpoints_andFailsOnALedgerCutShortBelowOne() throws Exception {
        String key = "--ledger.log.key-file=" + dir.resolve("log-key.pem");
        String verifierKey;
        try (ConfigurableApplicationContext ctx = start(key)) {
            Http http = http(ctx);
            Park.setUp(http, "ck");
            ok(http.post("/api/v1/ledger/checkpoints", ""));
            verifierKey = ok(http.get("/api/v1/ledger/key")).raw().strip();
            JsonNode verification = ok(http.get("/api/v1/ledger/verification")).json();
            assertThat(verification.get("checkpoints").toString())
                    .isEqualTo("{\"agreeing\":1,\"latest\":4,\"ignored\":0}");
        }
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(verifyArgs()),
                java.util.stream.Stream.of(key)).toArray(String[]::new);
        Run good = cli(args);
        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out()).contains("OK: 4 entries verified",
                "  checkpoints: the one stored states the Merkle root that the entries make; the latest this log "
                        + "signed is of 4 entries");
        String absent = "--ledger.log.key-file=" + dir.resolve("absent.pem");
        // --log-key takes the key or a file of keys; given, a stored checkpoint must be signed by it
        Path keyFile = java.nio.file.Files.writeString(dir.resolve("ledger.vkey"), verifierKey + "\n");
        Run fromFile = cli(java.util.stream.Stream.concat(java.util.Arrays.stream(verifyArgs()),
                java.util.stream.Stream.of(absent, "--log-key", keyFile.toString())).toArray(String[]::new));
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("OK: 4 entries verified", "the latest this log signed is of 4 entries");
        String stranger = new io.hazardledger.integrity.note.NoteSigner("hazard-ledger.local/ledger",
                io.hazardledger.integrity.sig.KeyPairs.generate(
                        io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).signer()).verifierKey();
        Run strangers = cli(java.util.stream.Stream.concat(java.util.Arrays.stream(verifyArgs()),
                java.util.stream.Stream.of(absent, "--log-key", stranger)).toArray(String[]::new));
        assertThat(strangers.code()).as(strangers.toString()).isEqualTo(1);
        assertThat(strangers.out()).startsWith("chain OK: 4 entries").doesNotContain("OK: 4 entries verified")
                .contains("checkpoints: none of the 1 stored is signed by this log's keys");
        assertThat(strangers.err()).contains("FAILED [checkpoints-key]: none of the 1 stored checkpoints is signed by "
                + "the --log-key given");
        // a checkpoint the ledger does not hold: standard output does not say OK; one that is not UTF-8 is said
        // before the ledger is read
        Path later = java.nio.file.Files.writeString(dir.resolve("later.txt"), "x");
        Run notText = cli(java.util.stream.Stream.concat(java.util.Arrays.stream(verifyArgs()),
                java.util.stream.Stream.of(key, "--checkpoint", java.nio.file.Files.write(later,
                        new byte[] {'a', (byte) 0xff}).toString())).toArray(String[]::new));
        assertThat(notText.code()).isEqualTo(2);
        assertThat(notText.out()).isEmpty();
        assertThat(notText.err()).isEqualTo("error: --checkpoint " + later + " is not UTF-8 text\n");
        // a command may not make a key: without the file there is none
        Run withoutKey = cli(java.util.stream.Stream.concat(java.util.Arrays.stream(verifyArgs()),
                java.util.stream.Stream.of(absent)).toArray(String[]::new));
        assertThat(withoutKey.out()).contains("OK: 4 entries verified",
                "  checkpoints: not compared: no log key (ledger.log.key-file, or --log-key) to tell the log's own");

        try (Connection c = DriverManager.getConnection(store[0], store[1], store[2]);
             java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM ledger_domain_event WHERE event_identifier IN "
                    + "(SELECT event_id FROM ledger_entry WHERE ledger_index >= 2)");
            s.executeUpdate("DELETE FROM ledger_entry WHERE ledger_index >= 2");
            s.executeUpdate("DELETE FROM merkle_node WHERE leaf_index >= 2");
            s.executeUpdate("UPDATE ledger_head SET size = 2, "
                    + "head_hash = (SELECT entry_hash FROM ledger_entry WHERE ledger_index = 1)");
        }
        Run cut = cli(args);
        assertThat(cut.code()).as(cut.err()).isEqualTo(1);
        assertThat(cut.out()).doesNotContain("OK:");
        assertThat(cut.err()).contains("FAILED at index 2 [missing-entry]", "the log signed a checkpoint of 4 entries, "
                + "but the ledger holds 2: entries 2 to 3 are missing");
        // an auditor with a copy of the database and the log's public key alone sees the same
        Run audited = cli(java.util.stream.Stream.concat(java.util.Arrays.stream(verifyArgs()),
                java.util.stream.Stream.of(absent, "--log-key", verifierKey)).toArray(String[]::new));
        assertThat(audited.code()).as(audited.err()).isEqualTo(1);
        assertThat(audited.err()).contains("FAILED at index 2 [missing-entry]");
    }

    @Test
    void verifyCommand_onAStoreWithoutLedger_failsWithExit2() throws Exception {
        Run r = cli("verify", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("empty").toAbsolutePath());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error:").doesNotContain("IFEXISTS").contains("there is no ledger store at "
                + dir.resolve("empty").toAbsolutePath() + " (a command opens the store a server made");
        assertThat(dir.resolve("empty.mv.db")).as("no empty store is created").doesNotExist();
        // as a command runs, in a JVM of its own: one line on standard error, not Spring's stack trace before it
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LedgerApplication.class.getName(), "verify",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("empty").toAbsolutePath()));
        Path stderr = dir.resolve("no-store.err");
        Process child = new ProcessBuilder(command).redirectOutput(dir.resolve("no-store.out").toFile())
                .redirectError(stderr.toFile()).start();
        assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the command ended").isTrue();
        assertThat(child.exitValue()).isEqualTo(2);
        String err = java.nio.file.Files.readString(stderr);
        assertThat(err.lines()).as(err).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: could not read the ledger from the configured store:")
                .contains("no ledger store at"));
    }

    /**
     * A store that cannot be reached is named in the database's own words, with its host and port (the driver's cause
     * says only "Connection refused"): by a command in its one error line, exit 2, and by a server as Spring Boot's
     * failure analysis with what to check; an H2 file another process holds is said with how to share it.
     */
    @Test
    void aStoreThatCannotBeReached_isNamed_byACommandAndByAServer(CapturedOutput output) throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "--spring.datasource.url=jdbc:postgresql://localhost:" + closed + "/ledger";
        Run r = cli("verify", url, "--spring.datasource.username=ledger");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: could not read the ledger from the configured store: Connection to "
                + "localhost:" + closed + " refused");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class,
                        "--server.port=0", url, "--spring.datasource.username=ledger"))
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "The ledger's store could not be read: "
                + "Connection to localhost:" + closed + " refused", "pg_isready -h HOST -p PORT");

        Path file = dir.resolve("held");
        // held by this JVM, read by a command in a JVM of its own (in one JVM, H2 shares the open file)
        try (java.sql.Connection holder = java.sql.DriverManager.getConnection("jdbc:h2:file:" + file, "sa", "")) {
            Path stderr = dir.resolve("held.err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    ServerProcess.QUICK_START, "-cp", System.getProperty("java.class.path"),
                    LedgerApplication.class.getName(), "verify", "--spring.datasource.url=jdbc:h2:file:" + file)
                    .redirectOutput(dir.resolve("held.out").toFile()).redirectError(stderr.toFile()).start();
            assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the command ended").isTrue();
            assertThat(child.exitValue()).isEqualTo(2);
            assertThat(java.nio.file.Files.readString(stderr)).contains("Database may be already in use: \"" + file
                    + ".mv.db\" (another process holds the store's file", "AUTO_SERVER=TRUE")
                    .doesNotContain("Possible solutions");
        }
    }

    /**
     * An embedded store with a user and password of its own is backed up and read back with them (it was read back
     * as sa, and the command said it failed); a path the read-back URL cannot hold is refused before anything is
     * written.
     */
    @Test
    void backup_ofAStoreWithItsOwnPassword_verifies_andAPathWithASemicolonIsRefusedFirst() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestStore.postgres(), "the embedded store's backup");
        store = new String[] {"jdbc:h2:file:" + dir.resolve("pw-ledger").toAbsolutePath() + ";LOCK_TIMEOUT=10000",
                "ledger", "s3cret"};
        start().close();   // the server makes the store, with that user and password
        String[] options = storeOptions();
        Run backup = cli("backup", dir.resolve("pw.zip").toString(), options[0], options[1], options[2]);
        assertThat(backup.code()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("and verifies");
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("pw.zip")))
                .as("the whole ledger, its owner's to read").containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Path odd = dir.resolve("a;b.zip");
        Run refused = cli("backup", odd.toString(), options[0], options[1], options[2]);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("a backup's path may not hold ';' or '!'");
        assertThat(odd).doesNotExist();
    }

    /**
     * A backup of a store whose entry was changed behind the ledger's back fails its check naming the index, and is
     * not left under the name asked for (a rotation or a restore would take it for one that verified): it is kept
     * beside it as {@code NAME.failed}, then {@code NAME.failed-2}.
     */
    @Test
    void backup_thatFailsItsCheck_isSetAsideUnderAnotherName() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestStore.postgres(), "the embedded store's backup");
        try (ConfigurableApplicationContext ctx = start()) {
            Park.setUp(http(ctx), "bf");
        }
        String[] options = storeOptions();
        try (var c = java.sql.DriverManager.getConnection(store[0], store[1], store[2]);
             var s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE ledger_entry SET entry_hash = '" + "0".repeat(64)
                    + "' WHERE ledger_index = 2")).isEqualTo(1);
        }
        Path zip = dir.resolve("nightly.zip");
        Run failed = cli("backup", zip.toString(), options[0], options[1], options[2]);
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).startsWith("FAILED: the backup " + zip + " does not verify at index 2 [")
                .contains("the copy is kept as " + zip + ".failed (not a backup to restore");
        assertThat(zip).doesNotExist();
        assertThat(dir.resolve("nightly.zip.failed")).isRegularFile();
        Run again = cli("backup", zip.toString(), options[0], options[1], options[2]);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("the copy is kept as " + zip + ".failed-2");
        assertThat(zip).doesNotExist();
    }

    /**
     * A log's checkpoints are signed by its key: a server started where that key is not (another folder, a restore
     * without it) refuses to start rather than make a new key and sign the log's next checkpoints as another's, and so
     * does one given another log's key; with an origin of its own it starts, as a new log.
     */
    @Test
    void aServerWithoutTheLogsKey_refusesToStart_andMakesNoKey() throws Exception {
        Path key = dir.resolve("log-key.pem");
        try (ConfigurableApplicationContext ctx = start("--ledger.log.key-file=" + key)) {
            ctx.getBean(io.hazardledger.Ledger.class).checkpoints().orElseThrow().checkpointNow();
        }
        Path elsewhere = dir.resolve("elsewhere/log-key.pem");
        Throwable missing = org.assertj.core.api.Assertions.catchThrowable(() ->
                start("--ledger.log.key-file=" + elsewhere));
        assertThat(rootCause(missing)).isInstanceOf(io.hazardledger.InvalidInputException.class)
                .hasMessageContaining("ledger.log.key-file: " + elsewhere + " does not exist, but the store holds "
                        + "checkpoints of the log hazard-ledger.local/ledger");
        assertThat(elsewhere).as("no key made").doesNotExist();
        assertThat(dir.resolve("elsewhere")).as("nor any other").doesNotExist();

        Path other = dir.resolve("other-key.pem");
        java.nio.file.Files.writeString(other, io.hazardledger.integrity.sig.KeyPairs
                .generate(io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).privateKeyPem());
        Throwable another = org.assertj.core.api.Assertions.catchThrowable(() ->
                start("--ledger.log.key-file=" + other));
        assertThat(rootCause(another)).hasMessageContaining("signed none of the latest 1 checkpoints the store holds "
                + "of the log hazard-ledger.local/ledger: it is another log's key");
        // a command reads with it (verify says the checkpoints are not this log's), but export signs nothing with it
        String[] options = storeOptions();
        Run verified = cli("verify", options[0], options[1], options[2], "--ledger.log.key-file=" + other);
        assertThat(verified.code()).as(verified.err()).isZero();
        assertThat(verified.err()).contains("is not this log's");
        Run exported = cli("export", dir.resolve("exp").toString(), options[0], options[1], options[2],
                "--ledger.log.key-file=" + other);
        assertThat(exported.code()).isEqualTo(2);
        assertThat(exported.err()).startsWith("error: the configured log key (ledger.log.key-file) signed none of the "
                + "1 checkpoints the store holds");

        String[] newLog = {"--ledger.log.key-file=" + other, "--ledger.log.origin=park.example/ledger-2"};
        long size;
        try (ConfigurableApplicationContext ctx = start(newLog)) {
            assertThat(ctx.isRunning()).as("a new log, with an origin of its own").isTrue();
            // the store's one checkpoint is the old log's, of the size the ledger has: the new log's first is the
            // next size, said as such (not as a key that differs), over HTTP too
            io.hazardledger.Ledger ledger = ctx.getBean(io.hazardledger.Ledger.class);
            size = ledger.log().size();
            org.assertj.core.api.Assertions.assertThatThrownBy(ledger.checkpoints().orElseThrow()::checkpointNow)
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class,
                            e -> assertThat(e.code()).isEqualTo("checkpoint-size-of-another-log"))
                    .hasMessage("no checkpoint of park.example/ledger-2 yet: the store's checkpoint of " + size
                            + " entries is the log hazard-ledger.local/ledger's, and a store keeps one checkpoint a "
                            + "size. This log signs its first when the ledger holds more than " + size
                            + " entries (the next write)");
            Http.Response posted = http(ctx).post("/api/v1/ledger/checkpoints", "");
            assertThat(posted.status()).isEqualTo(409);
            assertThat(posted.json().get("code").asText()).isEqualTo("checkpoint-size-of-another-log");
        }
        Run early = cli("export", dir.resolve("exp-2").toString(), options[0], options[1], options[2], newLog[0],
                newLog[1]);
        assertThat(early.code()).as(early.err()).isEqualTo(2);
        assertThat(early.err()).startsWith("error: no checkpoint of park.example/ledger-2 yet: the store's checkpoint"
                + " of " + size + " entries is the log hazard-ledger.local/ledger's").endsWith("; nothing exported\n");
        assertThat(dir.resolve("exp-2")).doesNotExist();
        try (ConfigurableApplicationContext ctx = start(newLog)) {
            io.hazardledger.Ledger ledger = ctx.getBean(io.hazardledger.Ledger.class);
            ledger.execute(new io.hazardledger.directory.RegisterPerson("p-new-log", "New log", null,
                    java.util.Set.of(io.hazardledger.directory.Role.AUDITOR)));
            String note = ledger.checkpoints().orElseThrow().checkpointNow();
            assertThat(note).startsWith("park.example/ledger-2\n" + (size + 1) + "\n");
        }
        Run exportedNew = cli("export", dir.resolve("exp-2").toString(), options[0], options[1], options[2],
                newLog[0], newLog[1]);
        assertThat(exportedNew.code()).as(exportedNew.err()).isZero();
        try (ConfigurableApplicationContext ctx = start("--ledger.log.key-file=" + key)) {
            assertThat(ctx.isRunning()).as("its own key").isTrue();
        }
        // a rotation: a new key file made, the one rotated out kept among the additional keys
        Path rotated = dir.resolve("log-key-2.pem");
        try (ConfigurableApplicationContext ctx = start("--ledger.log.key-file=" + rotated,
                "--ledger.log.additional-key-files=" + key)) {
            assertThat(ctx.getBean(io.hazardledger.Ledger.class).checkpoints().orElseThrow().verifierKeys())
                    .hasSize(2);
        }
        assertThat(rotated).as("the new key, made").exists();
    }

    /** A log key that is no Ed25519 key (an SM2 one) is refused at the start, naming the setting, not a stack trace. */
    @Test
    void anSm2LogKey_isRefusedAtTheStart_namingTheSetting() throws Exception {
        Path sm2 = java.nio.file.Files.writeString(dir.resolve("sm2-log-key.pem"), io.hazardledger.integrity.sig
                .KeyPairs.generate(io.hazardledger.integrity.sig.SignatureAlgorithm.SM2_SM3).privateKeyPem());
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                start("--ledger.log.key-file=" + sm2));
        assertThat(rootCause(refused)).isInstanceOfSatisfying(io.hazardledger.InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("ledger.log.key-file"))
                .hasMessageContaining(sm2 + " holds an SM2_SM3 key, but the log's checkpoints are signed notes (C2SP),"
                        + " signed with Ed25519 keys only");
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void unknownSubcommandOption_isAUsageError() {
        assertThat(Cli.isCommand(new String[]{"verify"})).isTrue();
        assertThat(Cli.isCommand(new String[]{"--server.port=8080"})).isFalse();
        assertThat(Cli.isCommand(new String[]{"--demo"})).isFalse();
        // a misspelled command is a command line's error, not a server to start (and a store to make)
        assertThat(Cli.isCommand(new String[]{"verfy", "--server.port=0"})).isTrue();
        Run misspelled = cli("verfy");
        assertThat(misspelled.code()).isEqualTo(2);
        assertThat(misspelled.err()).contains("verfy", "Did you mean", "verify");
        // a command after the settings is not a server to start either
        assertThat(Cli.misplacedCommand(new String[]{"--spring.profiles.active=postgres", "verify"}))
                .startsWith("error: 'verify' is not an option of the server; a command comes first");
        assertThat(Cli.misplacedCommand(new String[]{"--server.port=0", "--demo"})).isNull();
        // an option the server does not know is refused, not taken as a setting named "deom" (no demo, no word)
        assertThat(Cli.misplacedCommand(new String[]{"--server.port=0", "--deom"})).isEqualTo("error: '--deom' is "
                + "not an option of the server: it takes --demo, --debug, --trace, and settings as "
                + "--name.of.setting=value (README, \"Configuration\")");
        assertThat(Cli.misplacedCommand(new String[]{"--debug", "--ledger.zone=UTC"})).isNull();
    }

    /**
     * What a command does not know is refused before it runs (exit 2, the argument named): a misspelled --dry-run was
     * taken for a setting of the server, and the replay or the deadlines ran for real. Settings still pass.
     */
    @Test
    void aMisspelledOption_isRefusedBeforeTheCommandRuns_andSettingsStillPass() throws Exception {
        start().close();
        String[] options = storeOptions();
        for (String[] command : new String[][] {{"replay", "--dryrun"}, {"deadlines", "-n"}, {"verify", "--bogus"},
                {"deadlines", "extra"}, {"token", "list", "--dryrun"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.Arrays.stream(options)).toArray(String[]::new);
            Run refused = cli(args);
            assertThat(refused.code()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(refused.err()).as(String.join(" ", command))
                    .contains("Unknown option or argument: '" + command[command.length - 1] + "'");
            assertThat(refused.out()).as("it did not run").isEmpty();
        }
        assertThat(Cli.isSetting("--spring.datasource.url=jdbc:h2:file:./x;AUTO_SERVER=TRUE")).isTrue();
        assertThat(Cli.isSetting("--ledger.log.additional-key-files[0]=a.pem")).isTrue();
        assertThat(Cli.isSetting("--debug")).isTrue();
        assertThat(Cli.isSetting("--dry-run")).isFalse();
        assertThat(Cli.isSetting("--spring.datasource.url")).as("a setting has a value").isFalse();
        Run verified = cli(verifyArgs());
        assertThat(verified.code()).as(verified.err()).isZero();
    }

    @Test
    void demo_loadsAParkAtEveryStage_withPlantedPaperRectification_andIsIdempotentOnRestart(CapturedOutput output)
            throws Exception {
        long size;
        try (ConfigurableApplicationContext ctx = start("--demo")) {
            Http http = http(ctx);
            JsonNode hazards = ok(http.get("/api/v1/hazards?limit=1000")).json();
            Set<String> statuses = new HashSet<>();
            boolean overdue = false;
            for (JsonNode h : hazards) {
                statuses.add(h.get("status").asText());
                overdue |= h.get("overdue").asBoolean();
            }
            assertThat(statuses).contains("REPORTED", "RECTIFICATION_PLANNED", "RECTIFICATION_SUBMITTED", "VERIFIED",
                    "CLOSED");
            assertThat(overdue).isTrue();
            assertThat(ok(http.get("/api/v1/enterprises")).json().size()).isGreaterThanOrEqualTo(3);
            JsonNode inspection = ok(http.get("/api/v1/inspections/demo-insp-001")).json();
            assertThat(inspection.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(inspection.get("leaderLed").asBoolean()).isTrue();
            JsonNode chain = ok(http.get("/api/v1/hazards/demo-hz-001/responsibility")).json();
            for (JsonNode act : chain) {
                assertThat(act.get("mode").asText()).isEqualTo("demo-server");
                assertThat(act.get("status").asText()).isEqualTo("valid");
            }
            // every plan is made by the owner who signs its acceptance, as over HTTP (SECURITY.md): a dossier's
            // "set by" then names a person whose signature binds the due date
            int plans = 0;
            for (JsonNode h : hazards) {
                for (JsonNode e : ok(http.get("/api/v1/hazards/" + h.get("hazardId").asText() + "/history")).json()) {
                    if (e.get("eventType").asText().equals("RectificationPlanned")) {
                        plans++;
                        JsonNode entry = e.get("entry");
                        String signer = entry.at("/metadata/ledgerSignature/statement/signerId").asText();
                        assertThat(entry.at("/payload/plannedBy").asText()).as("the planner of entry %s",
                                e.get("index")).isEqualTo(signer).isEqualTo(entry.at("/payload/ownerId").asText());
                    }
                }
            }
            assertThat(plans).as("plans in the demo").isGreaterThanOrEqualTo(9);
            // a dossier says who made each signature: the demo's are the server's, not the people's
            Http.Response dossierFile = ok(http.get("/api/v1/hazards/demo-hz-001/dossier"));
            JsonNode dossier = dossierFile.json();
            assertThat(dossier.at("/timeline/0/mode").asText()).isEqualTo("demo-server");
            var checked = io.hazardledger.dossier.DossierVerifier.verify(dossierFile.raw().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), java.util.List.of(ok(http.get("/api/v1/ledger/key")).raw()
                    .trim()));
            assertThat(checked.serverSigned()).as("signed by the demo server, from the entries themselves")
                    .isEqualTo(checked.timelineEntries()).isPositive();
            assertThat(ok(http.get("/api/v1/hazards/demo-hz-001/dossier.html")).raw())
                    .contains("made by the demo server, not by the person");
            // the planted paper rectification is flagged, with the hazards it concerns; the rest of the park is clean
            Set<String> flagged = new HashSet<>();
            for (JsonNode f : ok(http.get("/api/v1/flags")).json()) {
                flagged.add(f.get("rule").asText() + " " + f.get("hazardId").asText());
            }
            assertThat(flagged).containsExactlyInAnyOrder("AFTER_EQUALS_BEFORE demo-hz-010",
                    "EVIDENCE_REUSED demo-hz-011", "REPEATED_EXTENSIONS demo-hz-012");
            JsonNode v = ok(http.get("/api/v1/ledger/verification")).json();
            size = v.get("size").asLong();
        }
        int before = output.getOut().length();
        try (ConfigurableApplicationContext ctx = start("--demo")) {
            assertThat(ok(http(ctx).get("/api/v1/ledger/verification")).json().get("size").asLong()).isEqualTo(size);
        }
        assertThat(output.getOut().substring(before)).contains("demo park already loaded; left as it is")
                .doesNotContain("part-loaded");
    }

    @Test
    void demo_stoppedBeforeItsLastStep_isSaidToBePartLoaded_andLeftAsItIs(CapturedOutput output) {
        // a load stopped before the story's last step (the enterprise's co-signature of the demo's inspection), as a
        // stop of the server there leaves it
        try (ConfigurableApplicationContext ctx = start("--ledger.demo-signing=true",
                "--ledger.office.person=" + DemoPark.OFFICE)) {
            io.hazardledger.Ledger ledger = ctx.getBean(io.hazardledger.Ledger.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoPark.load(ledger, ledger.register().today(),
                    java.time.Instant.now(), null, command -> command instanceof
                            io.hazardledger.inspection.CoSignInspection c && c.personId().equals("chem-safety")))
                    .hasMessageContaining("stopped before");
        }
        long size;
        try (ConfigurableApplicationContext ctx = start("--demo")) {
            Http http = http(ctx);
            assertThat(output.getOut()).contains("the demo park is only part-loaded: its first step is in the "
                    + "ledger and its last is not").doesNotContain("already loaded");
            // what was loaded stays as it was: every hazard, and the inspection one co-signature short
            assertThat(ok(http.get("/api/v1/hazards?limit=1000")).json().size()).isEqualTo(12);
            assertThat(ok(http.get("/api/v1/inspections/" + DemoPark.INSPECTION)).json().get("status").asText())
                    .isNotEqualTo("COMPLETED");
            // the office's account and key are listed, so that its automatic acts can be signed
            assertThat(ok(http.get("/api/v1/people/" + DemoPark.OFFICE + "/keys")).json().size()).isOne();
            size = ok(http.get("/api/v1/ledger/verification")).json().get("size").asLong();
        }
        int before = output.getOut().length();
        try (ConfigurableApplicationContext ctx = start("--demo")) {
            assertThat(ok(http(ctx).get("/api/v1/ledger/verification")).json().get("size").asLong()).isEqualTo(size);
        }
        assertThat(output.getOut().substring(before)).contains("the demo park is only part-loaded");
    }
}
