package io.hazardledger.bench;

import io.hazardledger.bundle.BundleReport;
import io.hazardledger.bundle.BundleVerifier;
import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.RightEdge;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Whole-run throughput of {@code verify-bundle} on a synthetic exported directory of N unsigned HazardReported
 * entries (~1 KiB each): {@code java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.BundleThroughput N DIR}.
 * Writes the bundle once (not timed; kept for later runs), then times three verification runs (or as many as a third
 * argument says) and prints entries per second, with OpenSSL's SHA-256 and Ed25519 on one core before the first run
 * and after the last ({@link OpensslBaseline}: the hardware's limit, in the same run).
 */
public final class BundleThroughput {

    private BundleThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        Path dir = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String key = write(n, dir);
        System.out.printf("bundle of %d entries, %d MB%n", n, Files.size(dir.resolve("entries.jsonl")) >> 20);
        // the hardware's limit, measured in the same run, before and after (SHA-256 of 1 KiB, Ed25519, one core each)
        OpensslBaseline.measure().forEach(System.out::println);
        for (int run = 1; run <= runs; run++) {
            Run r = verify(dir, key);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("run %d: %d entries in %.2f s = %.0f entries/s (heap used %d MB of max %d MB)%n", run,
                    r.entries(), r.seconds(), r.perSecond(), (rt.totalMemory() - rt.freeMemory()) >> 20,
                    rt.maxMemory() >> 20);
        }
        OpensslBaseline.measure().forEach(System.out::println);
    }

    /** One timed verification of a whole bundle. */
    public record Run(long entries, double seconds) {
        public double perSecond() {
            return entries / seconds;
        }
    }

    /** Verifies the bundle in {@code dir} against {@code verifierKey}, timed. */
    public static Run verify(Path dir, String verifierKey) throws Exception {
        long t0 = System.nanoTime();
        BundleReport r = BundleVerifier.verifyDirectory(dir, List.of(verifierKey), p -> { });
        return new Run(r.treeSize(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Writes a bundle of {@code n} entries into {@code dir}, unless the bundle there already has {@code n} entries
     * (writing a million entries takes longer than verifying them), and returns its verifier key.
     */
    public static String write(long n, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("key");
        Path checkpointFile = dir.resolve("checkpoint");
        if (Files.isRegularFile(keyFile) && Files.isRegularFile(checkpointFile)) {
            String key = Files.readString(keyFile).strip();
            String text = NoteVerifier.parse(key).verify(Files.readString(checkpointFile));
            if (Checkpoint.parse(text).size() == n) {
                return key;
            }
        }
        var signingKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        NoteSigner signer = new NoteSigner("bench.example/log", signingKey);
        EntryContent template = Fixtures.hazardReported();
        RightEdge tree = new RightEdge();
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
                tree.append(HexFormat.of().parseHex(prev));
            }
        }
        String text = new Checkpoint("bench.example/log", n, tree.root()).text();
        Files.writeString(dir.resolve("checkpoint"), signer.sign(text));
        Files.writeString(dir.resolve("key"), signer.verifierKey() + "\n");
        return signer.verifierKey();
    }
}
