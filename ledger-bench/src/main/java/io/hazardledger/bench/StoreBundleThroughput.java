package io.hazardledger.bench;

import io.hazardledger.Ledger;
import io.hazardledger.bundle.BundleReport;
import io.hazardledger.bundle.BundleVerifier;
import io.hazardledger.bundle.BundleWriter;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code verify-bundle} on the export of a real store (one that {@link Growth} filled, signed or not):
 * {@code java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.StoreBundleThroughput STORE DIR RUNS}.
 * Exports the store into {@code DIR} once (not timed) under a log key of its own, for which it writes one entry more
 * (a person registered, so that the key signs a checkpoint of its own size), then verifies the directory
 * {@code RUNS} times in this JVM, printing entries per second and the signed entries checked.
 */
public final class StoreBundleThroughput {

    private StoreBundleThroughput() {
    }

    /** One timed verification. */
    public record Run(long entries, long signedEntries, double seconds) {
        public double perSecond() {
            return entries / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        String key = export(args[0], Path.of(args[1]));
        for (Run r : run(Path.of(args[1]), key, Integer.parseInt(args[2]))) {
            System.out.printf("%d entries (%d signed) in %.2f s = %.0f entries/s%n", r.entries(), r.signedEntries(),
                    r.seconds(), r.perSecond());
        }
    }

    /** Exports the store at {@code path} (an H2 file without {@code .mv.db}) into {@code dir}; its verifier key. */
    public static String export(String path, Path dir) throws Exception {
        var logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (var ds = Stores.existing(path, 4);
             Ledger ledger = Ledger.builder().dataSource(ds)
                     .checkpoints(logKey, "bench.example/export", Duration.ZERO).build()) {
            ledger.execute(new RegisterPerson("exporter-" + System.nanoTime(), "Exporter", null, Set.of(Role.AUDITOR)));
            var checkpoints = ledger.checkpoints().orElseThrow();
            checkpoints.checkpointNow();
            List<Long> sizes = checkpoints.sizes();
            BundleWriter.writeDirectory(ledger.log(), checkpoints, sizes.get(sizes.size() - 1), dir);
        }
        return Files.readString(dir.resolve("key")).strip();
    }

    /** Verifies the directory {@code runs} times. */
    public static List<Run> run(Path dir, String verifierKey, int runs) throws Exception {
        List<Run> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            BundleReport r = BundleVerifier.verifyDirectory(dir, List.of(verifierKey), p -> { });
            out.add(new Run(r.treeSize(), r.signedEntries(), (System.nanoTime() - t0) / 1e9));
        }
        return out;
    }
}
