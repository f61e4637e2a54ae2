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

/** {@code verify-inclusion}: one RFC 9162 inclusion proof (FORMAT.md section 14). Exit 0 iff it holds. */
@Command(name = "verify-inclusion", mixinStandardHelpOptions = true,
        description = "Check one inclusion proof given as {\"leafIndex\",\"treeSize\",\"leafHash\",\"hashes\"} (base64), "
                + "as GET /api/v1/ledger/proofs/inclusion serves it, against the root of --checkpoint, verified with "
                + "--key (a rootHash in the file must be that root). Without them, against the file's own rootHash, "
                + "with a warning. Exit 0 iff it holds.")
public final class VerifyInclusion implements Callable<Integer> {

    @Parameters(index = "0", description = "the proof file (JSON)")
    Path file;

    @Option(names = "--checkpoint", description = "a signed checkpoint of the proof's tree size")
    Path checkpoint;

    @Option(names = "--key", description = "the log's verifier key, or a file holding it (with --checkpoint)")
    String key;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        JsonNode p = ProofFiles.read(file);
        try {
            byte[] root = ProofFiles.root(p, "rootHash", checkpoint, key, number(p, "treeSize"));
            Proofs.verifyInclusion(number(p, "leafIndex"), number(p, "treeSize"), bytes(p, "leafHash"), hashes(p),
                    root);
        } catch (ProofException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("FAILED: " + e.getMessage());
            return 1;
        }
        if (checkpoint == null) {
            spec.commandLine().getErr().println(ProofFiles.UNTIED);
        }
        spec.commandLine().getOut().println("OK: leaf " + number(p, "leafIndex") + " is in the tree of size "
                + number(p, "treeSize"));
        return 0;
    }
}
