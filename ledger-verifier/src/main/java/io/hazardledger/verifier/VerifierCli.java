package io.hazardledger.verifier;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The standalone verifier ({@code java -jar ledger-verifier.jar}): the offline checks of the ledger-app command line,
 * in a jar that holds only ledger-core's integrity code and what it needs (Jackson, BouncyCastle, the RFC 8785
 * canonicaliser, picocli). Exit status: 0 it holds, 1 it does not (the message names what failed), 2 usage or
 * unreadable input.
 */
@Command(name = "ledger-verifier", mixinStandardHelpOptions = true, version = "hazard-ledger verifier 0.1.0",
        description = "Check a hazard ledger's exported bundle, or one Merkle proof, without any server or database.",
        subcommands = {VerifyBundle.class, VerifyInclusion.class, VerifyConsistency.class, VerifyDossier.class,
                CommandLine.HelpCommand.class})
public final class VerifierCli implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line on the given streams and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new VerifierCli());
        configure(cl, out, err);
        return cl.execute(args);
    }

    /** The streams and the exit status of an error (2, with a one-line message), as every command line here uses. */
    public static void configure(CommandLine cl, PrintStream out, PrintStream err) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + describe(e));
            return 2;
        });
        cl.setExitCodeExceptionMapper(e -> 2);
    }

    /**
     * A failure as one line a person reads: a file problem says what it is (the JDK's message is the bare path), a
     * refused connection says so, and a JSON parser's message stops before its note of where it read.
     */
    static String describe(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory: " + m;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + m;
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists: " + m;
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory: " + m;
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException || e instanceof java.nio.file.FileSystemException) {
            return "cannot use " + m;
        }
        if (e instanceof java.net.ConnectException) {
            return "could not connect to the server" + (m == null ? "" : " (" + m + ")");
        }
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int source = m.indexOf("\n at [Source:");
        return (source < 0 ? m : m.substring(0, source)).lines().findFirst().orElse(m);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command: the usage, on the error stream, and exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
