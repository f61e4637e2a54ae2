package io.hazardledger.app;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Keeps what a failed test leaves in its folder (the store, the servers' logs) under {@code target/<name>-<millis>},
 * since the temporary folder goes with the test: a failure of a real server must be looked at, not rerun away.
 */
final class KeepEvidence implements TestExecutionExceptionHandler {

    private final String name;
    private final Supplier<Path> folder;

    KeepEvidence(String name, Supplier<Path> folder) {
        this.name = name;
        this.folder = folder;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        Path dir = folder.get();
        Path evidence = Path.of("target", name + "-" + System.currentTimeMillis());
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = evidence.resolve(dir.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        } catch (IOException e) {
            thrown.addSuppressed(e);
        }
        throw thrown;
    }
}
