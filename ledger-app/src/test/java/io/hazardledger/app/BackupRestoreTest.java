package io.hazardledger.app;

import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.PemSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's backup and restore procedures, with real processes: an online backup while the server runs (the
 * embedded store's {@code backup} command, or {@code pg_dump} with {@code -Dledger.test.store=postgres}), a restore
 * into an empty store, {@code verify} after restore, the checkpoint taken before the backup consistent with the
 * restored ledger (and one taken after it refused: those entries are gone), a server on the restored store giving
 * the same answers as the live one, and again after every projection is rebuilt from scratch.
 */
class BackupRestoreTest {

    @TempDir
    Path dir;

    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ServerProcess::close);
    }

    /** The questions whose answers must survive a backup, a restore and a rebuild. */
    private static final List<String> QUESTIONS = List.of("/api/v1/enterprises", "/api/v1/people", "/api/v1/hazards",
            "/api/v1/hazards/hz-b1", "/api/v1/hazards/hz-b1/history", "/api/v1/hazards/hz-b1/responsibility",
            "/api/v1/hazards/hz-b2", "/api/v1/register/open-major", "/api/v1/people/bak-own/trail", "/api/v1/flags",
            "/api/v1/ledger/tree", "/api/v1/ledger/checkpoint");

    @Test
    void onlineBackup_restoresIntoAnEmptyStore_thatVerifiesAndAnswersAlike() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        Path restored = Files.createDirectories(dir.resolve("restored"));
        Backups store = TestStore.postgres() ? new PgDump() : new H2Backup();
        ServerProcess server = server(live, "live", store.liveArgs(live));
        Http http = server.http();
        Park.setUp(http, "bak");
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-b1", "bak")));
        ok(http.post("/api/v1/hazards/hz-b1/plan", j("{'measures':'replace gasket','ownerId':'bak-own',"
                + "'dueDate':'" + java.time.LocalDate.now().plusMonths(6) + "','plannedBy':'bak-own'}")));
        ok(http.post("/api/v1/hazards/hz-b1/submissions", j("{'summary':'fixed','evidence':[{'sha256':'"
                + Park.SHA_BEFORE + "','mediaType':'image/jpeg','capturedAt':'2026-11-01T08:00:00Z',"
                + "'name':'after.jpg'}],'submittedBy':'bak-own'}")));
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-b2", "bak")));
        Path before = Files.writeString(dir.resolve("checkpoint-before.txt"),
                ok(http.post("/api/v1/ledger/checkpoints", "")).raw());
        Map<String, String> answers = answers(http);

        Path backup = dir.resolve("ledger-backup");
        store.backup(live, backup);

        // the live ledger moves on after the backup, and signs a checkpoint the backup cannot reach
        ok(http.post("/api/v1/hazards/hz-b1/verifications", j("{'passed':true,'remarks':'ok','verifierId':'bak-ver'}")));
        Path after = Files.writeString(dir.resolve("checkpoint-after.txt"),
                ok(http.post("/api/v1/ledger/checkpoints", "")).raw());

        List<String> restoredArgs = store.restore(backup, restored);
        Files.copy(live.resolve("data/log-key.pem"), Files.createDirectories(restored.resolve("data"))
                .resolve("log-key.pem"));
        List<String> cli = new ArrayList<>(restoredArgs);
        cli.add("--ledger.log.key-file=" + restored.resolve("data/log-key.pem"));
        Run verified = cli("verify", cli, "--checkpoint", before.toString());
        assertThat(verified.code()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("OK: " + answers.get("size") + " entries verified")
                .contains("consistent, the ledger extends it");
        Run lost = cli("verify", cli, "--checkpoint", after.toString());
        assertThat(lost.code()).as(lost.toString()).isEqualTo(1);
        assertThat(lost.err()).contains("missing (restored from a backup older than this checkpoint?)");
        String[] lines = Files.readString(before).split("\n", -1);
        lines[1] = String.valueOf(Long.parseLong(lines[1]) - 1); // the tree size, changed after signing
        Path forged = Files.writeString(dir.resolve("checkpoint-forged.txt"), String.join("\n", lines));
        Run refused = cli("verify", cli, "--checkpoint", forged.toString());
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("is not a checkpoint signed by the log's key");
        // a mistyped file name is said before the ledger is read, as no such file
        Run mistyped = cli("verify", cli, "--checkpoint", dir.resolve("checkpoint-befor.txt").toString());
        assertThat(mistyped.code()).as(mistyped.toString()).isEqualTo(2);
        assertThat(mistyped.err()).contains("error: --checkpoint " + dir.resolve("checkpoint-befor.txt") + ": no such file");
        assertThat(mistyped.out()).doesNotContain("entries verified");

        // a checkpoint signed with the log's own key, but over another root: the restored entries are not those
        Checkpoint signed = Checkpoint.parse(NoteVerifier.parse(ok(http.get("/api/v1/ledger/key")).raw().strip())
                .verify(Files.readString(before)));
        byte[] otherRoot = signed.root().clone();
        otherRoot[0] ^= 1;
        String text = new Checkpoint(signed.origin(), signed.size(), otherRoot).text();
        String note = text + "\n" + new NoteSigner(signed.origin(), PemSigner.fromFile(live.resolve("data/log-key.pem")))
                .signatureLine(text) + "\n";
        Path otherTree = Files.writeString(dir.resolve("checkpoint-other-tree.txt"), note);
        Run tampered = cli("verify", cli, "--checkpoint", otherTree.toString());
        assertThat(tampered.code()).as(tampered.toString()).isEqualTo(1);
        // the restored ledger stores the checkpoint of that size, signed by the same key over the entries' root
        assertThat(tampered.err()).startsWith("FAILED [checkpoint-root]: " + otherTree + ": the log's key signed two "
                + "histories of " + signed.size() + " entries");
        // and one with the ledger's root, signed with the log's key, but stating another log's origin
        String elsewhere = new Checkpoint("elsewhere.example/log", signed.size(), signed.root()).text();
        Path otherLog = Files.writeString(dir.resolve("checkpoint-other-log.txt"), elsewhere + "\n"
                + new NoteSigner(signed.origin(), PemSigner.fromFile(live.resolve("data/log-key.pem")))
                .signatureLine(elsewhere) + "\n");
        Run foreign = cli("verify", cli, "--checkpoint", otherLog.toString());
        assertThat(foreign.code()).as(foreign.toString()).isEqualTo(1);
        assertThat(foreign.err()).contains("is not a checkpoint signed by the log's key: its origin "
                + "elsewhere.example/log is not the key's log " + signed.origin());

        ServerProcess again = server(restored, "restored", restoredArgs);
        assertThat(answers(again.http())).isEqualTo(answers);
        ok(again.http().post("/api/v1/ledger/replay", ""));
        assertThat(answers(again.http())).as("after every projection was rebuilt from scratch").isEqualTo(answers);

        // a backup taken while a client writes restores into a ledger that verifies
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(20);
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get(); i++) {
                ok(http.post("/api/v1/people", j("{'personId':'w-" + i + "','name':'W','enterpriseId':'bak',"
                        + "'roles':['ENTERPRISE_STAFF']}")));
                started.countDown();
            }
        });
        writer.start();
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        Path busy = dir.resolve("busy-backup");
        try {
            store.backup(live, busy);
        } finally {
            writing.set(false);
            writer.join(30_000);
        }
        List<String> busyArgs = new ArrayList<>(store.restore(busy, Files.createDirectories(dir.resolve("busy"))));
        busyArgs.add("--ledger.log.key-file=" + restored.resolve("data/log-key.pem"));
        Run busyVerified = cli("verify", busyArgs);
        assertThat(busyVerified.code()).as(busyVerified.toString()).isZero();

        // the checkpoint key never reaches a log or a command's output
        String key = Files.readString(live.resolve("data/log-key.pem"));
        String secret = key.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        assertThat(secret).hasSizeGreaterThan(40);
        for (ServerProcess s : servers) {
            String log = String.join("\n", s.log());
            assertThat(log).doesNotContain("PRIVATE KEY").doesNotContain(secret.substring(0, 40))
                    .doesNotContain(secret.substring(secret.length() - 40));
        }
        for (Run run : List.of(verified, lost, refused, tampered, busyVerified)) {
            assertThat(run.out() + run.err()).doesNotContain("PRIVATE KEY").doesNotContain(secret.substring(0, 40));
        }
    }

    private ServerProcess server(Path workDir, String name, List<String> storeArgs) throws Exception {
        List<String> args = new ArrayList<>(storeArgs);
        args.add("--ledger.require-signatures=false");
        ServerProcess server = new ServerProcess(workDir, name, args);
        servers.add(server);
        return server.start();
    }

    private static Map<String, String> answers(Http http) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String q : QUESTIONS) {
            answers.put(q, ok(http.get(q)).raw());
        }
        answers.put("size", String.valueOf(ok(http.get("/api/v1/ledger/tree")).json().path("treeSize").asLong()));
        return answers;
    }

    private static Run cli(String command, List<String> storeArgs, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(more));
        args.addAll(storeArgs);
        return Run.cli(args.toArray(String[]::new));
    }

    /** How one store is backed up and restored, as the README says. */
    private interface Backups {
        List<String> liveArgs(Path live);

        void backup(Path live, Path backup) throws Exception;

        /** Restores into an empty store; returns the arguments that point a server or a command at it. */
        List<String> restore(Path backup, Path restored) throws Exception;
    }

    /** The embedded store: {@code backup FILE.zip} while the server runs; restore = unzip into an empty data folder. */
    private static final class H2Backup implements Backups {

        @Override
        public List<String> liveArgs(Path live) {
            return List.of(); // the shipped ./data/ledger
        }

        @Override
        public void backup(Path live, Path backup) {
            Run run = Run.cli("backup", backup + ".zip", "--spring.datasource.url=jdbc:h2:file:"
                    + live.resolve("data/ledger") + ";AUTO_SERVER=TRUE", "--ledger.log.key-file="
                    + live.resolve("data/log-key.pem"));
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.out()).contains("verifies", "  checkpoints: ", "the latest this log signed is of ");
            Run again = Run.cli("backup", backup + ".zip", "--spring.datasource.url=jdbc:h2:file:"
                    + live.resolve("data/ledger") + ";AUTO_SERVER=TRUE");
            assertThat(again.code()).as("a backup never overwrites a file").isEqualTo(2);
        }

        @Override
        public List<String> restore(Path backup, Path restored) throws IOException {
            Path data = Files.createDirectories(restored.resolve("data"));
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of(backup + ".zip")))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    Files.copy(zip, data.resolve(e.getName()));
                }
            }
            return List.of("--spring.datasource.url=jdbc:h2:file:" + data.resolve("ledger") + ";AUTO_SERVER=TRUE");
        }
    }

    /** PostgreSQL: {@code pg_dump -Fc} of the live database, {@code pg_restore} into a new, empty one. */
    private final class PgDump implements Backups {

        private String[] live;

        @Override
        public List<String> liveArgs(Path dir) {
            live = TestStore.fresh(dir);
            return ServerProcess.storeArgs(live);
        }

        @Override
        public void backup(Path liveDir, Path backup) throws Exception {
            pg(List.of("pg_dump", "--format=custom", "--file=" + backup, "--dbname=" + libpq(live[0])), live[2]);
        }

        @Override
        public List<String> restore(Path backup, Path restored) throws Exception {
            String[] empty = TestStore.fresh(restored);
            pg(List.of("pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + libpq(empty[0]),
                    backup.toString()), empty[2]);
            return ServerProcess.storeArgs(empty);
        }

        /** jdbc:postgresql://host:port/db as a libpq URI for the store's user. */
        private String libpq(String jdbcUrl) {
            return jdbcUrl.replace("jdbc:postgresql://", "postgresql://" + live[1] + "@");
        }

        private void pg(List<String> command, String password) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", password);
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s: %s", command, output).isZero();
        }
    }
}
