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

import static io.hazardledger.verifier.ProofFiles.bytes;
import static io.hazardledger.verifier.ProofFiles.hashes;
import static io.hazardledger.verifier.ProofFiles.number;
import static io.hazardledger.verifier.ProofFiles.root;

/** {@code verify-consistency}: one RFC 9162 consistency proof (FORMAT.md section 14). Exit 0 iff it holds. */
@Command(name = "verify-consistency", mixinStandardHelpOptions = true,
        description = "Check one consistency proof given as {\"fromSize\",\"toSize\",\"fromRoot\",\"toRoot\",\"hashes\"} "
                + "(base64). Without the roots (as GET /api/v1/ledger/proofs/consistency serves it) they come from "
                + "--from-checkpoint and --to-checkpoint, verified with --key. Exit 0 iff it holds.")
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
            byte[] fromRoot = p.has("fromRoot") ? bytes(p, "fromRoot") : root(fromCheckpoint, key, number(p, "fromSize"));
            byte[] toRoot = p.has("toRoot") ? bytes(p, "toRoot") : root(toCheckpoint, key, number(p, "toSize"));
            Proofs.verifyConsistency(number(p, "fromSize"), number(p, "toSize"), fromRoot, toRoot, hashes(p));
        } catch (ProofException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("FAILED: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("OK: the tree of size " + number(p, "fromSize")
                + " is a prefix of the tree of size " + number(p, "toSize"));
        return 0;
    }
}
