package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.bundle.BundleReport;
import io.hazardledger.bundle.BundleVerifier;
import io.hazardledger.bundle.BundleWriter;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.log.Checkpoints;
import io.hazardledger.LedgerPosition;
import io.hazardledger.register.RegisterFilter;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the figures grow with the ledger: one store filled through the whole write path by 16 closed-loop clients
 * (the park of {@link Park}), and at each size asked for: {@code verify} (entries/s, signatures included when
 * signed), projection rebuild ({@code replay}, events/s), register queries (p50/p99; a hazard is reported before each
 * round of queries, so that no answer comes from a cached result of an unchanged table), inclusion and consistency
 * proofs (p50/p99), export and {@code verify-bundle} (entries/s), and the heap (the most used while filling, and
 * used after a full GC). OpenSSL's SHA-256 and Ed25519 speeds are measured in the same run, before and after.
 *
 * <pre>java -Xmx512m -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.Growth STORE WORKDIR signed|unsigned SIZE...</pre>
 */
public final class Growth {

    private static final int CLIENTS = 16;

    private Growth() {
    }

    public static void main(String[] args) throws Exception {
        String store = args[0];
        Path work = Files.createDirectories(Path.of(args[1]));
        boolean signed = switch (args[2]) {
            case "signed" -> true;
            case "unsigned" -> false;
            default -> throw new IllegalArgumentException("signed or unsigned, got " + args[2]);
        };
        long[] sizes = Arrays.stream(args, 3, args.length).mapToLong(Long::parseLong).toArray();
        OpensslBaseline.measure().forEach(System.out::println);
        for (Figures f : run(store, work, signed, sizes, 2_000)) {
            System.out.println(f.line());
        }
        OpensslBaseline.measure().forEach(System.out::println);
    }

    /** What was measured at one size. */
    public record Figures(long entries, boolean signed, double fillEventsPerSecond, double verifyPerSecond,
                          double replayPerSecond, ProofLatency.Percentiles registerFind,
                          ProofLatency.Percentiles registerGet, ProofLatency.Percentiles openMajor,
                          ProofLatency.Percentiles asOfFind, ProofLatency.Percentiles asOfGet,
                          ProofLatency.Percentiles asOfMajor, ProofLatency.Result proofs, double bundlePerSecond, long signatureFindings,
                          long maxHeapUsedMb, long heapAfterGcMb) {
        String line() {
            return String.format("%d entries (%s): filled at %.0f events/s; verify %.0f entries/s; replay %.0f events/s; "
                            + "register find p50 %.2f / p99 %.2f ms, get p50 %.2f / p99 %.2f ms, open-major p50 %.2f / "
                            + "p99 %.2f ms; as of a random earlier size: find p50 %.2f / p99 %.2f ms, get p50 %.2f / "
                            + "p99 %.2f ms, open-major p50 %.2f / p99 %.2f ms; inclusion proof p50 %.3f / p99 %.3f ms, consistency p50 %.3f / p99 %.3f ms; "
                            + "verify-bundle %.0f entries/s (%d findings); heap max used %d MB while filling, %d MB "
                            + "after GC",
                    entries, signed ? "signed" : "unsigned", fillEventsPerSecond, verifyPerSecond, replayPerSecond,
                    registerFind.p50(), registerFind.p99(), registerGet.p50(), registerGet.p99(), openMajor.p50(),
                    openMajor.p99(), asOfFind.p50(), asOfFind.p99(), asOfGet.p50(), asOfGet.p99(), asOfMajor.p50(),
                    asOfMajor.p99(), proofs.inclusion().p50(), proofs.inclusion().p99(), proofs.consistency().p50(),
                    proofs.consistency().p99(), bundlePerSecond, signatureFindings, maxHeapUsedMb, heapAfterGcMb);
        }
    }

