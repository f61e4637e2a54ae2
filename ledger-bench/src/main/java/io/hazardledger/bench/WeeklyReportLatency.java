package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;
import io.hazardledger.supervision.WeeklyReport;
import io.hazardledger.supervision.WeeklyReportDocuments;
import io.hazardledger.supervision.internal.WeeklyReports;
import org.axonframework.eventhandling.GenericEventMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The weekly report as a ledger grows: one H2 store filled through the whole write path by 16 closed-loop clients, on
 * a simulated clock that moves 30 s per command (10^6 events span about a year, and every entry is recorded at its
 * clock's time), with hazards of every level and source reported, planned, closed out (three in four), some reopened
 * and some deadlines extended. At each size: the report of the latest ended week and of the current one, as
 * {@code Ledger.weeklyReport} makes it (from the {@code weekly_fact} projection), the first after the start (which
 * also reads every entry's recorded time once) and then five more of each; and, unless {@code -Dbench.fold=false}, the
 * same report folded from every entry (the reference the projection replaced), whose bytes must be the same.
 *
 * <pre>java -Xmx512m -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.WeeklyReportLatency WORKDIR SIZE...</pre>
 * (each size's figures printed as they come; {@code -Dbench.store=PATH} measures a store it filled before again).
 */
public final class WeeklyReportLatency {

    private static final int CLIENTS = 16;
    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    private static final Instant START = LocalDate.of(2026, 1, 1).atStartOfDay(PARK).toInstant();
    private static final Duration TICK = Duration.ofSeconds(30);

    private WeeklyReportLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        long[] sizes = Arrays.stream(args, 1, args.length).mapToLong(Long::parseLong).toArray();
        run(work, sizes, Boolean.parseBoolean(System.getProperty("bench.fold", "true")),
                f -> System.out.println(f.line()));
    }

    /** What was measured at one size (times in seconds; fold 0 when not run). */
    public record Figures(long entries, long facts, double fillPerSecond, LocalDate endedWeek, long atSize,
                          double first, double endedMedian, double endedMax, double currentMedian, double currentMax,
                          double fold, long openMajorAtEnd) {
        String line() {
            return String.format("%d entries (%d weekly facts), filled at %.0f events/s: weekly report of %s (%d entries)"
                            + " first %.3f s, then median %.3f / max %.3f s; current week median %.3f / max %.3f s; "
                            + "fold of every entry %s; open major at the week's end %d",
                    entries, facts, fillPerSecond, endedWeek, atSize, first, endedMedian, endedMax, currentMedian,
                    currentMax, fold == 0 ? "not run" : String.format("%.1f s (same bytes)", fold), openMajorAtEnd);
        }
    }

    /** A clock that moves one tick per command sent, whatever the wall clock does. */
    static final class Ticks extends Clock {
        final AtomicLong ticks = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return PARK;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return START.plus(TICK.multipliedBy(ticks.get()));
        }
    }

    /**
     * Fills one fresh store to each size in turn and measures there, telling {@code each} the figures of each size as
     * they come. With {@code -Dbench.store=PATH} (an H2 store this harness filled, without {@code .mv.db}) that store
     * is opened instead, its clock set to the tick of its last entry, and filled further only where a size asks.
     */
    public static List<Figures> run(Path work, long[] sizes, boolean fold, Consumer<Figures> each) throws Exception {
        Ticks clock = new Ticks();
        Clock axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;   // entries are recorded at the ledger's time
        List<Figures> out = new ArrayList<>();
        String existing = System.getProperty("bench.store");
        try (HikariDataSource ds = existing == null ? Stores.fresh("h2", work, CLIENTS) : Stores.existing(existing, CLIENTS);
             Ledger ledger = Ledger.builder().dataSource(ds).clock(clock).requireSignatures(false)
                     .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "bench.example/ledger",
                             Duration.ZERO)
                     .build()) {
            if (existing == null) {
                Park.register(ledger, false);
            } else {
                clock.ticks.set(ticksOf(ledger.log().size(), ds));
            }
            for (long size : sizes) {
                long missing = size - ledger.log().size();
                double fill = 0;
                if (missing > 0) {
                    fill = CommandLoad.loadRequests(c -> {
                        clock.ticks.incrementAndGet();
                        ledger.execute(c);
                    }, (hazardId, n) -> life(hazardId, n, clock), CLIENTS, Duration.ofDays(365), missing,
                            "w" + size).perSecond();
                }
                Figures f = measure(ledger, ds, clock, fill, fold);
                each.accept(f);
                out.add(f);
            }
        } finally {
            GenericEventMessage.clock = axonClock;
        }
        return out;
    }

    /** The tick at which the store's last entry was recorded. */
    private static long ticksOf(long size, HikariDataSource ds) throws Exception {
        try (var c = ds.getConnection(); var ps = c.prepareStatement("SELECT e.time_stamp FROM ledger_entry l "
                + "JOIN ledger_domain_event e ON e.event_identifier = l.event_id WHERE l.ledger_index = ?")) {
            ps.setLong(1, size - 1);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return Duration.between(START, Instant.parse(rs.getString(1))).dividedBy(TICK);
            }
        }
    }

    private static Figures measure(Ledger ledger, HikariDataSource ds, Clock clock, double fill, boolean fold)
            throws Exception {
        long entries = ledger.log().size();
        ledger.checkpoints().orElseThrow().checkpointNow();   // as the server's cadence would have made (untimed)
        LocalDate today = LocalDate.now(clock);
        LocalDate current = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        LocalDate ended = current.minusWeeks(1);
        if (ended.minusDays(6).atStartOfDay(PARK).toInstant().isBefore(START)) {
            ended = current;   // a ledger younger than a week: its one week, not over yet
        }
        long t0 = System.nanoTime();
        WeeklyReport first = ledger.weeklyReport(ended);
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        double[] endedTimes = new double[5];
        double[] currentTimes = new double[5];
        for (int k = 0; k < 5; k++) {
            t0 = System.nanoTime();
            WeeklyReport again = ledger.weeklyReport(ended);
            endedTimes[k] = (System.nanoTime() - t0) / 1e9;
            if (!Arrays.equals(WeeklyReportDocuments.json(again), WeeklyReportDocuments.json(first))) {
                throw new IllegalStateException("the report of " + ended + " changed between two requests");
            }
            t0 = System.nanoTime();
            ledger.weeklyReport(current);
            currentTimes[k] = (System.nanoTime() - t0) / 1e9;
        }
        double foldSeconds = 0;
        if (fold) {
            // the reference: every entry below the report's size, folded, against the same checkpoint
            LedgerStore store = new LedgerStore(ds, LedgerSerializer.forEvents(), List.of());
            LocalDate week = ended;
            t0 = System.nanoTime();
            WeeklyReport folded = new WeeklyReports(PARK).report(week, first.atSize(), first.complete(),
                    first.complete() ? week : today.minusDays(1), first.checkpointSize(), first.checkpoint(),
                    (n, consumer) -> store.read(0, n, consumer));
            foldSeconds = (System.nanoTime() - t0) / 1e9;
            if (!Arrays.equals(WeeklyReportDocuments.json(folded), WeeklyReportDocuments.json(first))) {
                throw new IllegalStateException("the report of " + week + " from the projection differs from the fold"
                        + " of the entries:\n" + new String(WeeklyReportDocuments.json(first)) + "\n"
                        + new String(WeeklyReportDocuments.json(folded)));
            }
        }
        long facts;
        try (var c = ds.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM weekly_fact")) {
            rs.next();
            facts = rs.getLong(1);
        }
        Arrays.sort(endedTimes);
        Arrays.sort(currentTimes);
        return new Figures(entries, facts, fill, ended, first.atSize(), firstSeconds, endedTimes[2], endedTimes[4],
                currentTimes[2], currentTimes[4], foldSeconds, first.park().openMajor());
    }

    /**
     * Hazard {@code n}'s life: reported (found up to two days before; major one in seven; the four sources in turn),
     * planned (due within three weeks); three in four submitted, verified and closed out, one in sixteen of those
     * reopened; of the fourth, every other one has its deadline extended.
     */
    static List<Object> life(String hazardId, long n, Clock clock) {
        int e = (int) (n % Park.ENTERPRISES);
        String owner = Park.owner(e);
        String verifier = Park.verifier((int) (n / Park.ENTERPRISES % 2));
        HazardLevel level = n % 7 == 0 ? HazardLevel.MAJOR : HazardLevel.GENERAL;
        Instant now = clock.instant();
        LocalDate due = LocalDate.ofInstant(now, PARK).plusDays(n % 21);
        List<Object> commands = new ArrayList<>(6);
        HazardSource source = HazardSource.values()[(int) (n % 4)];
        commands.add(new ReportHazard(hazardId, Park.enterprise(e), level, source,
                level == HazardLevel.MAJOR ? "AQ/T 2023 No.10 Art.4(1)" : null, "fire safety", "tank farm B, pump 3",
                "flange leak near the pump", "gasket aged", now.minus(Duration.ofMinutes(n % (48 * 60))),
                // the park's findings are reported by the park's staff (a verifier of the park, here)
                source == HazardSource.SUPERVISORY_INSPECTION ? verifier : Park.reporter(e), List.of(), null, null));
        commands.add(new PlanRectification(hazardId, "replace the gasket", owner, due, null, null, null, owner));
        if (n % 4 != 3) {
            commands.add(new SubmitRectification(hazardId, "gasket replaced", List.of(new Evidence(
                    Hashes.sha256Hex(hazardId.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "image/jpeg", now,
                    "after.jpg")), owner));
            commands.add(new VerifyRectification(hazardId, true, "checked on site", verifier));
            commands.add(new CloseOutHazard(hazardId, "closed", verifier));
            if (n % 16 == 5) {
                commands.add(new ReopenHazard(hazardId, "leaking again", verifier));
            }
        } else if (n % 8 == 3) {
            commands.add(new ExtendDeadline(hazardId, due.plusDays(7), "parts on order", verifier));
        }
        return commands;
    }
}
