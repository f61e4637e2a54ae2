package io.hazardledger.app;

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

/** Checks an offline audit bundle without the server or its database. Exit 0 when it holds, 1 when not, 2 on errors. */
@Command(name = "verify-bundle", mixinStandardHelpOptions = true,
        description = "Verify an offline audit bundle (GET /api/v1/ledger/bundle): the checkpoint's signature with "
                + "the verifier keys you trust, every entry, the chain, the Merkle root and every signature.")
final class VerifyBundle implements Callable<Integer> {

    @Option(names = "--key", description = "a checkpoint verifier key you trust (name+keyid+key), or a file of them; "
            + "repeatable. Without one the bundle's own key is used, which proves only internal consistency.")
    List<String> keys = new ArrayList<>();

    @Parameters(index = "0", description = "the bundle file")
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
        if (!Files.isRegularFile(bundle)) {
            err.println("error: " + bundle + " is not a file");
            return 2;
        }
        try (InputStream in = Files.newInputStream(bundle)) {
            BundleReport r = BundleVerifier.verify(in, trusted);
            if (r.keyFromBundle()) {
                err.println("WARNING: no --key given: the checkpoint was checked with the bundle's own key, which "
                        + "proves only that the bundle is consistent, not who signed it");
            }
            r.signatureFindings().forEach(f -> err.println("SIGNATURE " + f));
            if (!r.signatureFindings().isEmpty()) {
                err.println("FAILED: " + r.signatureFindings().size() + " signatures do not hold");
                return 1;
            }
            out.println("OK: " + r.treeSize() + " entries of " + r.origin() + " verified against the checkpoint; root "
                    + r.rootHash() + "; " + r.signedEntries() + " signed entries checked");
            return 0;
        } catch (BundleException e) {
            err.println("FAILED " + e.getMessage());
            return 1;
        }
    }
}
