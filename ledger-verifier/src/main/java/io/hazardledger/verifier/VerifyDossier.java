package io.hazardledger.verifier;

import io.hazardledger.dossier.DossierVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code verify-dossier}: a hazard dossier's JSON (FORMAT.md section 16). Exit 0 iff it holds. */
@Command(name = "verify-dossier", mixinStandardHelpOptions = true,
        description = "Check a hazard dossier (GET /api/v1/hazards/{id}/dossier) offline (FORMAT.md 16.5): the "
                + "checkpoint's signature, every entry's hash and inclusion proof, that every cited index is a proved "
                + "entry with the same hash, that the timeline holds every entry of the hazard up to its last, and "
                + "that what those entries decide is what the dossier says: the register row, actors and signers, "
                + "stages, due dates and their outcomes, escalations, responsibilities, what each flag, inspection and "
                + "acknowledgement cites. Exit 0 iff it holds.")
public final class VerifyDossier implements Callable<Integer> {

    @Parameters(index = "0", description = "the dossier (JSON)")
    Path file;

    @Option(names = "--key", required = true,
            description = "the log's checkpoint verifier key, or a file of them (one a line)")
    String key;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        List<String> keys = ProofFiles.keys(key);
        if (keys.isEmpty()) {
            throw new IOException("the key file " + key + " holds no key");
        }
        try {
            // a file that is no UTF-8 text is not a dossier that fails (1) but a file this command does not read (2)
            byte[] dossier = ProofFiles.text(file, ProofFiles.DOSSIER_FILE)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            DossierVerifier.Report r = DossierVerifier.verify(dossier, keys);
            spec.commandLine().getOut().println("OK: dossier of " + r.hazardId() + ": " + r.timelineEntries()
                    + " timeline entries, " + r.provedEntries() + " entries proved in the checkpoint of " + r.origin()
                    + " at tree size " + r.treeSize());
            if (r.serverSigned() > 0) {   // from the proved entries: a dossier cannot hide it
                spec.commandLine().getOut().println("  signed by a server, not by the person named: "
                        + r.serverSigned() + " of the " + r.timelineEntries() + " timeline entries (their statements'"
                        + " mode, FORMAT.md 12.1)");
            }
            // what a dossier can leave out without this noticing, said with the OK (FORMAT.md 16.5)
            spec.commandLine().getOut().println("  not proved: that no later entry of the hazard before its position, "
                    + "no flag, inspection or principal was left out, nor the names, details and flag summaries "
                    + "(FORMAT.md 16.5)");
            return 0;
        } catch (DossierVerifier.DossierException e) {
            spec.commandLine().getErr().println("FAILED: " + e.getMessage());
            return 1;
        }
    }
}