    /** Fills one fresh store to each size in turn and measures there; {@code queries} of each kind per size. */
    public static List<Figures> run(String store, Path work, boolean signed, long[] sizes, int queries) throws Exception {
        List<Figures> out = new ArrayList<>();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong maxUsed = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try (HikariDataSource ds = Stores.fresh(store, work, CLIENTS);
             Ledger ledger = Ledger.builder().dataSource(ds).requireSignatures(signed)
                     .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "bench.example/ledger",
                             Duration.ZERO)
                     .build()) {
            Park park = Park.register(ledger, signed);
            List<String> hazards = Collections.synchronizedList(new ArrayList<>());
            for (long size : sizes) {
                long missing = size - ledger.log().size();
                double fill = 0;
                if (missing > 0) {
                    CommandLoad.Result r = CommandLoad.load(c -> park.execute(ledger, c), CLIENTS,
                            Duration.ofSeconds(Long.MAX_VALUE / 2_000_000_000L), missing, "g" + size, hazards::add);
                    fill = r.perSecond();
                }
                out.add(measure(ledger, park, signed, fill, hazards, queries, work.resolve("bundle-" + size),
                        maxUsed, memory));
            }
        } finally {
            sampler.interrupt();
        }
        return out;
    }

    private static Figures measure(Ledger ledger, Park park, boolean signed, double fill, List<String> hazards, int queries,
                                   Path bundle, AtomicLong maxUsed, MemoryMXBean memory) throws Exception {
        long t0 = System.nanoTime();
        VerifiedLedger v = ledger.verify();
        double verify = v.size() / ((System.nanoTime() - t0) / 1e9);
        if (!v.holds() && !signed) {
            throw new IllegalStateException("the ledger does not hold: " + v.signatureFindings());
        }
        t0 = System.nanoTime();
        long replayed = ledger.replay();
        double replay = replayed / ((System.nanoTime() - t0) / 1e9);

        Random random = new Random(7);
        List<String> ids = new ArrayList<>(hazards);
        long size0 = ledger.log().size();
        long[] find = new long[queries];
        long[] get = new long[queries];
        long[] major = new long[queries];
        long[] asOfFind = new long[queries];
        long[] asOfGet = new long[queries];
        long[] asOfMajor = new long[queries];
        HazardStatus[] statuses = HazardStatus.values();
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < queries; k++) {
                // one write before each round of queries, untimed, as a live register has: the database may not
                // answer from a cached result of an unchanged table
                String extra = "hz-q" + size0 + "-" + round + "-" + k;
                park.execute(ledger, Park.life(extra, k).get(0));
                ids.add(extra);
                String enterprise = Park.enterprise(random.nextInt(Park.ENTERPRISES));
                HazardStatus status = statuses[random.nextInt(statuses.length)];
                long q0 = System.nanoTime();
                ledger.register().find(new RegisterFilter(enterprise, null, status, null, null, 100,
                        random.nextInt(10) * 100));
                find[k] = System.nanoTime() - q0;
                String id = ids.get(random.nextInt(ids.size()));
                q0 = System.nanoTime();
                if (ledger.register().get(id).isEmpty()) {
                    throw new IllegalStateException("hazard " + id + " is missing from the register");
                }
                get[k] = System.nanoTime() - q0;
                q0 = System.nanoTime();
                ledger.register().openMajorHazards();
                major[k] = System.nanoTime() - q0;
                // the same questions as the ledger stood at a random earlier size (the position itself untimed)
                LedgerPosition at = ledger.position((long) (random.nextDouble() * size0), null);
                q0 = System.nanoTime();
                ledger.register().find(new RegisterFilter(enterprise, null, status, null, null, 100,
                        random.nextInt(10) * 100), at);
                asOfFind[k] = System.nanoTime() - q0;
                q0 = System.nanoTime();
                ledger.register().get(id, at);
                asOfGet[k] = System.nanoTime() - q0;
                q0 = System.nanoTime();
                ledger.register().openMajorHazards(at);
                asOfMajor[k] = System.nanoTime() - q0;
            }
        }
        long size = ledger.log().size();
        ProofLatency.Result proofs = ProofLatency.time(ledger.log(), size, queries);

        Checkpoints checkpoints = ledger.checkpoints().orElseThrow();
        checkpoints.checkpointNow();
        long treeSize = checkpoints.sizes().get(checkpoints.sizes().size() - 1);
        BundleWriter.writeDirectory(ledger.log(), checkpoints, treeSize, bundle);
        t0 = System.nanoTime();
        BundleReport report = BundleVerifier.verifyDirectory(bundle, checkpoints.verifierKeys(), n -> { });
        double bundleRate = report.treeSize() / ((System.nanoTime() - t0) / 1e9);
        try (var files = Files.list(bundle)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(bundle);

        System.gc();
        long afterGc = memory.getHeapMemoryUsage().getUsed() >> 20;
        return new Figures(size, signed, fill, verify, replay, ProofLatency.Percentiles.of(find),
                ProofLatency.Percentiles.of(get), ProofLatency.Percentiles.of(major), ProofLatency.Percentiles.of(asOfFind),
                ProofLatency.Percentiles.of(asOfGet), ProofLatency.Percentiles.of(asOfMajor), proofs, bundleRate,
                report.signatureFindings().size(), maxUsed.getAndSet(0) >> 20, afterGc);
    }
}
