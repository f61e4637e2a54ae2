package io.hazardledger.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child process's standard output, copied line by line to a file (appended, flushed at each line) by a thread of its
 * own, to the end of that output. Kill the process with {@link #kill}, never {@link Process#destroyForcibly()}: on
 * Linux the JDK's {@code destroy} closes this end of the pipe after the signal, which throws away every line the
 * process wrote that was not read yet (the last writes before a crash, precisely the ones a crash test looks for).
 */
final class ProcessOutput {

    private final Thread reader;
    private volatile Throwable failure;

    private ProcessOutput(Process process, Path file, Consumer<String> onLine, String name) {
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                         StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    onLine.accept(line);
                }
                if (out.checkError()) {   // a PrintWriter does not throw: a line it could not write is only flagged
                    failure = new IOException("a line could not be written to " + file);
                }
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts copying {@code process}'s output to {@code file}, calling {@code onLine} after each line is in it. */
    static ProcessOutput follow(Process process, Path file, Consumer<String> onLine, String threadName) {
        return new ProcessOutput(process, file, onLine, threadName);
    }

    /** SIGKILL, leaving the pipe open so that what the process wrote before it died can still be read; waits for its end. */
    static void kill(Process process) throws InterruptedException {
        process.toHandle().destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process %s ended after SIGKILL", process.pid())
                .isTrue();
    }

    /**
     * Waits until every line the (ended) process wrote is in the file, and fails if the copy stopped early: a line
     * missing from the file must mean the process never wrote it.
     */
    void awaitEnd() throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(reader.isAlive()).as("%s read the output to its end within 30 s", reader.getName()).isFalse();
        assertThat(failure).as("%s read the output without an error", reader.getName()).isNull();
    }
}
