package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.verifier.VerifierCli;
import io.hazardledger.verifier.VerifyBundle;
import io.hazardledger.verifier.VerifyConsistency;
import io.hazardledger.verifier.VerifyInclusion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The command line. Subcommands read the same configuration as the server (application.properties and
 * {@code --spring.*} arguments), so they act on the store the server in the same folder uses.
 * Exit status: 0 success, 1 the ledger does not verify, 2 usage or store error.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, version = "hazard-ledger 0.1.0",
        description = "The hazard ledger. Without a subcommand: start the server (add --demo to load a demo park).",
        subcommands = {Cli.Verify.class, Cli.Replay.class, Cli.Deadlines.class, BackupCommand.class,
                TokenCommands.Token.class,
                TokenCommands.PersonCommand.class, KeyCommands.Keygen.class, KeyCommands.Sign.class,
                LogCommands.Export.class, VerifyBundle.class, VerifyInclusion.class, VerifyConsistency.class,
                io.hazardledger.verifier.VerifyDossier.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Callable<Integer> {

    private static final Set<String> COMMANDS = Set.of("verify", "replay", "deadlines", "backup", "token", "person",
            "keygen", "sign", "verify-bundle", "export", "verify-inclusion", "verify-consistency", "verify-dossier",
            "help", "--help", "-h", "--version", "-V");

    /**
     * True when the arguments name a subcommand rather than server options: a known command, or any first argument
     * that is not an option (the server takes options only), so that a misspelled command is refused, with the
     * commands it may have meant, rather than starting a server.
     */
    static boolean isCommand(String[] args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || !args[0].startsWith("-"));
    }

    /**
     * For a server's arguments (options only): a message when one of them is not an option, a command given after
     * settings ({@code --spring.profiles.active=x verify}) say, which would otherwise start a server and ignore it.
     */
    static String misplacedCommand(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return "error: '" + arg + "' is not an option of the server" + (COMMANDS.contains(arg)
                        ? "; a command comes first: ./ledger " + arg + " [its options] [--name.of.setting=value ...]"
                        : "; the server takes options only (--name.of.setting=value), a command comes first");
            }
            String unknown = unknownLedgerSetting(arg);
            if (unknown != null) {
                return unknown;
            }
            if (!isSetting(arg) && !SERVER_FLAGS.contains(arg)) {
                // Spring would take --deom as a setting named "deom" and start a server without the demo
                return "error: '" + arg + "' is not an option of the server: it takes " + String.join(", ",
                        SERVER_FLAGS) + ", and settings as --name.of.setting=value (README, \"Configuration\")";
            }
        }
        return null;
    }

    /**
     * The ledger's settings ({@code ledger.*}), as its code reads them (LedgerSettingsTest holds this list to the
     * code): a misspelled one given as an argument is refused, not ignored while its default applies.
     */
    static final java.util.Set<String> LEDGER_SETTINGS = java.util.Set.of(
            "ledger.api.max-body-bytes", "ledger.axon-server.enabled", "ledger.axon-server.servers",
            "ledger.command-line", "ledger.command-line.office-key", "ledger.deadlines.check-at-start",
            "ledger.deadlines.polling", "ledger.demo-clock",
            "ledger.demo-signing", "ledger.escalation.steps", "ledger.grading.points",
            "ledger.grading.review-interval", "ledger.grading.sector-points", "ledger.grading.thresholds",
            "ledger.log.additional-key-files", "ledger.log.checkpoint-interval", "ledger.log.key-file",
            "ledger.log.origin", "ledger.log.tsa-certificate", "ledger.log.tsa-url", "ledger.log.witnesses",
            "ledger.migrate", "ledger.office.earlier-sealing-key-files", "ledger.office.key-file",
            "ledger.office.person", "ledger.office.sealing-key-file", "ledger.rectification.due-date-horizon",
            "ledger.reports.weekly.schedule",
            "ledger.require-signatures", "ledger.security.mode", "ledger.security.oidc.person-claim",
            "ledger.security.rate-limit.anonymous-per-minute", "ledger.security.rate-limit.refused-per-minute",
            "ledger.security.rate-limit.whistleblower-reports-per-hour", "ledger.store.group-commit",
            "ledger.store.group-commit-gathering", "ledger.zone");

    /** A message when {@code arg} gives a {@code ledger.*} setting the ledger does not have; null otherwise. */
    static String unknownLedgerSetting(String arg) {
        if (!arg.startsWith("--ledger.") || arg.indexOf('=') < 0) {
            return null;
        }
        String name = arg.substring(2, arg.indexOf('='));
        if (LEDGER_SETTINGS.contains(name)) {
            return null;
        }
        String nearest = LEDGER_SETTINGS.stream().min(java.util.Comparator.comparingInt(k -> distance(k, name)))
                .filter(k -> distance(k, name) <= 3).orElse(null);
        return "error: '" + name + "' is not a setting of the ledger" + (nearest == null ? "" : " (did you mean "
                + nearest + "?)") + "; README, \"Configuration\", lists them";
    }

    /** The edit distance between two names (insertions, deletions, substitutions). */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** The server's options that are not settings. */
    static final List<String> SERVER_FLAGS = List.of("--demo", "--debug", "--trace");

    /**
     * A setting of the server a command passes on to the configuration it opens ({@code --name.of.setting=value}, or
     * Spring Boot's {@code --debug}); anything else a command does not know is refused, so that a misspelled option
     * ({@code --dryrun}) is not taken silently for a setting while the command does what it was not asked to.
     */
    static boolean isSetting(String arg) {
        return arg.matches("(?s)--[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_\\[\\]-]+)+=.*") || arg.equals("--debug")
                || arg.equals("--trace");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Cli());
        VerifierCli.configure(cl, out, err);
        cl.setExecutionStrategy(parsed -> {
            for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                for (String unmatched : p.unmatched()) {
                    String unknown = unknownLedgerSetting(unmatched);
                    if (unknown != null) {
                        throw new CommandLine.ParameterException(p.commandSpec().commandLine(),
                                unknown.substring("error: ".length()));
                    }
                    if (!isSetting(unmatched)) {
                        throw new CommandLine.ParameterException(p.commandSpec().commandLine(), "Unknown option or "
                                + "argument: '" + unmatched + "' (see --help; a setting of the server is given as "
                                + "--name.of.setting=value)");
                    }
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        return 0;
    }

    /** Opens the ledger from the server's configuration, without the web server and without migrating. */
    static ConfigurableApplicationContext open(List<String> springArgs) {
        return open(springArgs, false);
    }

    /**
     * The same; {@code readOnly}: an H2 file store that no server holds is opened read-only, so that the command
     * changes no byte of it ({@link ReadOnlyStore}).
     */
    static ConfigurableApplicationContext open(List<String> springArgs, boolean readOnly) {
        return open(springArgs, readOnly, false);
    }

    /**
     * The same; {@code officeKey}: the office's signing key is read, for a command that registers people (the office's
     * account, whose key it lists then); no other command reads it.
     */
    static ConfigurableApplicationContext open(List<String> springArgs, boolean readOnly, boolean officeKey) {
        List<String> args = new ArrayList<>(springArgs == null ? List.of() : springArgs);
        // an H2 file store must exist: a command never creates an empty one where the user mistyped a path
        args.add("--spring.datasource.hikari.data-source-properties.IFEXISTS=TRUE");
        // the command's log on standard error, whatever the server's configuration files or environment name (an
        // argument outranks them); a --logging.config of the user's own is theirs
        if (args.stream().noneMatch(a -> a.startsWith("--logging.config="))) {
            args.add("--logging.config=classpath:logback-command.xml");
        }
        SpringApplicationBuilder command = new SpringApplicationBuilder(LedgerApplication.class);
        if (readOnly) {   // verify
            command.listeners(new ReadOnlyStore());
            // stored checkpoints not of this log: said by verify's own WARNING line, not twice
            command.properties("logging.level.io.hazardledger.store.internal.CheckpointAudit=ERROR");
        }
        return command
                .web(WebApplicationType.NONE)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("ledger.migrate=false", "ledger.log.checkpoint-interval=0s", "ledger.command-line=true",
                        "ledger.command-line.office-key=" + officeKey,
                        "logging.level.root=WARN",
                        // a store the command cannot open is said in its one error line: not again as Spring's
                        // failure analysis, nor as the bean that failed to be made, nor as Spring's stack trace
                        // (--logging.level.org.springframework.boot.SpringApplication=ERROR shows it)
                        "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=OFF",
                        "logging.level.org.springframework.boot.SpringApplication=OFF",
                        "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext=ERROR",
                        "logging.level.org.flywaydb=WARN")
                .run(args.toArray(String[]::new));
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute every ledger entry from the stored events and check every link. "
                    + "Exit 0 only when the whole ledger holds; 1 names the first index that breaks.")
    static final class Verify implements Callable<Integer> {

        @CommandLine.Option(names = "--checkpoint", paramLabel = "FILE",
                description = "a signed checkpoint saved earlier (GET /api/v1/ledger/checkpoint): the ledger must "
                        + "hold at least its entries and have its root at its size (repeatable; after a restore, "
                        + "proves that nothing the checkpoint covered changed or went missing)")
        List<java.nio.file.Path> checkpointFiles = List.of();

        @CommandLine.Option(names = "--log-key", paramLabel = "KEY",
                description = "the log's verifier key (GET /api/v1/ledger/key), or a file of them, one a line, that "
                        + "tells its checkpoints, stored and given, from others; default: the keys of the configured "
                        + "ledger.log.key-file. Given, at least one stored checkpoint must be signed by it (none "
                        + "stored: a warning)")
        String logKey;

        @Unmatched
        List<String> springArgs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            // before the whole ledger is read: a mistyped file name, a file that is no checkpoint's text (not UTF-8,
            // too large) or a key that is none is said at once, not after minutes of checks (a pipe, /dev/stdin or
            // <(curl …), is a file to read too)
            for (java.nio.file.Path file : checkpointFiles) {
                String unreadable = !java.nio.file.Files.exists(file) ? "no such file"
                        : java.nio.file.Files.isDirectory(file) ? "is a folder, not a file"
                        : !java.nio.file.Files.isReadable(file) ? "cannot be read" : null;
                if (unreadable != null) {
                    err.println("error: --checkpoint " + file + ": " + unreadable);
                    return 2;
                }
            }
            java.util.Map<java.nio.file.Path, String> given;
            try {
                given = CheckpointCheck.read(checkpointFiles);
            } catch (java.io.IOException e) {
                err.println("error: --checkpoint: cannot read " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {   // larger than a checkpoint can be, or not UTF-8: named
                err.println("error: --checkpoint " + e.getMessage());
                return 2;
            }
            List<String> logKeys = null;
            if (logKey != null) {
                try {
                    logKeys = io.hazardledger.verifier.ProofFiles.keys(logKey);
                } catch (java.io.IOException | RuntimeException e) {
                    // ProofFiles names the verifiers' option, --key; a file it could not read is named here
                    String m = String.valueOf(e.getMessage());
                    err.println("error: --log-key " + (m.startsWith("--key ") ? m.substring("--key ".length())
                            : logKey + ": " + rootMessage(e)));
                    return 2;
                }
                if (logKeys.isEmpty()) {
                    err.println("error: --log-key: the file " + logKey + " holds no key");
                    return 2;
                }
            }
            try (ConfigurableApplicationContext ctx = open(springArgs, true)) {
                Ledger ledger = ctx.getBean(Ledger.class);
                VerifiedLedger v;
                try {
                    v = logKeys == null ? ledger.verify() : ledger.verify(logKeys);
                } catch (IllegalArgumentException e) {
                    err.println("error: --log-key: " + e.getMessage());
                    return 2;
                }
                printClockSteps(v, err);
                v.weeklyReportsNotServed().forEach(w -> err.println("WARNING: the kept weekly report of the week "
                        + "ending on " + w + " does not hash to its SHA-256, or its note is not signed by the log's "
                        + "keys (changed outside the ledger, or signed by a key no longer configured): that week's "
                        + "report is computed again from the entries"));
                if (!v.holds()) {
                    out.println("chain OK: " + v.size() + " entries; head " + v.headHash());
                    printSignatureFindings(v, err);
                    err.println("FAILED: " + v.signatureFindings().size() + " signatures do not hold");
                    return 1;
                }
                // the checkpoints given are checked before the verdict is printed: standard output says OK only when
                // all of it holds (a script that reads it is not told OK by a run that exits 1)
                java.io.StringWriter givenOut = new java.io.StringWriter();
                java.io.StringWriter givenErr = new java.io.StringWriter();
                int status = CheckpointCheck.all(ledger, v.size(), given, logKeys,
                        new PrintWriter(givenOut, true), new PrintWriter(givenErr, true));
                boolean noneOfTheKeys = logKeys != null && v.checkpoints().agreeing() == 0
                        && v.checkpoints().ignored() > 0;
                if (noneOfTheKeys && status == 0) {
                    status = 1;
                }
                out.println((status == 0 ? "OK: " + v.size() + " entries verified; head "
                        : "chain OK: " + v.size() + " entries; head ") + v.headHash());
                if (ledger.checkpoints().isEmpty() && logKeys == null) {
                    out.println("  checkpoints: not compared: no log key (ledger.log.key-file, or --log-key) to tell "
                            + "the log's own");
                } else {
                    printStoredCheckpoints(v.checkpoints(), out, err);
                }
                if (logKeys != null && v.checkpoints().agreeing() == 0 && v.checkpoints().ignored() == 0
                        && v.size() > 0) {
                    err.println("WARNING: the store holds no checkpoint: nothing the --log-key signed was compared "
                            + "with the entries (a log signs one within its interval of a write; rows deleted?)");
                }
                if (noneOfTheKeys) {
                    err.println("FAILED [checkpoints-key]: none of the " + v.checkpoints().ignored() + " stored "
                            + "checkpoints is signed by the --log-key given: they are another key's (signed again "
                            + "outside the log, or another log's), or the key is not this log's");
                }
                out.print(givenOut);
                err.print(givenErr);
                out.flush();
                err.flush();
                return status;
            } catch (LedgerIntegrityException e) {
                err.println("FAILED at index " + e.index() + " [" + e.check() + "]: " + e.getMessage());
                return 1;
            } catch (RuntimeException e) {
                err.println("error: could not read the ledger from the configured store: " + rootMessage(e));
                return 2;
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Rebuild every projection (register, directory, …) from the ledger, checking every entry "
                    + "as verify does. Exit 0 when rebuilt; 1 names the first index that breaks (nothing changed).")
    static final class Replay implements Callable<Integer> {

        @CommandLine.Option(names = "--dry-run", description = "compare every projection with what the entries make "
                + "and change nothing: exit 0 when each holds exactly that, 1 when some hold rows that the entries do "
                + "not make (a replay would correct them)")
        boolean dryRun;

        @Unmatched
        List<String> springArgs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = open(springArgs)) {
                Ledger ledger = ctx.getBean(Ledger.class);
                io.hazardledger.ReplayReport report = dryRun ? ledger.compareProjections() : ledger.replayAndReport();
                java.io.PrintWriter out = spec.commandLine().getOut();
                out.println(dryRun ? "the projections compared with " + report.entries() + " entries; nothing written"
                        : "OK: projections rebuilt from " + report.entries() + " entries");
                if (report.signaturesVerifiedEarlier() > 0) {
                    out.println("  signatures: " + report.signaturesVerifiedEarlier() + " verified by an earlier "
                            + "replay, whose signed Merkle root the entries make again; the others checked now");
                }
                for (io.hazardledger.ReplayReport.Rebuilt r : report.projections()) {
                    String rows = r.rewritten() ? "" : r.rowsChanged() + (r.rowsChanged() == 1 ? " row" : " rows");
                    out.println("  " + r.name() + ": " + (r.rewritten() ? "rewritten"
                            : r.rowsChanged() == 0 ? "compared, as the entries make it"
                            : dryRun ? "compared, " + rows + (r.rowsChanged() == 1 ? " differs" : " differ")
                            + " from what the entries make"
                            : "compared, " + rows + " corrected to what the entries make"));
                }
                List<String> differed = report.projections().stream()
                        .filter(io.hazardledger.ReplayReport.Rebuilt::corrected)
                        .map(io.hazardledger.ReplayReport.Rebuilt::name).toList();
                String held = String.join(" and ", differed) + (dryRun ? differed.size() == 1 ? " holds" : " hold"
                        : " held") + " rows that the entries do not make (changed outside the ledger, or a write lost "
                        + "from them)";
                if (dryRun) {
                    if (differed.isEmpty()) {
                        out.println("OK: every projection holds what the entries make");
                        return 0;
                    }
                    spec.commandLine().getErr().println("FAILED: " + held + "; a replay corrects them");
                    return 1;
                }
                if (!differed.isEmpty()) {
                    out.println("NOTE: " + held + "; corrected");
                }
                return 0;
            } catch (io.hazardledger.IntegrityRefusalException e) {
                spec.commandLine().getErr().println("FAILED at index " + e.index() + ": " + e.getMessage());
                return 1;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("error: " + (dryRun ? "comparing the projections" : "replay")
                        + " failed: " + rootMessage(e));
                return 2;
            }
        }
    }

    @Command(name = "deadlines", mixinStandardHelpOptions = true,
            description = "Compare each open hazard's pending deadline (the end of its due date, then each step of the "
                    + "escalation ladder) with the deadline scheduler's rows, and set again those that no row serves. "
                    + "Exit 0 when each had its row or was set again; 1 (with --dry-run) when some have none; 2 on "
                    + "error.")
    static final class Deadlines implements Callable<Integer> {

        @CommandLine.Option(names = "--dry-run", description = "compare and change nothing: exit 1 when some pending "
                + "deadline has no row")
        boolean dryRun;

        @Unmatched
        List<String> springArgs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = open(springArgs)) {
                Ledger ledger = ctx.getBean(Ledger.class);
                io.hazardledger.hazard.DeadlineCheck check = dryRun ? ledger.compareDeadlines()
                        : ledger.restoreDeadlines();
                PrintWriter out = spec.commandLine().getOut();
                out.println(check.hazardsWaiting() + (check.hazardsWaiting() == 1 ? " hazard waits" : " hazards wait")
                        + " for a deadline; " + check.rowsRead() + (check.rowsRead() == 1 ? " row" : " rows")
                        + " of the scheduler read" + (check.unreadableRows() == 0 ? ""
                        : " (" + check.unreadableRows() + " of them unreadable: they serve no deadline)"));
                for (io.hazardledger.hazard.PendingDeadline p : check.unserved()) {
                    out.println("  " + p.hazardId() + ": " + p.describe() + (dryRun ? ": no row serves it"
                            : ": no row served it; set again"));
                }
                for (io.hazardledger.hazard.DeadlineCheck.Failing f : check.failing()) {
                    out.println("  " + f.deadline().hazardId() + ": " + f.deadline().describe() + ": its row failed "
                            + f.consecutiveFailures() + (f.consecutiveFailures() == 1 ? " time" : " times")
                            + " when it fired, last at " + f.lastFailure());
                }
                if (!check.failing().isEmpty()) {
                    out.println("NOTE: " + check.failing().size() + (check.failing().size() == 1 ? " deadline" : " "
                            + "deadlines") + " failed when fired; the scheduler tries again in a few minutes, and the "
                            + "server's log says why");
                }
                if (check.holds()) {
                    out.println("OK: every pending deadline has a row that serves it");
                    return 0;
                }
                String unserved = check.unserved().size() + (check.unserved().size() == 1 ? " pending deadline"
                        : " pending deadlines") + (!dryRun ? " had" : check.unserved().size() == 1 ? " has" : " have")
                        + " no row in the scheduler (deleted or moved later outside the ledger, or unreadable)";
                if (dryRun) {
                    spec.commandLine().getErr().println("FAILED: " + unserved + "; `deadlines` without --dry-run "
                            + "sets them again");
                    return 1;
                }
                out.println("NOTE: " + unserved + "; set again");
                return 0;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("error: comparing the deadlines failed: " + rootMessage(e));
                return 2;
            }
        }
    }

    /**
     * What {@code verify} compared the entries with: the stored checkpoints that state the roots the entries make, the
     * latest of them that the log signed, and the rows ignored as the log's keys do not sign them.
     */
    static void printStoredCheckpoints(VerifiedLedger.Checkpoints compared, PrintWriter out, PrintWriter err) {
        out.println("  checkpoints: " + (compared.agreeing() == 0 ? (compared.ignored() == 0 ? "none stored yet"
                : "none of the " + compared.ignored() + " stored is signed by this log's keys")
                : (compared.agreeing() == 1 ? "the one stored states"
                : "the " + compared.agreeing() + " stored checkpoints state")
                + " the Merkle root" + (compared.agreeing() == 1 ? "" : "s") + " that the entries make; "
                + (compared.latest() == null ? "none of them is signed by this log's keys"
                : "the latest this log signed is of " + compared.latest() + " entries")));
        if (compared.ignored() > 0) {
            err.println("WARNING: " + compared.ignored() + (compared.ignored() == 1 ? " stored checkpoint is"
                    : " stored checkpoints are") + " not this log's (its keys do not sign them): ignored, and never "
                    + "served (changed outside the ledger, or signed by a key no longer configured)");
        }
    }

    /** H2's error code for a database that does not exist, opened with {@code IFEXISTS=TRUE}. */
    private static final int H2_NO_SUCH_DATABASE = 90146;

    /** One warning per run of entries recorded over a minute before the latest before them (not a break). */
    static void printClockSteps(VerifiedLedger v, PrintWriter err) {
        v.clockSteps().forEach(s -> err.println("WARNING: " + s.warning()));
    }

    /** One line per signature that does not hold, as {@code verify} and {@code backup} report them. */
    static void printSignatureFindings(VerifiedLedger v, PrintWriter err) {
        v.signatureFindings().forEach(f -> err.println("SIGNATURE at index " + f.index() + " [" + f.check() + "]: "
                + f.signerId() + ", key " + f.keyId() + ": " + f.detail()));
    }

    /** H2's "Database may be already in use": another process holds the store's file. */
    private static final int H2_FILE_IN_USE = 90020;

    /**
     * What went wrong, in one line: the database's own message when there is one (a driver's names the host and port
     * or the file: "Connection to localhost:5999 refused", where its cause says only "Connection refused"), otherwise
     * the deepest cause's.
     */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        java.sql.SQLException database = null;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof java.sql.SQLException sql) {
                database = sql;
            }
            t = t.getCause();
        }
        if (database != null && !(t instanceof java.sql.SQLException) && database.getMessage() != null) {
            t = database;
        }
        String m = t.getMessage();
        if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == H2_FILE_IN_USE && m != null) {
            return m.lines().findFirst().orElse(m).replaceFirst("\\.? ?Possible solutions:.*", "")
                    + " (another process holds the store's file: a verify, which reads a store no server holds "
                    + "read-only, until it ends; or a process that, like this one or not, opens it without "
                    + "AUTO_SERVER=TRUE: give every process that opens the file AUTO_SERVER=TRUE in its "
                    + "spring.datasource.url, as application.properties does, or stop the other)";
        }
        if (t instanceof ClassNotFoundException || t instanceof IllegalStateException && m != null
                && m.startsWith("Cannot load driver class")) {
            return "no database driver for " + (m == null ? "this URL" : m.replaceFirst("^Cannot load driver class: ",
                    "")) + ": the ledger stores its entries in H2 (jdbc:h2:file:…) or PostgreSQL "
                    + "(jdbc:postgresql://…)";
        }
        if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == H2_NO_SUCH_DATABASE && m != null) {
            // a command never creates a store: said as such, not as H2's "IFEXISTS=true, so we cant auto-create it"
            java.util.regex.Matcher path = java.util.regex.Pattern.compile("Database \"([^\"]*)\" not found")
                    .matcher(m);
            return "there is no ledger store at " + (path.find() ? path.group(1) : "the configured path") + " (a "
                    + "command opens the store a server made: run it in the server's folder, or give the server's "
                    + "--spring.datasource.url, with the settings after its path)";
        }
        if (t instanceof java.nio.file.AccessDeniedException) {   // its message is the path alone
            return "permission denied: " + m + " cannot be read or written by this user";
        }
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + m;
        }
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
