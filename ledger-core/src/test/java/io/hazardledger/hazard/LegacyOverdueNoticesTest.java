package io.hazardledger.hazard;

import io.hazardledger.Await;
import io.hazardledger.AxonEventClock;
import io.hazardledger.Ledger;
import io.hazardledger.SettableClock;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.register.HazardSummary;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.register.RegisterFilter;
import io.hazardledger.supervision.GradeFactor;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written before 2026-12-07, when the end of a due date recorded it overdue whatever the status: its overdue
 * notices of rectifications submitted in time count for nothing under docs/FORMAT.md 8.1, and the ladder they started
 * waits for the verification. {@code legacy/overdue-notices-v21.mv.db} was written by the ledger of 29be60e (schema
 * version 21), on the clock below, with the office and log keys beside it: three hazards due 2026-06-03 (its end
 * 2026-06-03T16:00Z), hz-in submitted in time and awaiting verification, hz-ver verified before the end and not closed
 * out, hz-none never submitted; an hour after the end, each has a RectificationOverdue and a NOTICE_LETTER step.
 */
@Tag("store-independent")   // an embedded store of an earlier version; not run again on PostgreSQL (.ci/run)
class LegacyOverdueNoticesTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final LocalDate DUE = LocalDate.of(2026, 6, 3);
    static final Instant END = DUE.plusDays(1).atStartOfDay(PARK).toInstant();
    /** The Thursday of the week that holds the end. */
    static final LocalDate WEEK = LocalDate.of(2026, 6, 4);

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(END.plus(Duration.ofDays(8)));   // past the circular's moment
    @RegisterExtension
    final AxonEventClock axonClock = new AxonEventClock(clock);
    private Ledger ledger;
    private JdbcDataSource store;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void legacyNoticesOfInTimeSubmissions_countForNothing_andTheirLadderWaitsForTheVerification() throws Exception {
        ledger = open();
        assertThat(ledger.register().find(new RegisterFilter(null, null, null, null, true, 100, 0)))
                .extracting(HazardSummary::hazardId).containsExactly("hz-none");
        assertThat(ledger.register().get("hz-in").orElseThrow().overdue()).isFalse();
        assertThat(ledger.register().get("hz-ver").orElseThrow().overdue()).isFalse();
        assertThat(ledger.weeklyReport(WEEK).park().overdue()).isOne();
        assertThat(ledger.grades().assess("ent").orElseThrow().factors()).filteredOn(
                f -> f.factor() == GradeFactor.Factor.OVERDUE_RECTIFICATIONS).singleElement()
                .satisfies(f -> assertThat(f.items()).containsExactly("hz-none"));

        // the circulars (7 days after the end) are due, and all run: hz-none's is taken, hz-ver's ladder stopped,
        // hz-in's waits (its row set again a while later)
        Await.until("every deadline due has run", () -> DeadlineRows.describe(store), () -> {
            ledger.runDueDeadlines();
            return DeadlineRows.count(store, "execution_time <= ?", clock.instant()) == 0;
        });
        assertThat(count("hz-none", "HazardEscalated")).isEqualTo(2);
        assertThat(count("hz-ver", "HazardEscalated")).isOne();
        assertThat(count("hz-in", "HazardEscalated")).isOne();
        assertThat(DeadlineRows.count(store, "consecutive_failures > 0", null)).isZero();
        assertThat(ledger.compareDeadlines().holds()).as("hz-in's step waits in a row of its own").isTrue();

        // its verification fails: the circular is taken at once, not at the step's next look 15 minutes on
        ledger.execute(new VerifyRectification("hz-in", false, "still blocked", "approver"));
        assertThat(ledger.register().get("hz-in").orElseThrow().overdue()).isTrue();
        Await.until("hz-in's circular", () -> types("hz-in").toString(), () -> {
            ledger.runDueDeadlines();
            return count("hz-in", "HazardEscalated") == 2;
        });
        assertThat(ledger.verify().holds()).isTrue();
    }

    private Ledger open() throws Exception {
        try (InputStream in = resource("overdue-notices-v21.mv.db")) {
            Files.copy(in, dir.resolve("ledger.mv.db"));
        }
        store = new JdbcDataSource();
        store.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        store.setUser("sa");
        store.setPassword("");
        PemSigner office;
        PemSigner log;
        try (InputStream o = resource("office-key.pem"); InputStream l = resource("log-key.pem")) {
            office = PemSigner.fromPem(new String(o.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
            log = PemSigner.fromPem(new String(l.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
        }
        return Ledger.builder().dataSource(store).clock(clock).office("office", office)
                .checkpoints(log, "test.example/legacy", Duration.ZERO).runDeadlines(Duration.ofMillis(200)).build();
    }

    private static InputStream resource(String name) {
        return LegacyOverdueNoticesTest.class.getResourceAsStream("/legacy/" + name);
    }

    private List<String> types(String hazardId) {
        return ledger.register().history(hazardId).stream().map(HistoryEntry::eventType).toList();
    }

    private long count(String hazardId, String type) {
        return types(hazardId).stream().filter(type::equals).count();
    }
}
