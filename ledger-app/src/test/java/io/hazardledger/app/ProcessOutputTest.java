package io.hazardledger.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash tests' evidence: a line a killed process wrote is in its log even when the reader had not read it yet at
 * the kill. (The JDK's {@code Process.destroyForcibly} closed the pipe and dropped such lines, which once made
 * {@link CrashSafetyTest} report an acknowledged write as not logged when the server had logged it.)
 */
class ProcessOutputTest {

    @TempDir
    Path dir;

    @Test
    void everyLineWrittenBeforeASigkill_isInTheLog_evenWhenTheReaderWasBehind() throws Exception {
        // 1,000 lines of 42 bytes: all fit in a pipe of the default 64 KiB, so the writer finishes while the reader
        // is held
        Process child = new ProcessBuilder("sh", "-c",
                "i=0; while [ $i -lt 1000 ]; do printf 'line %06d .............................\\n' $i; i=$((i+1));"
                        + " done; echo written >&2; exec sleep 600").start();
        CountDownLatch release = new CountDownLatch(1);
        Path log = dir.resolve("child.log");
        ProcessOutput output = ProcessOutput.follow(child, log, line -> {
            if (line.startsWith("line 000000")) {
                try {
                    // hold the reader at the first line until the process is dead
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "child-output");
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            assertThat(err.readLine()).as("the child says it wrote every line").isEqualTo("written");
            ProcessOutput.kill(child);
        } finally {
            release.countDown();
            child.toHandle().destroyForcibly();   // if an assertion above failed, no sleep 600 left behind
        }
        assertThat(child.isAlive()).isFalse();
        output.awaitEnd();

        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).isEqualTo(IntStream.range(0, 1000)
                .mapToObj(i -> String.format("line %06d .............................", i)).toList());
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    }
}
