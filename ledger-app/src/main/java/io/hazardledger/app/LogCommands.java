package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.bundle.BundleWriter;
import io.hazardledger.log.Checkpoints;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Export a bundle from the store (the offline checks of it are in ledger-verifier). */
final class LogCommands {

    private LogCommands() {
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export the ledger up to its latest checkpoint (made now if the tree grew) into DIR: "
                    + "entries.jsonl, checkpoint, key (and timestamp.der). Reads the server's configuration and key.")
    static final class Export implements Callable<Integer> {

        @Parameters(index = "0", description = "the directory to write (created if missing)")
        Path dir;

        @Unmatched
        List<String> springArgs;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (ConfigurableApplicationContext ctx = Cli.open(springArgs)) {
                Ledger ledger = ctx.getBean(Ledger.class);
                Checkpoints checkpoints = ledger.checkpoints().orElse(null);
                if (checkpoints == null) {
                    spec.commandLine().getErr().println("error: no checkpoint key (ledger.log.key-file): start the "
                            + "server once to create it");
                    return 2;
                }
                checkpoints.checkpointNow();
                long size = checkpoints.latestSize().orElseThrow();
                BundleWriter.writeDirectory(ledger.log(), checkpoints, size, dir);
                spec.commandLine().getOut().println("exported " + size + " entries and their checkpoint to " + dir);
                return 0;
            }
        }
    }
}
