package io.hazardledger.verifier;

import io.hazardledger.bundle.BundleException;
import io.hazardledger.bundle.BundleReport;
import io.hazardledger.bundle.BundleVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code verify-bundle}: a whole exported ledger checked offline (FORMAT.md section 13). Exit 0 iff it holds. */
@Command(name = "verify-bundle", mixinStandardHelpOptions = true,
        description = "Verify an exported directory (export DIR) or a downloaded bundle file (GET "
                + "/api/v1/ledger/bundle) without any server: the checkpoint's signature with the verifier keys "
                + "you trust, every entry's canonical form, the chain, the Merkle root and every signature.")
public final class VerifyBundle implements Callable<Integer> {

    @Option(names = "--key", description = "a checkpoint verifier key you trust (name+keyid+key), or a file of "
            + "them; repeatable. Without one the bundle's own key is used, which proves only consistency.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--since", description = "a checkpoint (signed note file) you trusted before: the bundle must "
            + "extend it, else it is another history signed with the same key")
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
            List<String> given = ProofFiles.keys(k);
            if (given.isEmpty()) {
                // a --key that gives none (an empty file: a download that failed) is never "no --key given": the
                // bundle's own key would then be trusted in its place
                err.println("error: the key file " + k + " holds no key");
                return 2;
            }
            trusted.addAll(given);
        }
        String earlier = null;
        if (since != null) {
            if (!Files.isRegularFile(since)) {
                err.println("error: --since " + since + ": no such file (a checkpoint, a signed note, you trusted before)");
                return 2;
            }
            earlier = ProofFiles.text(since);
            if (!earlier.replace("\r\n", "\n").contains("\n\n\u2014 ")) {
                err.println("error: --since " + since + ": not a signed note (a checkpoint you trusted before, as GET "
                        + "/api/v1/ledger/checkpoint gives it: its text, a blank line, then its signature lines)");
                return 2;
            }
        }
        boolean terminal = System.console() != null;
        try {
            BundleReport r;
            if (Files.isDirectory(bundle)) {
                r = BundleVerifier.verifyDirectory(bundle, trusted, earlier, n -> {
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
                    r = BundleVerifier.verify(in, trusted, earlier);
                }
            } else {
                err.println("error: " + bundle + " is neither an exported directory nor a bundle file");
                return 2;
            }
            if (r.keyFromBundle()) {
                err.println("WARNING: no --key given: the checkpoint was checked with the bundle's own key, which "
                        + "proves only that the bundle is consistent, not who signed it");
            }
            r.clockSteps().forEach(c -> err.println("WARNING: " + c.warning()));
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
