package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code backup FILE.zip}: an online backup of the embedded (H2) store, taken while the server runs (H2's
 * {@code BACKUP TO}: transactionally consistent, nothing locked), then opened read-only from the zip and verified,
 * so that a backup that would not restore is known at once. PostgreSQL is backed up with {@code pg_dump} (README).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the embedded store into a zip while the server runs, then verify the backup. "
                + "Restore: unzip it into an empty data folder. (PostgreSQL: pg_dump, see the README.)")
final class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.zip", description = "the backup to write (must not exist)")
    Path file;

    @Unmatched
    List<String> springArgs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            err.println("error: " + target + " exists: a backup never overwrites a file");
            return 2;
        }
        if (target.toString().contains(";") || target.toString().contains("!")) {
            // checked before anything is written: the backup is read back through an H2 URL, where they mean something
            err.println("error: " + target + ": a backup's path may not hold ';' or '!' (the backup is read back "
                    + "through an H2 URL, where they mean something); choose another name");
            return 2;
        }
        String name;
        String user;
        String password;
        List<String> logKeys;   // the log's verifier keys, to compare the backup's checkpoints with its entries
        try (ConfigurableApplicationContext ctx = Cli.open(springArgs);
             Connection c = ctx.getBean(DataSource.class).getConnection()) {
            logKeys = ctx.getBean(Ledger.class).checkpoints().map(io.hazardledger.log.Checkpoints::verifierKeys)
                    .orElse(List.of());
            // the backup holds the store's own user and password: it is read back with them
            user = ctx.getEnvironment().getProperty("spring.datasource.username", "sa");
            password = ctx.getEnvironment().getProperty("spring.datasource.password", "");
            if (!c.getMetaData().getDatabaseProductName().equals("H2")) {
                err.println("error: the store is " + c.getMetaData().getDatabaseProductName() + ": back it up with "
                        + "its own tools (PostgreSQL: pg_dump -Fc, see the README); this command backs up the "
                        + "embedded store");
                return 2;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE_PATH()")) {
                rs.next();
                name = Path.of(rs.getString(1)).getFileName().toString();
            }
            try (Statement s = c.createStatement()) {
                s.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
            }
            try {   // the whole ledger (names, sealed identities, token hashes): its owner's to read, as the keys are
                Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rw-------"));
            } catch (UnsupportedOperationException | java.io.IOException e) {
                err.println("WARNING: " + target + " could not be made readable by its owner only: " + e.getMessage());
            }
        } catch (SQLException | RuntimeException e) {
            err.println("error: the backup failed: " + Cli.rootMessage(e));
            return 2;
        }
        // Read the backup back, read-only from inside the zip, and verify it as a restore would.
        DriverManagerDataSource zip = new DriverManagerDataSource(
                "jdbc:h2:zip:" + target + "!/" + name + ";ACCESS_MODE_DATA=r", user, password);
        try (Ledger backup = Ledger.builder().dataSource(zip).migrate(false).requireSignatures(false)
                .storeHousekeeping(Duration.ZERO).build()) {
            VerifiedLedger v = logKeys.isEmpty() ? backup.verify() : backup.verify(logKeys);
            if (!v.holds()) {
                Cli.printSignatureFindings(v, err);
                err.println("FAILED: the backup " + target + " holds " + v.size() + " entries whose chain holds, but "
                        + v.signatureFindings().size() + " signatures do not (voided by a later revocation: a "
                        + "faithful copy of the store, whose verify reports them too)");
                return 1;
            }
            out.println("OK: backup " + target + " holds " + v.size() + " entries and verifies (head " + v.headHash()
                    + "); restore it by unzipping it into an empty data folder");
            if (!logKeys.isEmpty()) {
                Cli.printStoredCheckpoints(v.checkpoints(), out, err);
            }
            return 0;
        } catch (LedgerIntegrityException e) {
            err.println("FAILED: the backup " + target + " does not verify at index " + e.index() + " [" + e.check()
                    + "]: " + e.getMessage() + setAside(target, true));
            return 1;
        } catch (RuntimeException e) {
            err.println("error: the backup " + target + " was written but could not be read back: " + e.getMessage()
                    + setAside(target, false));
            return 2;
        }
    }

    /**
     * Moves a backup that failed its check away from the name asked for, so that nothing that counts backups by their
     * names (a rotation, a restore script, an operator later) takes it for one that verified; it is kept beside it, as
     * evidence of the store it copied. Returns what the error line adds.
     *
     * @param checked whether the copy was read and failed the check (else it could not be read back at all)
     */
    private static String setAside(Path target, boolean checked) {
        Path failed = target.resolveSibling(target.getFileName() + ".failed");
        for (int n = 2; Files.exists(failed); n++) {
            failed = target.resolveSibling(target.getFileName() + ".failed-" + n);
        }
        try {
            Files.move(target, failed);
            return "; the copy is kept as " + failed + (checked ? " (not a backup to restore: it copies the store as "
                    + "it is, which fails the same check: run verify on the store)" : " (not known to restore)");
        } catch (java.io.IOException | RuntimeException e) {
            return "; " + target + " could not be moved aside (" + e.getMessage() + "): do not restore it";
        }
    }
}
