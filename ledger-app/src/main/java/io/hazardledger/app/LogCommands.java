package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.bundle.BundleException;
import io.hazardledger.bundle.BundleReport;
import io.hazardledger.bundle.BundleWriter;
import io.hazardledger.log.Checkpoints;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Export a bundle from the store (the offline checks of it are in ledger-verifier). */
final class LogCommands {

    private LogCommands() {
    }

    /**
     * What an earlier export in {@code dir} was ("the export of 84 entries of ORIGIN"), or null where it holds none:
     * an export writes over it, which is said, so that an export kept as evidence is not lost unnoticed.
     */
    static String exportIn(Path dir) {
        Path checkpoint = dir.resolve("checkpoint");
        if (!java.nio.file.Files.isRegularFile(checkpoint)) {
            return null;
        }
        try {
            List<String> lines = java.nio.file.Files.readAllLines(checkpoint);
            return "the export of " + Long.parseLong(lines.get(1).trim()) + " entries of " + lines.get(0).trim();
        } catch (IOException | RuntimeException e) {
            return "the checkpoint file";
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export the ledger up to its latest checkpoint (made now if the tree grew) into DIR: "
                    + "entries.jsonl, checkpoint, key (and timestamp.der), checked as verify-bundle checks them before "
                    + "they are put in DIR (exit 1 and nothing written when they do not hold). Reads the server's "
                    + "configuration and key.")
    static final class Export implements Callable<Integer> {

        @Parameters(index = "0", description = "the directory to write (created if missing)")
        Path dir;

        @Unmatched
        List<String> springArgs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            ConfigurableApplicationContext opened;
            try {
                opened = Cli.open(springArgs);
            } catch (RuntimeException e) {   // said in one line, as verify says it
                err.println("error: could not read the ledger from the configured store: " + Cli.rootMessage(e));
                return 2;
            }
            try (ConfigurableApplicationContext ctx = opened) {
                Ledger ledger = ctx.getBean(Ledger.class);
                Checkpoints checkpoints = ledger.checkpoints().orElse(null);
                if (checkpoints == null) {
                    err.println("error: no checkpoint key: " + ctx.getEnvironment().getProperty("ledger.log.key-file",
                            "./data/log-key.pem") + " (ledger.log.key-file) does not exist. An export is signed by "
                            + "the log's key: point ledger.log.key-file at it (a restored store: the key kept beside "
                            + "its backup); a server makes one only for a log that has none");
                    return 2;
                }
                try {
                    checkpoints.checkpointNow();
                } catch (io.hazardledger.RuleViolationException e) {
                    if (e.code().equals("checkpoint-key-differs") && checkpoints.latest().isEmpty()) {
                        // an export signs a checkpoint now: not with a key that signed none of the log's
                        err.println("error: the configured log key (ledger.log.key-file) signed none of the "
                                + checkpoints.sizes().size() + " checkpoints the store holds: an export would sign "
                                + "the log's next one as another's. Point ledger.log.key-file at the log's key (a "
                                + "restored store: the key kept beside its backup), or give this store a new log "
                                + "with an origin of its own (ledger.log.origin); nothing exported");
                        return 2;
                    }
                    if (e.code().equals("checkpoint-key-differs")
                            || e.code().equals("checkpoint-size-of-another-log")) {
                        err.println("error: " + e.getMessage() + "; nothing exported");
                        return 2;
                    }
                    // the stored tree forks from one signed before
                    err.println("FAILED: " + e.getMessage() + "; nothing exported");
                    return 1;
                }
                long size = checkpoints.latestSize().orElseThrow();
                String before = exportIn(dir);
                BundleReport report;
                try {
                    report = BundleWriter.exportDirectory(ledger.log(), checkpoints, size, dir);
                } catch (BundleException e) {
                    err.println("FAILED " + e.getMessage());
                    err.println("FAILED: the stored entries do not make the checkpoint of size " + size + " that the "
                            + "log signed: nothing exported (" + dir + " is as it was); run verify on the store");
                    return 1;
                } catch (IOException e) {
                    String why = e instanceof java.nio.file.FileAlreadyExistsException
                            || e instanceof java.nio.file.NotDirectoryException
                            ? "it is a file, not a folder" : e instanceof java.nio.file.AccessDeniedException
                            ? "permission denied" : Cli.rootMessage(e);
                    err.println("error: could not write into " + dir + ": " + why + "; nothing exported");
                    return 2;
                }
                report.signatureFindings().forEach(f -> err.println("SIGNATURE " + f));
                if (!report.signatureFindings().isEmpty()) {
                    err.println("WARNING: " + report.signatureFindings().size() + " signatures in the exported entries "
                            + "do not hold (voided by a later revocation); verify-bundle reports them too");
                }
                spec.commandLine().getOut().println("exported " + size + " entries and their checkpoint to " + dir
                        + "; checked as verify-bundle checks them (root " + report.rootHash() + ")"
                        + (before == null ? "" : "; it replaced " + before + " that " + dir + " held (to keep an "
                        + "export, export the next into a folder of its own)"));
                return 0;
            }
        }
    }
}
