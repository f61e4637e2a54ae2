package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.log.Checkpoints;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code verify --checkpoint FILE}: a checkpoint saved before (a backup, a restore, a migration) must still hold for
 * the verified ledger: signed by the log's key, no larger than the ledger, and the ledger's tree at its size has its
 * root. Equal roots at size n mean the first n entries are exactly the ones the checkpoint signed (RFC 9162); a
 * ledger shorter than the checkpoint lost entries the log had already committed to.
 */
final class CheckpointCheck {

    private CheckpointCheck() {
    }

    /** Checks every file; returns the exit status: 0 all hold, 1 one does not, 2 a file or key cannot be read. */
    static int all(Ledger ledger, long size, List<Path> files, String logKey, PrintWriter out, PrintWriter err) {
        if (files.isEmpty()) {
            return 0;
        }
        List<String> keys = logKey != null ? List.of(logKey.strip())
                : ledger.checkpoints().map(Checkpoints::verifierKeys).orElse(List.of());
        try {
            for (String key : keys) {
                NoteVerifier.parse(key);
            }
        } catch (InvalidSignatureException e) {
            err.println("error: --log-key is not a verifier key: " + e.getMessage());
            return 2;
        }
        if (keys.isEmpty()) {
            err.println("error: no key to check the checkpoints' signatures: give --log-key (GET /api/v1/ledger/key) "
                    + "or configure ledger.log.key-file");
            return 2;
        }
        int status = 0;
        for (Path file : files) {
            String note;
            try {
                note = io.hazardledger.verifier.ProofFiles.text(file);
            } catch (IOException e) {
                err.println("error: cannot read " + file + ": " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {   // larger than a checkpoint can be, or not UTF-8: named
                err.println("error: " + e.getMessage());
                return 2;
            }
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.verified(note, keys);
            } catch (InvalidSignatureException e) {
                err.println("FAILED: " + file + " is not a checkpoint signed by the log's key: " + e.getMessage());
                status = 1;
                continue;
            }
            if (checkpoint.size() > size) {
                err.println("FAILED: " + file + " signs " + checkpoint.size() + " entries but the ledger holds " + size
                        + ": " + (checkpoint.size() - size == 1 ? "entry " + size + " is" : "entries " + size + " to "
                        + (checkpoint.size() - 1) + " are") + " missing (restored from a backup older than this "
                        + "checkpoint?)");
                status = 1;
            } else if (!Arrays.equals(ledger.log().root(checkpoint.size()), checkpoint.root())) {
                err.println("FAILED: " + file + ": the ledger's first " + checkpoint.size() + " entries are not the "
                        + "ones it signed (signed root " + HexFormat.of().formatHex(checkpoint.root()) + ")");
                status = 1;
            } else {
                out.println("checkpoint " + checkpoint.size() + " (" + file + "): consistent, the ledger extends it");
            }
        }
        return status;
    }
}
