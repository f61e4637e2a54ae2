package io.hazardledger.app;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's training run for {@code ./ledger}'s class-data archive (ledger-app/pom.xml) starts a server in the
 * build's folder and stops it once its context is up. A shell that builds may hold a real store's or key's
 * settings in its environment (README, "Run on PostgreSQL": {@code export SPRING_DATASOURCE_URL=…}) or in the JVM's
 * properties: the training run never follows them, and makes its store and keys in its own folder.
 */
@Tag("store-independent")
class ClassDataTrainingTest {

    @Test
    void theTrainingRun_ignoresTheBuildsEnvironment_andKeepsToItsFolder(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cds-training"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        String storeElsewhere = "jdbc:h2:file:" + elsewhere.resolve("real-ledger");
        String keyElsewhere = elsewhere.resolve("real-log-key.pem").toString();
        ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", ServerProcess.QUICK_START, "-Dspring.context.exit=onRefresh",
                "-D" + LedgerApplication.CLASS_DATA_TRAINING + "=true",
                "-Dledger.office.key-file=" + elsewhere.resolve("office-key.pem"),
                "-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                "--server.port=0", "--spring.main.banner-mode=off")
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("training.log").toFile());
        run.environment().put("SPRING_DATASOURCE_URL", storeElsewhere);
        run.environment().put("LEDGER_LOG_KEY_FILE", keyElsewhere);
        run.environment().put("SPRING_APPLICATION_JSON", "{\"ledger\":{\"security\":{\"mode\":\"nonsense\"}}}");
        Process p = run.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the training run stops once its context is up").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("training.log"))).isZero();

        try (var made = Files.list(folder.resolve("data"))) {
            assertThat(made.map(f -> f.getFileName().toString()).toList())
                    .contains("ledger.mv.db", "log-key.pem");
        }
        try (var untouched = Files.list(elsewhere)) {
            assertThat(untouched.toList()).as("nothing made where the environment points").isEmpty();
        }
    }
}
