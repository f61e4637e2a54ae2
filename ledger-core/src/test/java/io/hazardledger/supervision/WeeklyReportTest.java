package io.hazardledger.supervision;

import io.hazardledger.InvalidInputException;
import io.hazardledger.directory.EnterpriseRegistered;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.supervision.internal.WeeklyReports;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The weekly report's counts from a known history: found in the week (by when found), rectified (closed out in the
 * week), to date, the rate, overdue at the week's end (due date ended), open major hazards at the end of each day, per
 * enterprise and park-wide; and its documents: the same report gives the same bytes.
 */
class WeeklyReportTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final LocalDate THURSDAY = LocalDate.of(2026, 11, 26);   // the week: Fri 20 Nov .. Thu 26 Nov

    final List<RecordedEvent> history = new ArrayList<>();

    private void at(String day, int hour, String aggregate, Object payload) {
        Instant t = LocalDateTime.parse(day + "T" + String.format("%02d", hour) + ":00").atZone(PARK).toInstant();
        history.add(new RecordedEvent(history.size(), "h" + history.size(), aggregate, t, payload, null));
    }

    private static HazardReported reported(String id, String enterprise, HazardLevel level, HazardSource source,
                                           String foundDay) {
        return new HazardReported(id, enterprise, level, source, level == HazardLevel.MAJOR ? "Art.4" : null, "fire",
                "Store", "Blocked", null, LocalDate.parse(foundDay).atTime(8, 0).atZone(PARK).toInstant(), "p", List.of(),
                null, null);
    }

    private WeeklyReport report(long size, boolean complete) {
        return new WeeklyReports(PARK).report(THURSDAY, size, complete, THURSDAY, history.size(), "checkpoint text\n", (n, c) ->
                history.subList(0, (int) n).forEach(c));
    }

    private void story() {
        at("2026-11-01", 9, "e1", new EnterpriseRegistered("e1", "Alpha <Chem>", "chemicals", true));
        at("2026-11-01", 9, "e2", new EnterpriseRegistered("e2", "Beta", "metals", false));
        at("2026-11-18", 9, "hz-b", reported("hz-b", "e1", HazardLevel.GENERAL, HazardSource.PUBLIC_REPORT, "2026-11-18"));
        at("2026-11-23", 10, "hz-a", reported("hz-a", "e1", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, "2026-11-23"));
        at("2026-11-23", 11, "hz-a", new RectificationPlanned("hz-a", "m", "p", LocalDate.of(2026, 11, 24), null, null,
                null, "p"));
        at("2026-11-24", 9, "hz-c", reported("hz-c", "e2", HazardLevel.MAJOR, HazardSource.SUPERVISORY_INSPECTION,
                "2026-11-24"));
        at("2026-11-25", 15, "hz-b", new HazardClosedOut("hz-b", 1, "ok", "v"));
        at("2026-11-25", 16, "hz-c", new HazardClosedOut("hz-c", 1, "ok", "v"));
        at("2026-11-26", 9, "hz-c", new HazardReopened("hz-c", "back", "v"));
        at("2026-11-27", 9, "hz-d", reported("hz-d", "e2", HazardLevel.MAJOR, HazardSource.WHISTLEBLOWER, "2026-11-27"));
    }

    @Test
    void theWeeksCounts_parkWideAndPerEnterprise() {
        story();
        WeeklyReport r = report(history.size() - 1, true);   // the last entry was recorded after the week's end
        assertThat(r.from()).isEqualTo(LocalDate.of(2026, 11, 20));
        WeeklyReport.Totals park = r.park();
        assertThat(park.found()).isEqualTo(2);                        // hz-a, hz-c (hz-b the week before)
        assertThat(park.foundByLevel()).containsEntry("MAJOR", 2L).containsEntry("GENERAL", 0L);
        assertThat(park.foundBySource()).containsEntry("SELF_INSPECTION", 1L).containsEntry("SUPERVISORY_INSPECTION", 1L)
                .containsEntry("PUBLIC_REPORT", 0L).containsEntry("WHISTLEBLOWER", 0L);
        assertThat(park.rectified()).isEqualTo(2);                    // hz-b, and hz-c before it was reopened
        assertThat(park.foundToDate()).isEqualTo(3);
        assertThat(park.rectifiedToDate()).isEqualTo(1);              // hz-b: hz-c was reopened
        assertThat(park.rectificationRate()).isEqualTo("0.333");
        assertThat(park.overdue()).isEqualTo(1);                      // hz-a, due on the 24th
        assertThat(park.openMajor()).isEqualTo(2);                    // hz-a, hz-c
        WeeklyReport.Totals e1 = r.enterprises().get(0);
        assertThat(e1.enterpriseId()).isEqualTo("e1");
        assertThat(e1.found()).isEqualTo(1);
        assertThat(e1.rectificationRate()).isEqualTo("0.500");
        assertThat(r.enterprises().get(1).rectifiedByLevel()).containsEntry("MAJOR", 1L);
        // Fri 0, Sat 0, Sun 0, Mon 1 (hz-a), Tue 2 (hz-c), Wed 1 (hz-c closed), Thu 2 (hz-c reopened)
        assertThat(r.openMajorByDay()).extracting(WeeklyReport.DayCount::openMajor).containsExactly(0L, 0L, 0L, 1L, 2L,
                1L, 2L);
    }

    @Test
    void theDocuments_areTheSameBytesForTheSameReport_andEscapeWhatTheyShow() {
        story();
        WeeklyReport r = report(history.size() - 1, true);
        WeeklyReport again = report(history.size() - 1, true);
        assertThat(WeeklyReportDocuments.json(r)).isEqualTo(WeeklyReportDocuments.json(again));
        assertThat(new String(WeeklyReportDocuments.json(r), StandardCharsets.UTF_8))
                .contains("\"format\" : \"hazard-ledger-weekly/4\"", "\"week\" : \"2026-11-26\"");
        String csv = WeeklyReportDocuments.csv(r);
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv.split("\r\n")[0]).startsWith("week,scope,enterpriseId,enterpriseName,found,foundGeneral,foundMajor,");
        assertThat(csv.split("\r\n")[1]).startsWith("2026-11-26,park,,,2,0,2,");
        assertThat(csv.split("\r\n")[0]).contains(",foundEarlier,rectified,");
        assertThat(csv).isEqualTo(WeeklyReportDocuments.csv(again));
        String html = WeeklyReportDocuments.html(r);
        assertThat(html).contains("<svg", "Alpha &lt;Chem&gt;").doesNotContain("Alpha <Chem>").doesNotContain("<script");
    }

    /** An enterprise name a spreadsheet would read as a formula (OWASP: = + - @, tab, CR first) is text in the CSV. */
    @Test
    void aNameThatASpreadsheetWouldRun_isQuotedText_inTheCsv() {
        List<String> names = List.of("=1+2", "+SUM(A1)", "-5", "@cmd", "\t=1+2 Tab", "\r=1 CR", "Plain, Ltd", "Plain");
        for (int i = 0; i < names.size(); i++) {
            at("2026-11-01", 9, "e" + i, new EnterpriseRegistered("e" + i, names.get(i), "chemicals", false));
        }
        String csv = WeeklyReportDocuments.csv(report(history.size(), true));
        assertThat(csv).contains(",e0,\"'=1+2\",", ",e1,\"'+SUM(A1)\",", ",e2,\"'-5\",", ",e3,\"'@cmd\",",
                ",e4,\"'\t=1+2 Tab\",", ",e5,\"'\r=1 CR\",", ",e6,\"Plain, Ltd\",", ",e7,Plain,");
    }

    @Test
    void inAWeekNotOverYet_onlyDueDatesThatEndedAreOverdue() {
        story();
        WeeklyReport soFar = new WeeklyReports(PARK).report(THURSDAY, 5, false, LocalDate.of(2026, 11, 23), 5, "c\n",
                (n, c) -> history.subList(0, (int) n).forEach(c));
        assertThat(soFar.park().overdue()).as("hz-a is due on the 24th, which has not ended").isZero();
        assertThat(soFar.complete()).isFalse();
        // the days that have not ended have no count yet (not the count so far, repeated to the week's end)
        assertThat(soFar.openMajorByDay()).extracting(WeeklyReport.DayCount::openMajor)
                .containsExactly(0L, 0L, 0L, 1L, null, null, null);
        assertThat(new String(WeeklyReportDocuments.json(soFar), StandardCharsets.UTF_8))
                .contains("\"day\" : \"2026-11-24\"\n  }").doesNotContain("\"openMajor\" : null");
        assertThat(WeeklyReportDocuments.html(soFar)).contains(">–</text>");
    }

    /**
     * A hazard reported in the week but found before it is counted there as found earlier: the report of the week it
     * was found in was made before it was reported. Over the weeks, found and found earlier add up to found to date.
     */
    @Test
    void aHazardReportedLate_countsAsFoundEarlier_inTheWeekItWasReported() {
        story();
        // reported on Saturday the 21st, found on Monday the 16th: after that week's report was made
        at("2026-11-21", 9, "hz-late", reported("hz-late", "e2", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION,
                "2026-11-16"));
        List<RecordedEvent> inOrder = new ArrayList<>(history);
        inOrder.sort(java.util.Comparator.comparing(RecordedEvent::recordedAt));
        history.clear();
        inOrder.forEach(e -> history.add(new RecordedEvent(history.size(), "h" + history.size(), e.aggregateId(),
                e.recordedAt(), e.payload(), null)));
        WeeklyReport week = report(history.size() - 1, true);
        assertThat(week.park().found()).isEqualTo(2);   // hz-a, hz-c: found in the week
        assertThat(week.park().foundEarlier()).isEqualTo(1);   // hz-late
        assertThat(week.enterprises().get(1).foundEarlier()).isEqualTo(1);
        assertThat(week.enterprises().get(0).foundEarlier()).isZero();
        assertThat(week.park().foundToDate()).isEqualTo(4);   // hz-b, hz-late, hz-a, hz-c
        WeeklyReport before = new WeeklyReports(PARK).report(THURSDAY.minusWeeks(1), 3, true, THURSDAY.minusWeeks(1),
                3, "c\n", (n, c) -> history.subList(0, (int) n).forEach(c));
        assertThat(before.park().found()).as("hz-b; hz-late not reported yet").isEqualTo(1);
        assertThat(before.park().found() + week.park().found() + week.park().foundEarlier())
                .isEqualTo(week.park().foundToDate());
    }

    /**
     * A hazard reported exactly at the week's first instant (Friday 00:00 in the park) belongs to the week before,
     * whose ended report counted the entries up to the first one recorded after its end: not found earlier here too.
     */
    @Test
    void aHazardReportedAtTheWeeksFirstInstant_countsOnceOnly() {
        at("2026-11-01", 9, "e1", new EnterpriseRegistered("e1", "Alpha", "chemicals", true));
        at("2026-11-20", 0, "hz-m", reported("hz-m", "e1", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION,
                "2026-11-19"));
        at("2026-11-21", 9, "hz-n", reported("hz-n", "e1", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION,
                "2026-11-18"));
        WeeklyReport before = new WeeklyReports(PARK).report(THURSDAY.minusWeeks(1), 2, true, THURSDAY.minusWeeks(1),
                3, "c\n", (n, c) -> history.subList(0, (int) n).forEach(c));
        assertThat(before.park().found()).as("hz-m, among the week before's 2 entries").isEqualTo(1);
        WeeklyReport week = report(3, true);
        assertThat(week.park().foundEarlier()).as("hz-n only").isEqualTo(1);
        assertThat(before.park().found() + week.park().found() + week.park().foundEarlier())
                .isEqualTo(week.park().foundToDate());
    }

    /**
     * A close-out recorded a moment before the week's end, but after an entry recorded a moment after it (recorded
     * times may run a few milliseconds out of order), is not among the ended week's entries: it counts in the next
     * week, the one whose entries it is among, so each close-out counts in exactly one week.
     */
    @Test
    void aCloseOutAfterTheWeeksLastEntry_countsInTheNextWeek_evenIfRecordedAMomentBeforeItsEnd() {
        at("2026-11-01", 9, "e1", new EnterpriseRegistered("e1", "Alpha", "chemicals", true));
        at("2026-11-20", 9, "hz-p", reported("hz-p", "e1", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION,
                "2026-11-20"));
        Instant end = THURSDAY.plusDays(1).atStartOfDay(PARK).toInstant();
        history.add(new RecordedEvent(2, "h2", "hz-q", end.plusMillis(10), reported("hz-q", "e1", HazardLevel.GENERAL,
                HazardSource.SELF_INSPECTION, "2026-11-27"), null));
        history.add(new RecordedEvent(3, "h3", "hz-p", end.minusMillis(5), new HazardClosedOut("hz-p", 1, "ok", "v"),
                null));
        WeeklyReport ended = report(2, true);   // the first entry recorded after the end is at index 2
        assertThat(ended.park().rectified()).isZero();
        WeeklyReport next = new WeeklyReports(PARK).report(THURSDAY.plusWeeks(1), 4, false, THURSDAY.plusWeeks(1),
                4, "c\n", (n, c) -> history.subList(0, (int) n).forEach(c));
        assertThat(next.park().rectified()).isEqualTo(1);
        assertThat(ended.park().rectified() + next.park().rectified()).isEqualTo(next.park().rectifiedToDate());
    }

    /**
     * A close-out recorded a moment before the week's end that commits after the week's report was kept, with no entry
     * recorded after the end before it: the kept report did not count it, and the next week's entries, by recorded
     * times, begin after it. The next week begins where the kept report ended, so it counts there.
     */
    @Test
    void aCloseOutCommittedAfterTheWeeksReportWasKept_countsInTheNextWeek() {
        at("2026-11-01", 9, "e1", new EnterpriseRegistered("e1", "Alpha", "chemicals", true));
        at("2026-11-20", 9, "hz-p", reported("hz-p", "e1", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION,
                "2026-11-20"));
        WeeklyReport kept = report(2, true);   // kept a minute after the end: two entries then
        Instant end = THURSDAY.plusDays(1).atStartOfDay(PARK).toInstant();
        history.add(new RecordedEvent(2, "h2", "hz-p", end.minusMillis(5), new HazardClosedOut("hz-p", 1, "ok", "v"),
                null));
        history.add(new RecordedEvent(3, "h3", "hz-q", end.plusSeconds(90), reported("hz-q", "e1", HazardLevel.GENERAL,
                HazardSource.SELF_INSPECTION, "2026-11-27"), null));
        WeeklyReports reports = new WeeklyReports(PARK);
        WeeklyReport byTimes = reports.report(THURSDAY.plusWeeks(1), 4, false, THURSDAY.plusWeeks(1), 4, "c\n",
                (n, c) -> history.subList(0, (int) n).forEach(c));
        assertThat(byTimes.park().rectified()).as("by recorded times alone: in no week").isZero();
        assertThat(byTimes.fromSize()).as("the first entry recorded after the start").isEqualTo(3);
        WeeklyReport next = reports.report(THURSDAY.plusWeeks(1), 4, false, THURSDAY.plusWeeks(1), 4, "c\n",
                kept.atSize(), (n, c) -> history.subList(0, (int) n).forEach(c));
        assertThat(kept.park().rectified()).isZero();
        assertThat(next.park().rectified()).isEqualTo(1);
        assertThat(next.fromSize()).as("where the kept report ended").isEqualTo(kept.atSize()).isEqualTo(2);
        assertThat(kept.park().rectified() + next.park().rectified()).isEqualTo(next.park().rectifiedToDate());
    }

    /**
     * A report kept in format 1 (before found earlier was counted) reads back and is written again as the same bytes,
     * which its signed note names: the member is left out, not given as 0.
     */
    @Test
    void aReportKeptInFormat1_isTheSameBytesWhenServedAgain() throws Exception {
        story();
        String v4 = new String(WeeklyReportDocuments.json(report(history.size() - 1, true)), StandardCharsets.UTF_8);
        assertThat(v4).contains("weekly/4", "\"fromSize\" : ");
        String v1 = v4.replaceAll("\n\\s*\"foundEarlier\" : [0-9]+,", "").replaceAll("\n\\s*\"fromSize\" : [0-9]+,", "")
                .replace("weekly/4", "weekly/1");
        assertThat(v1).doesNotContain("foundEarlier").doesNotContain("fromSize").contains("\"found\" : 2");
        WeeklyReport read = io.hazardledger.store.internal.LedgerSerializer.objectMapper()
                .readValue(v1.getBytes(StandardCharsets.UTF_8), WeeklyReport.class);
        assertThat(read.park().foundEarlier()).isNull();
        assertThat(read.fromSize()).isNull();
        assertThat(new String(WeeklyReportDocuments.json(read), StandardCharsets.UTF_8)).isEqualTo(v1);
        assertThat(WeeklyReportDocuments.csv(read).split("\r\n")[1]).contains(",1,1,0,,2,");   // sources, -, rectified
    }

    @Test
    void onlyAThursdayEndsAWeek() {
        assertThatThrownBy(() -> WeeklyReports.thursday(LocalDate.of(2026, 11, 25)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("WEDNESDAY");
        assertThatThrownBy(() -> WeeklyReports.thursday(LocalDate.of(1, 1, 4)))   // a Thursday, in the year 1
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("between 1970 and 2200");
    }
}
