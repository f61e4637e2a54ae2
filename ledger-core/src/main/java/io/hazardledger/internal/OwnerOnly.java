package io.hazardledger.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Folders and files readable by their owner only, where the file system has POSIX permissions (elsewhere, as it makes
 * them): the store's folder, the keys' folder, an export. Public for the ledger's own modules, not an API.
 */
public final class OwnerOnly {

    private OwnerOnly() {
    }

    /** Makes {@code folder} and any missing folder above it, each {@code rwx------}; one that exists is left as it is. */
    public static void createFolders(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(folder);
        }
    }

    /** Makes {@code file} {@code rw-------}. */
    public static void file(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: as it makes files
        }
    }
}
