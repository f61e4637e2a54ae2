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

    static byte[] line(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
