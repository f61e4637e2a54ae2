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
                + "with a warning. With --entry-hash (and --index), the proof must be of that entry. Exit 0 iff it holds.")
public final class VerifyInclusion implements Callable<Integer> {

    @Parameters(index = "0", description = "the proof file (JSON)")
    Path file;

    @Option(names = "--checkpoint", description = "a signed checkpoint of the proof's tree size")
    Path checkpoint;

    @Option(names = "--key", description = "the log's verifier key, or a file holding it (with --checkpoint)")
    String key;

    @Option(names = "--entry-hash", paramLabel = "HASH", description = "the entry's hash as a receipt, a trail or "
            + "a history gives it (64 hex digits), or in base64: the proof's leafHash must be this hash")
    String entryHash;

    @Option(names = "--index", paramLabel = "INDEX", description = "the entry's ledger index: the proof's leafIndex "
            + "must be this index")
    Long index;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        byte[] expected = entryHash == null ? null : entryHash(entryHash);
        if (index != null && index < 0) {
            throw new ProofFiles.UsageError("--index is a ledger index, 0 or more: not " + index);
        }
        JsonNode p = ProofFiles.read(file);
        byte[] leaf;
        try {
            leaf = bytes(p, "leafHash");
            // the entry asked about first: a proof of another entry fails as that, whatever its path
            if (index != null && number(p, "leafIndex") != index) {
                throw new IllegalArgumentException("the proof is of leaf " + number(p, "leafIndex") + ", not of "
                        + "--index " + index);
            }
            if (expected != null && !java.util.Arrays.equals(leaf, expected)) {
                throw new IllegalArgumentException("the proof's leafHash is " + HEX.formatHex(leaf) + ", not the "
                        + "--entry-hash " + HEX.formatHex(expected));
            }
            byte[] root = ProofFiles.root(p, "rootHash", checkpoint, key, number(p, "treeSize"));
            Proofs.verifyInclusion(number(p, "leafIndex"), number(p, "treeSize"), leaf, hashes(p), root);
        } catch (ProofException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("FAILED: " + e.getMessage());
            return 1;
        }
        if (checkpoint == null) {
            spec.commandLine().getErr().println(ProofFiles.UNTIED);
        }
        spec.commandLine().getOut().println("OK: leaf " + number(p, "leafIndex") + " is in the tree of size "
                + number(p, "treeSize") + "; its entry hash is " + HEX.formatHex(leaf)
                + (expected == null ? "" : ", the --entry-hash given"));
        return 0;
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    /**
     * An entry hash given on the command line: 64 hex digits (as receipts, trails and histories write it) or
     * base64 of 32 bytes (as proofs do). Anything else is a usage error, not a proof that fails.
     */
    static byte[] entryHash(String given) {
        String h = given;
        if (h.length() == 64 && h.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
                || c >= 'A' && c <= 'F')) {
            return HEX.parseHex(h);
        }
        try {
            byte[] b = java.util.Base64.getDecoder().decode(h);
            if (b.length == 32) {
                return b;
            }
        } catch (IllegalArgumentException e) {
            // neither: said below
        }
        throw new ProofFiles.UsageError("--entry-hash must be an entry hash, 64 hex digits as a receipt gives it or "
                + "44 characters of base64 as a proof does: not " + (h.length() > 70 ? h.substring(0, 70) + "…" : h));
    }
}
