package io.hazardledger.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardledger.log.Checkpoints;
import io.hazardledger.log.MerkleLog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a bundle: a header line {@code {"format":"hazard-ledger-bundle/v1","origin","treeSize","checkpoint",
 * "verifierKeys"}} and then the entries {@code [0, treeSize)}, each exactly the bytes that were hashed, one per line.
 */
public final class BundleWriter {

    public static final String FORMAT = "hazard-ledger-bundle/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 5_000;

    private BundleWriter() {
    }

    /** Writes the bundle of the checkpoint at {@code treeSize} (which must exist). */
    public static void write(MerkleLog log, Checkpoints checkpoints, long treeSize, OutputStream out) throws IOException {
        String note = checkpoints.at(treeSize).orElseThrow(() ->
                new io.hazardledger.InvalidInputException("treeSize", "no checkpoint at tree size " + treeSize));
        ObjectNode header = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("origin", checkpoints.origin())
                .put("treeSize", treeSize)
                .put("checkpoint", note);
        header.putArray("verifierKeys").addAll(checkpoints.verifierKeys().stream()
                .map(JSON.getNodeFactory()::textNode).toList());
        out.write(JSON.writeValueAsBytes(header));
        out.write('\n');
        for (long from = 0; from < treeSize; from += PAGE) {
            List<byte[]> entries = log.entries(from, Math.min(treeSize, from + PAGE));
            for (byte[] entry : entries) {
                out.write(entry);
                out.write('\n');
            }
        }
        out.flush();
    }

    /**
     * Exports the checkpoint at {@code treeSize} into {@code dir}: {@code entries.jsonl} (the entries, one per line),
     * {@code checkpoint} (the signed note with its cosignatures), {@code key} (the log's verifier keys, one per line,
     * primary first) and, when there is one, {@code timestamp.der} (the RFC 3161 token).
     */
    public static void writeDirectory(MerkleLog log, Checkpoints checkpoints, long treeSize, java.nio.file.Path dir)
            throws IOException {
        String note = checkpoints.at(treeSize).orElseThrow(() ->
                new io.hazardledger.InvalidInputException("treeSize", "no checkpoint at tree size " + treeSize));
        java.nio.file.Files.createDirectories(dir);
        try (OutputStream out = new java.io.BufferedOutputStream(
                java.nio.file.Files.newOutputStream(dir.resolve("entries.jsonl")), 1 << 16)) {
            for (long from = 0; from < treeSize; from += PAGE) {
                for (byte[] entry : log.entries(from, Math.min(treeSize, from + PAGE))) {
                    out.write(entry);
                    out.write('\n');
                }
            }
        }
        java.nio.file.Files.writeString(dir.resolve("checkpoint"), note, StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(dir.resolve("key"), String.join("\n", checkpoints.verifierKeys()) + "\n",
                StandardCharsets.UTF_8);
        var token = checkpoints.timestamp(treeSize);
        if (token.isPresent()) {
            java.nio.file.Files.write(dir.resolve("timestamp.der"), token.get());
        }
    }

    /** The files an exported directory holds ({@code timestamp.der} only when the checkpoint has a token). */
    private static final List<String> EXPORTED = List.of("entries.jsonl", "checkpoint", "key", "timestamp.der");

    /** The order they are moved into place: the checkpoint last (interrupted, entries beside another's fail). */
    private static final List<String> MOVED = List.of("entries.jsonl", "key", "timestamp.der", "checkpoint");

    /**
     * Exports the checkpoint at {@code treeSize} into {@code dir} as {@link #writeDirectory} does, but only what
     * verifies: the files are written into a folder of their own inside {@code dir}, checked there as an auditor's
     * {@code verify-bundle} would check them (against the log's own verifier keys, docs/FORMAT.md section 15), and
     * moved into {@code dir} only when they hold. A store whose entries were changed behind the ledger's back, so that
     * they no longer make the roots it signed, exports nothing: the {@link BundleException} names the first index
     * that breaks and {@code dir} is left as it was. Signatures voided by a later revocation are not a break (the
     * entries are the log's): the report lists them, as {@code verify-bundle} does. The files are readable by their
     * owner only, and so is {@code dir} when this makes it: the entries name people and hold reports' texts, and are
     * shared on purpose, as a backup is.
     */
    public static BundleReport exportDirectory(MerkleLog log, Checkpoints checkpoints, long treeSize,
                                               java.nio.file.Path dir) throws BundleException, IOException {
        // the entries name people and hold reports' texts: shared only on purpose, as a backup is
        io.hazardledger.internal.OwnerOnly.createFolders(dir);
        java.nio.file.Path staged = java.nio.file.Files.createTempDirectory(dir, ".export-");
        try {
            writeDirectory(log, checkpoints, treeSize, staged);
            BundleReport report = BundleVerifier.verifyDirectory(staged, checkpoints.verifierKeys(), n -> { });
            for (String name : MOVED) {
                java.nio.file.Path from = staged.resolve(name);
                if (java.nio.file.Files.exists(from)) {
                    io.hazardledger.internal.OwnerOnly.file(from);
                    java.nio.file.Files.move(from, dir.resolve(name),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } else {   // an earlier export's token is not this checkpoint's
                    java.nio.file.Files.deleteIfExists(dir.resolve(name));
                }
            }
            return report;
        } finally {
            for (String name : EXPORTED) {
                java.nio.file.Files.deleteIfExists(staged.resolve(name));
            }
            java.nio.file.Files.deleteIfExists(staged);
        }
    }

    static byte[] line(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
