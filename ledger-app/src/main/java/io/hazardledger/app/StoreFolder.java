package io.hazardledger.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The embedded store's folder, readable by its owner only. The store holds the directory of people, the whistleblowers'
 * reports and the API tokens' hashes, and H2 makes its folder and files as the process's umask says (with the usual
 * 022, readable by every user of the machine). So before anything opens the store or writes a key, a server makes the
 * folder of an H2 file store that does not exist yet {@code rwx------}; of one that exists and that every user may
 * enter, it warns, with the command that closes it: the ledger changes no permissions of a folder its operator made.
 * Commands never make a store, and leave this alone.
 */
final class StoreFolder implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StoreFolder.class);

    private static final Set<PosixFilePermission> OPEN = Set.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment env = event.getEnvironment();
        if (env.getProperty("ledger.command-line", Boolean.class, false)) {
            return;
        }
        Path folder = folderOf(env.getProperty("spring.datasource.url"));
        if (folder == null) {
            return;
        }
        try {
            if (!Files.exists(folder)) {
                io.hazardledger.internal.OwnerOnly.createFolders(folder);
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
            if (permissions.stream().anyMatch(OPEN::contains)) {
                boolean shared = folder.getParent() == null
                        || folder.equals(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize());
                log.warn("The store's folder {} is open to every user of this machine ({}): its files hold the "
                        + "directory of people, the whistleblowers' reports and the API tokens' hashes. {}", folder,
                        PosixFilePermissions.toString(permissions), shared
                                ? "Move the store into a folder of its own (spring.datasource.url), readable by its "
                                + "owner only (chmod 700), as a server makes one"
                                : "Close it as a server makes it: chmod 700 " + folder);
            }
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: nothing to say in their terms
        } catch (IOException e) {
            throw new UncheckedIOException("the store's folder " + folder + " cannot be made: " + e.getMessage(), e);
        }
    }

    /**
     * The folder of an H2 file store's URL ({@code jdbc:h2:file:PATH;…}, or {@code jdbc:h2:PATH} for a path that
     * starts with {@code ./}, {@code /} or {@code ~}), absolute; null for any other store (in memory, over TCP,
     * PostgreSQL).
     */
    static Path folderOf(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return null;
        }
        String rest = url.substring("jdbc:h2:".length());
        int settings = rest.indexOf(';');
        String path = settings < 0 ? rest : rest.substring(0, settings);
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (!(path.startsWith(".") || path.startsWith("/") || path.startsWith("~"))) {
            return null;
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path).toAbsolutePath().normalize().getParent();
    }
}
