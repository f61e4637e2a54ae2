package io.hazardledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One side of {@link CommandLoad} alone in its JVM: the ledger, plain Axon, or plain Axon with the read models, warmed
 * up on its own (runs of 8 s, or {@code -Dbench.warmSeconds}, each on a fresh store after its own warm third, until one
 * spends under 5 % of its time compiling, at most WARM of them), then measured, each run on a fresh store, printing its
 * rate and what the JVM spent per event. {@link CommandLoad} runs the three sides one after another in one JVM; this
 * runs one, so that the JVM's CPU and writes, and a profile, hold that side's work only. To profile, start a JFR
 * recording with the JVM ({@code -XX:StartFlightRecording=...}) and keep the samples of the measured round: one started
 * in the middle of a run (JFR's {@code Recording} API) slowed the ledger's side to 35–40 % of its rate. Even started
 * with the JVM, a recording of execution samples slowed plain Axon's side (1,209/s against 1,779–2,200/s unprofiled)
 * where the ledger's kept its rate: compare rates from unprofiled runs.
 *
 * <pre>java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.SideLoad STORE WORKDIR SECONDS CLIENTS SIDE \
 *     [WARM] [ROUNDS]</pre>
 * STORE as for {@link CommandLoad}; SIDE is {@code LEDGER}, {@code PLAIN} or {@code PLAIN_READ_MODELS}; WARM (default
 * 10) warm-up rounds at most, then ROUNDS (default 1) measured ones, each printed with the time it began.
 */
public final class SideLoad {

    private SideLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 7
                || java.util.Arrays.stream(CommandLoad.Side.values()).noneMatch(s -> s.name().equals(args[4]))) {
            System.err.println("usage: SideLoad STORE WORKDIR SECONDS CLIENTS SIDE [WARM] [ROUNDS], SIDE one of "
                    + java.util.Arrays.toString(CommandLoad.Side.values()));
            System.exit(2);
        }
        String store = args[0];
        Path work = Files.createDirectories(Path.of(args[1]));
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        int clients = Integer.parseInt(args[3]);
        CommandLoad.Side side = CommandLoad.Side.valueOf(args[4]);
        int warm = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        CommandLoad.warmUp(store, work, Duration.ofSeconds(Long.getLong("bench.warmSeconds", 8)), clients, warm, side);
        for (int k = 1; k <= rounds; k++) {
            System.out.println("round " + k + " begins " + java.time.Instant.now());
            System.out.println(CommandLoad.run(store, work, side, clients, duration).line());
        }
    }
}
