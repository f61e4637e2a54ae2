package io.hazardledger.bench;

import io.hazardledger.bundle.BundleReport;
import io.hazardledger.bundle.BundleVerifier;
import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * Whole-run throughput of {@code verify-bundle} on a synthetic exported directory of N unsigned HazardReported
 * entries (~1 KiB each): {@code java -cp ledger-core/target/benchmarks.jar io.hazardledger.bench.BundleThroughput N DIR}.
 * Writes the bundle once (not timed), then times three verification runs and prints entries per second.
 */
public final class BundleThroughput {

    private BundleThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        Path dir = Path.of(args[1]);
        var key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        NoteSigner signer = new NoteSigner("bench.example/log", key);
        Files.createDirectories(dir);
        EntryContent template = Fixtures.hazardReported();
        Deque<byte[]> stack = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        String prev = Hashes.ZERO_HASH;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("entries.jsonl")), 1 << 20)) {
            for (long i = 0; i < n; i++) {
                EntryContent c = new EntryContent("ev-" + i, template.aggregateType(), "hz-" + i, 0,
                        template.eventType(), null, template.recordedAt(), template.metadataJson(),
                        template.payloadJson().replace("\"hz-1\"", "\"hz-" + i + "\""));
                byte[] bytes = EntryCodec.encode(i, prev, c);
                out.write(bytes);
                out.write('\n');
                prev = Hashes.leafHash(bytes);
                byte[] node = HexFormat.of().parseHex(prev);
                int level = 0;
                while (!levels.isEmpty() && levels.peek() == level) {
                    levels.pop();
                    node = MerkleHash.node(stack.pop(), node);
                    level++;
                }
                stack.push(node);
                levels.push(level);
            }
        }
        byte[] root = null;
        for (byte[] node : stack) {
            root = root == null ? node : MerkleHash.node(node, root);
        }
        String text = new Checkpoint("bench.example/log", n, root).text();
        Files.writeString(dir.resolve("checkpoint"), signer.sign(text));
        Files.writeString(dir.resolve("key"), signer.verifierKey() + "\n");
        System.out.printf("bundle of %d entries, %d MB%n", n, Files.size(dir.resolve("entries.jsonl")) >> 20);
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            BundleReport r = BundleVerifier.verifyDirectory(dir, List.of(signer.verifierKey()), p -> { });
            double s = (System.nanoTime() - t0) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.out.printf("run %d: %d entries in %.2f s = %.0f entries/s (heap used %d MB of max %d MB)%n", run,
                    r.treeSize(), s, r.treeSize() / s, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        }
    }
}
