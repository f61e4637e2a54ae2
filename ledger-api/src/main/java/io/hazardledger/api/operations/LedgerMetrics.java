package io.hazardledger.api.operations;

import io.hazardledger.Ledger;
import io.hazardledger.LedgerException;
import io.hazardledger.Receipt;
import io.hazardledger.WriteObserver;
import io.hazardledger.log.Checkpoints;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;

/**
 * The ledger's Micrometer meters (served to Prometheus at {@code /actuator/prometheus}):
 * <ul>
 *   <li>{@code ledger.append} (timer, seconds, with a histogram): each write from the call to its commit, tagged
 *       {@code command} and {@code outcome} ({@code committed}, the refusal's code, or {@code error} when the store or the server failed);</li>
 *   <li>{@code ledger.size} (entries), {@code ledger.checkpoint.size} and {@code ledger.checkpoint.age} (seconds
 *       since the latest checkpoint was signed; absent until one is);</li>
 *   <li>{@code ledger.head.guesses.missed}: writes computed again on the locked chain head (see
 *       {@link Ledger#headGuessesMissed()});</li>
 *   <li>{@code ledger.group.commits} (groups of commands committed in one transaction),
 *       {@code ledger.group.commands} (commands committed in them), {@code ledger.group.reruns} (groups rolled back
 *       because a command of theirs failed, run again without it, it alone after) and {@code ledger.group.waiting}
 *       (commands waiting now): see {@link Ledger#groupCommits()};</li>
 *   <li>{@code ledger.flags.unacknowledged}: integrity flags raised that the park office has not acknowledged, as
 *       counted in the background after the previous scrape.</li>
 * </ul>
 * Gauges read the database when scraped.
 */
public class LedgerMetrics implements WriteObserver {

    private final MeterRegistry registry;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void committed(Object command, Receipt receipt, Duration took) {
        timer(command, "committed").record(took);
    }

    @Override
    public void refused(Object command, LedgerException problem, Duration took) {
        timer(command, problem.code()).record(took);
    }

    @Override
    public void failed(Object command, RuntimeException error, Duration took) {
        timer(command, "error").record(took);
    }

    private Timer timer(Object command, String outcome) {
        return Timer.builder("ledger.append").description("a write, from the call to its commit")
                .tag("command", command.getClass().getSimpleName()).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry);
    }

    /** Registers the gauges that read the ledger. */
    public void bind(Ledger ledger, Clock clock) {
        Gauge.builder("ledger.size", ledger, l -> l.log().size()).description("entries in the ledger")
                .baseUnit("entries").register(registry);
        Gauge.builder("ledger.checkpoint.size", ledger, l -> l.checkpoints().flatMap(Checkpoints::latestMade)
                        .map(m -> (double) m.treeSize()).orElse(Double.NaN))
                .description("the tree size of the latest signed checkpoint").baseUnit("entries").register(registry);
        Gauge.builder("ledger.checkpoint.age", ledger, l -> l.checkpoints().flatMap(Checkpoints::latestMade)
                        .map(m -> Duration.between(m.signedAt(), clock.instant()).toMillis() / 1000.0).orElse(Double.NaN))
                .description("seconds since the latest checkpoint was signed").baseUnit("seconds").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("ledger.head.guesses.missed", ledger,
                        l -> (double) l.headGuessesMissed())
                .description("writes computed again because another node (or a rolled-back write) moved the chain head")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("ledger.group.commits", ledger,
                        l -> (double) l.groupCommits().groups())
                .description("groups of two commands or more committed in one transaction").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("ledger.group.commands", ledger,
                        l -> (double) l.groupCommits().commands())
                .description("commands committed in groups").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("ledger.group.reruns", ledger,
                        l -> (double) l.groupCommits().rerun())
                .description("groups rolled back because a command of theirs failed, run again without it (it alone after)")
                .register(registry);
        Gauge.builder("ledger.group.waiting", ledger, l -> l.groupCommits().waiting())
                .description("commands waiting for a group to take them").register(registry);
        Gauge.builder("ledger.flags.unacknowledged", ledger, this::unacknowledgedFlags)
                .description("integrity flags raised and not acknowledged, as of the previous scrape").register(registry);
    }

    private final java.util.concurrent.atomic.AtomicReference<Double> unacknowledged =
            new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);
    private final java.util.concurrent.atomic.AtomicBoolean counting = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.Executor counter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-flag-metric");
        t.setDaemon(true);
        return t;
    });

    /**
     * The count the previous scrape started, counting again in the background: the flags are computed from the whole
     * ledger after a start (about 40 s at a million entries), which no scrape may wait for. NaN until the first count.
     */
    private double unacknowledgedFlags(Ledger ledger) {
        if (counting.compareAndSet(false, true)) {
            counter.execute(() -> {
                try {
                    unacknowledged.set((double) ledger.flags().unacknowledged());
                } catch (RuntimeException e) {
                    unacknowledged.set(Double.NaN);
                } finally {
                    counting.set(false);
                }
            });
        }
        return unacknowledged.get();
    }
}
