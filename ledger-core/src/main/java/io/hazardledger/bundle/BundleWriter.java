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

    static byte[] line(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
