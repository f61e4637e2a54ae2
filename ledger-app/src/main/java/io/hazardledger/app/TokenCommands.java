package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.LedgerException;
import io.hazardledger.app.security.ApiTokens;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The administrator's commands for the local mode of authentication: API tokens for people of the directory, and the
 * first people of an empty ledger (who can then register the others over HTTP). They act on the configured store
 * directly, so only who can run the server's command line (and read its store) can use them.
 */
final class TokenCommands {

    private TokenCommands() {
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Make, list and revoke the local API tokens (ledger.security.mode=local).",
            subcommands = {Create.class, ListTokens.class, Revoke.class})
    static final class Token extends Group {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a token for a person of the directory and print it (once: only its hash is kept). "
                    + "The person's roles and enterprise are the directory's, read at each request.")
    static final class Create extends StoreCommand {
        @Option(names = "--person", required = true, description = "the person the token stands for")
        String personId;

        @Option(names = "--label", description = "what the token is for (shown by token list)")
        String label;

        @Option(names = "--days", description = "valid for this many days (default: until revoked)")
        Integer days;

        @Override
        String refused() {
            if (days != null && days < 1) {
                return "--days must be at least 1";
            }
            if (label != null && label.length() > 100) {
                return "--label must be at most 100 characters";
            }
            // a label is printed by token list: no control character (a terminal's escape sequences), line break or
            // format character (bidirectional overrides that reorder what a terminal shows)
            return label != null && label.codePoints().anyMatch(TokenCommands::unprintable)
                    ? "--label must not contain control characters, line breaks or format characters" : null;
        }

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out, PrintWriter err) {
            if (ctx.getBean(Ledger.class).directory().person(personId).isEmpty()) {
                err.println("error: no person '" + personId + "' in the directory (register them first, over HTTP "
                        + "or with 'person add')");
                return 2;
            }
            var issued = ctx.getBean(ApiTokens.class).create(personId, label, days == null ? null : Duration.ofDays(days));
            out.println(issued.token());
            err.println("token " + issued.tokenId() + " for " + personId
                    + (issued.expiresAt() == null ? "" : ", valid until " + issued.expiresAt())
                    + ": shown once, keep it secret");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens (never their secrets).")
    static final class ListTokens extends StoreCommand {
        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out, PrintWriter err) {
            for (ApiTokens.Info t : ctx.getBean(ApiTokens.class).list()) {
                out.println(t.tokenId() + "  " + t.personId() + "  created " + t.createdAt()
                        + (t.expiresAt() == null ? "" : "  expires " + t.expiresAt())
                        + (t.revokedAt() == null ? "" : "  REVOKED " + t.revokedAt())
                        + (t.label() == null ? "" : "  " + printable(t.label())));
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token by its id (as token list shows it); refused from the next request on.")
    static final class Revoke extends StoreCommand {
        @Parameters(index = "0", paramLabel = "TOKEN_ID")
        String tokenId;

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out, PrintWriter err) {
            if (!ctx.getBean(ApiTokens.class).revoke(tokenId)) {
                err.println("error: no unrevoked token with id '" + tokenId + "'");
                return 2;
            }
            out.println("revoked " + tokenId);
            return 0;
        }
    }

    @Command(name = "person", mixinStandardHelpOptions = true,
            description = "Register people from the command line (the first administrator of an empty ledger).",
            subcommands = {AddPerson.class})
    static final class PersonCommand extends Group {
    }

    /** A command that only groups subcommands: alone, it shows its usage and fails. */
    abstract static class Group implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a person in the directory: a ledger entry, as POST /api/v1/people makes.")
    static final class AddPerson extends StoreCommand {
        @Option(names = "--id", required = true)
        String personId;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--roles", required = true, split = ",",
                description = "one or more of ${COMPLETION-CANDIDATES}, comma-separated")
        Set<Role> roles;

        @Option(names = "--enterprise", description = "the person's enterprise (none for park staff)")
        String enterpriseId;

        @Override
        boolean readsOfficeKey() {
            return true;
        }

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out, PrintWriter err) {
            var receipt = ctx.getBean(Ledger.class).execute(new RegisterPerson(personId, name, enterpriseId, roles));
            out.println("registered " + personId + " at index " + receipt.entries().get(0).index());
            return 0;
        }
    }

    /**
     * A command that acts on the configured store: bad options refused before the store is opened, then {@link #run}
     * with the opened store; a refusal or a store error is one line on standard error and exit status 2.
     */
    abstract static class StoreCommand implements Callable<Integer> {
        @Unmatched
        List<String> springArgs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Why the options are refused, or null. */
        String refused() {
            return null;
        }

        abstract int run(ConfigurableApplicationContext ctx, PrintWriter out, PrintWriter err);

        /** Whether the command reads the office's signing key (one that registers people: the office's account). */
        boolean readsOfficeKey() {
            return false;
        }

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String refused = refused();
            if (refused != null) {
                err.println("error: " + refused);
                return 2;
            }
            try (ConfigurableApplicationContext ctx = Cli.open(springArgs, false, readsOfficeKey())) {
                return run(ctx, spec.commandLine().getOut(), err);
            } catch (LedgerException e) {
                err.println("error: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                err.println("error: " + Cli.rootMessage(e));
                return 2;
            }
        }
    }

    /** A code point that a terminal would act on or reorder text with, rather than show. */
    static boolean unprintable(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** A stored label as {@code token list} prints it: what a terminal would act on written as {@code \\uXXXX}. */
    static String printable(String label) {
        StringBuilder out = new StringBuilder();
        label.codePoints().forEach(c -> {
            if (unprintable(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
