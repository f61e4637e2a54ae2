package io.hazardledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.integrity.merkle.ProofException;
import io.hazardledger.integrity.merkle.Proofs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static io.hazardledger.verifier.ProofFiles.hashes;
import static io.hazardledger.verifier.ProofFiles.number;

/** {@code verify-consistency}: one RFC 9162 consistency proof (FORMAT.md section 14). Exit 0 iff it holds. */
@Command(name = "verify-consistency", mixinStandardHelpOptions = true,
        description = "Check one consistency proof given as {\"fromSize\",\"toSize\",\"hashes\"} (base64), as "
                + "GET /api/v1/ledger/proofs/consistency serves it, against the roots of --from-checkpoint and "
                + "--to-checkpoint, verified with --key (a fromRoot or toRoot in the file must be that root). A root "
                + "without its checkpoint is the file's own, with a warning. Exit 0 iff it holds.")
public final class VerifyConsistency implements Callable<Integer> {

    @Parameters(index = "0", description = "the proof file (JSON)")
    Path file;

    @Option(names = "--from-checkpoint", description = "a signed checkpoint of the proof's fromSize")
    Path fromCheckpoint;

    @Option(names = "--to-checkpoint", description = "a signed checkpoint of the proof's toSize")
    Path toCheckpoint;

    @Option(names = "--key", description = "the log's verifier key, or a file holding it (with the checkpoints)")
    String key;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        JsonNode p = ProofFiles.read(file);
        try {
            if (key != null && fromCheckpoint == null && toCheckpoint == null) {
                throw new ProofFiles.UsageError("--key checks signed checkpoints: give --from-checkpoint and "
                        + "--to-checkpoint too");
            }
            // a key given checks each checkpoint given; a side without one takes the file's own root
            byte[] fromRoot = ProofFiles.root(p, "fromRoot", fromCheckpoint, fromCheckpoint == null ? null : key,
                    number(p, "fromSize"));
            byte[] toRoot = ProofFiles.root(p, "toRoot", toCheckpoint, toCheckpoint == null ? null : key,
                    number(p, "toSize"));
            Proofs.verifyConsistency(number(p, "fromSize"), number(p, "toSize"), fromRoot, toRoot, hashes(p));
        } catch (ProofException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("FAILED: " + e.getMessage());
            return 1;
        }
        if (fromCheckpoint == null || toCheckpoint == null) {
            spec.commandLine().getErr().println(ProofFiles.UNTIED);
        }
        spec.commandLine().getOut().println("OK: the tree of size " + number(p, "fromSize")
                + " is a prefix of the tree of size " + number(p, "toSize"));
        return 0;
    }
}
