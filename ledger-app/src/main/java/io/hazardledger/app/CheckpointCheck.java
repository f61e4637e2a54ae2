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

    /**
     * Reads each file's text (at most 16 MiB, strict UTF-8), once: a pipe cannot be read twice. An unreadable one is
     * an {@link IOException} or an unchecked usage error whose message names it.
     */
    static java.util.Map<Path, String> read(List<Path> files) throws IOException {
        java.util.Map<Path, String> notes = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            notes.put(file, io.hazardledger.verifier.ProofFiles.text(file));
        }
        return notes;
    }

    /**
     * Checks every checkpoint given (each file's text, as {@link #read} read it); returns the exit status: 0 all hold,
     * 1 one does not, 2 a key cannot be read.
     */
    static int all(Ledger ledger, long size, java.util.Map<Path, String> notes, List<String> logKeys,
                   PrintWriter out, PrintWriter err) {
        if (notes.isEmpty()) {
            return 0;
        }
        List<String> keys = logKeys != null ? logKeys
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
        for (java.util.Map.Entry<Path, String> given : notes.entrySet()) {
            Path file = given.getKey();
            String note = given.getValue();
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.verified(note, keys);
            } catch (InvalidSignatureException e) {
                err.println("FAILED [checkpoint-signature]: " + file + " is not a checkpoint signed by the log's key: "
                        + e.getMessage());
                status = 1;
                continue;
            }
            long n = checkpoint.size();
            if (n > size) {
                err.println("FAILED at index " + size + " [checkpoint-missing-entries]: " + file + " signs " + n
                        + " entries but the ledger holds " + size + ": " + (n - size == 1 ? "entry " + size + " is"
                        : "entries " + size + " to " + (n - 1) + " are") + " missing (restored from a backup older "
                        + "than this checkpoint?)");
                status = 1;
            } else if (!Arrays.equals(ledger.log().root(n), checkpoint.root())) {
                long agreed = largestStoredAgreeing(ledger, keys);
                String signedRoot = " (signed root " + HexFormat.of().formatHex(checkpoint.root()) + ")";
                if (agreed >= n) {
                    // a stored checkpoint of this size or a larger one, signed by the same key, is what the entries
                    // make: the key signed both histories, and the ledger is the one it signed later or alike
                    err.println("FAILED [checkpoint-root]: " + file + ": the log's key signed two histories of " + n
                            + " entries: this one" + signedRoot + " and the stored checkpoint's of " + agreed
                            + ", which the entries make: a fork under one key (or the key used for another log)");
                } else {
                    err.println("FAILED in entries " + agreed + " to " + (n - 1) + " [checkpoint-root]: " + file
                            + ": the ledger's first " + n + " entries are not the ones it signed" + signedRoot + "; "
                            + (agreed == 0 ? "no stored checkpoint of this log narrows where they differ"
                            : "entries 0 to " + (agreed - 1) + " are those of the stored checkpoint of size "
                            + agreed + ", signed by the same key, so the entries that differ are among " + agreed
                            + " to " + (n - 1)));
                }
                status = 1;
            } else {
                out.println("checkpoint " + n + " (" + file + "): consistent, the ledger extends it");
            }
        }
        return status;
    }

    /**
     * The largest size of a checkpoint stored in the ledger, signed by one of the keys, whose root the entries make
     * (the first entries up to it are the ones that key signed); 0 when there is none. A root cannot tell which entry
     * differs; this bounds where, as far as the log's own signed history can.
     */
    private static long largestStoredAgreeing(Ledger ledger, List<String> keys) {
        Checkpoints stored = ledger.checkpoints().orElse(null);
        if (stored == null) {
            return 0;
        }
        List<Long> sizes = stored.sizes().stream().sorted(java.util.Comparator.reverseOrder()).toList();
        for (long s : sizes) {
            try {
                Checkpoint c = Checkpoint.verified(stored.at(s).orElseThrow(), keys);
                if (c.size() == s && Arrays.equals(ledger.log().root(s), c.root())) {
                    return s;
                }
            } catch (InvalidSignatureException | RuntimeException e) {
                // not this log's, or not readable: it bounds nothing
            }
        }
        return 0;
    }
}
