package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.Ledger;
import io.hazardledger.bundle.BundleException;
import io.hazardledger.bundle.BundleReport;
import io.hazardledger.bundle.BundleVerifier;
import io.hazardledger.bundle.BundleWriter;
import io.hazardledger.integrity.merkle.ProofException;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.log.Checkpoints;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

/** The auditor's commands: export a bundle from the store, and check bundles and proofs without any server. */
final class LogCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                long size = checkpoints.sizes().get(checkpoints.sizes().size() - 1);
                BundleWriter.writeDirectory(ledger.log(), checkpoints, size, dir);
                spec.commandLine().getOut().println("exported " + size + " entries and their checkpoint to " + dir);
                return 0;
            }
        }
    }

    @Command(name = "verify-bundle", mixinStandardHelpOptions = true,
            description = "Verify an exported directory (export DIR) or a downloaded bundle file (GET "
                    + "/api/v1/ledger/bundle) without any server: the checkpoint's signature with the verifier keys "
                    + "you trust, every entry's canonical form, the chain, the Merkle root and every signature.")
    static final class VerifyBundle implements Callable<Integer> {

        @Option(names = "--key", description = "a checkpoint verifier key you trust (name+keyid+key), or a file of "
                + "them; repeatable. Without one the bundle's own key is used, which proves only consistency.")
        List<String> keys = new ArrayList<>();

        @Option(names = "--since", description = "a checkpoint (signed note file) you trusted before: the bundle must "
                + "extend it, else it is another history signed with the same key (exported directories only)")
        Path since;

        @Parameters(index = "0", description = "the exported directory or the bundle file")
        Path bundle;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> trusted = new ArrayList<>();
            for (String k : keys) {
                Path p = Path.of(k);
                if (!k.contains("+") && Files.isRegularFile(p)) {
                    Files.readAllLines(p).stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(trusted::add);
                } else {
                    trusted.add(k.strip());
                }
            }
            boolean terminal = System.console() != null;
            try {
                BundleReport r;
                if (Files.isDirectory(bundle)) {
                    r = BundleVerifier.verifyDirectory(bundle, trusted, since == null ? null : Files.readString(since), n -> {
                        if (terminal) {
                            err.print("\rchecked " + n + " entries");
                            err.flush();
                        }
                    });
                    if (terminal) {
                        err.println();
                    }
                } else if (Files.isRegularFile(bundle)) {
                    try (InputStream in = Files.newInputStream(bundle)) {
                        r = BundleVerifier.verify(in, trusted);
                    }
                } else {
                    err.println("error: " + bundle + " is neither an exported directory nor a bundle file");
                    return 2;
                }
                if (r.keyFromBundle()) {
                    err.println("WARNING: no --key given: the checkpoint was checked with the bundle's own key, which "
                            + "proves only that the bundle is consistent, not who signed it");
                }
                r.signatureFindings().forEach(f -> err.println("SIGNATURE " + f));
                if (!r.signatureFindings().isEmpty()) {
                    err.println("FAILED: " + r.signatureFindings().size() + " signatures do not hold");
                    return 1;
                }
                out.println("OK: " + r.treeSize() + " entries of " + r.origin() + " verified against the checkpoint; "
                        + "root " + r.rootHash() + "; " + r.signedEntries() + " signed entries checked");
                return 0;
            } catch (BundleException e) {
                err.println("FAILED " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "verify-inclusion", mixinStandardHelpOptions = true,
            description = "Check one inclusion proof given as {\"leafIndex\",\"treeSize\",\"leafHash\",\"rootHash\",\"hashes\"} "
                    + "(base64). Without rootHash (as GET /api/v1/ledger/proofs/inclusion serves it) the root comes from "
                    + "--checkpoint, verified with --key. Exit 0 iff it holds.")
    static final class VerifyInclusion implements Callable<Integer> {

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
            JsonNode p = JSON.readTree(Files.readString(file));
            try {
                byte[] root = p.has("rootHash") ? bytes(p, "rootHash") : root(checkpoint, key, number(p, "treeSize"));
                Proofs.verifyInclusion(number(p, "leafIndex"), number(p, "treeSize"), bytes(p, "leafHash"), hashes(p),
                        root);
            } catch (ProofException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("FAILED: " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().println("OK: leaf " + number(p, "leafIndex") + " is in the tree of size "
                    + number(p, "treeSize"));
            return 0;
        }
    }

    @Command(name = "verify-consistency", mixinStandardHelpOptions = true,
            description = "Check one consistency proof given as {\"fromSize\",\"toSize\",\"fromRoot\",\"toRoot\",\"hashes\"} "
                    + "(base64). Without the roots (as GET /api/v1/ledger/proofs/consistency serves it) they come from "
                    + "--from-checkpoint and --to-checkpoint, verified with --key. Exit 0 iff it holds.")
    static final class VerifyConsistency implements Callable<Integer> {

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
            JsonNode p = JSON.readTree(Files.readString(file));
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

    /** The root of a signed checkpoint of the given size, verified with the key. */
    private static byte[] root(Path checkpointFile, String key, long size) {
        if (checkpointFile == null || key == null) {
            throw new IllegalArgumentException("the proof holds no root: give a signed checkpoint and --key");
        }
        try {
            String k = Files.isRegularFile(Path.of(key)) ? Files.readString(Path.of(key)).strip() : key.strip();
            var cp = io.hazardledger.integrity.note.Checkpoint.parse(
                    io.hazardledger.integrity.note.NoteVerifier.parse(k).verify(Files.readString(checkpointFile)));
            if (cp.size() != size) {
                throw new IllegalArgumentException("the checkpoint is of size " + cp.size() + ", the proof of size " + size);
            }
            return cp.root();
        } catch (IOException | io.hazardledger.integrity.sig.InvalidSignatureException e) {
            throw new IllegalArgumentException("the checkpoint does not verify: " + e.getMessage());
        }
    }

    private static long number(JsonNode p, String member) {
        if (!p.path(member).canConvertToLong() || !p.path(member).isIntegralNumber()) {
            throw new IllegalArgumentException(member + " must be a whole number");
        }
        return p.path(member).asLong();
    }

    private static byte[] bytes(JsonNode p, String member) {
        if (!p.path(member).isTextual()) {
            throw new IllegalArgumentException(member + " must be base64");
        }
        return Base64.getDecoder().decode(p.path(member).asText());
    }

    private static List<byte[]> hashes(JsonNode p) {
        if (!p.path("hashes").isArray()) {
            throw new IllegalArgumentException("hashes must be an array of base64 hashes");
        }
        List<byte[]> out = new ArrayList<>();
        for (JsonNode h : p.path("hashes")) {
            out.add(Base64.getDecoder().decode(h.asText()));
        }
        return out;
    }
}
