package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rectification's due date passes while no server runs deadlines; the server that starts next records it overdue
 * and takes the first escalation step, signed by the park office's key (which it lists under the office at its
 * start). Real server processes on the store of the pass; the deadline is a row of that store.
 */
class DeadlineRestartTest {

    @Test
    void aDueDateThatPassedWhileNoServerRan_isOverdueAndEscalatedAfterTheRestart(@TempDir Path dir) throws Exception {
        // on H2 the shipped ./data/ledger URL in the test's folder (every acknowledged write in the file at once)
        String[] store = TestStore.postgres() ? TestStore.fresh(dir) : new String[] {"jdbc:h2:file:"
                + dir.resolve("data/ledger").toAbsolutePath() + ";AUTO_SERVER=TRUE", "sa", ""};
        List<String> args = new ArrayList<>(TestStore.postgres() ? ServerProcess.storeArgs(store) : List.of());
        args.addAll(List.of("--ledger.require-signatures=false", "--ledger.office.person=office",
                "--ledger.office.key-file=" + dir.resolve("office-key.pem")));
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        try (ServerProcess first = new ServerProcess(dir, "first", args)) {
            Http http = first.start().http();   // runs no deadline (ledger.deadlines.polling=0s in the tests)
            ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'e1','name':'Acme','sector':'s','highRisk':true}")));
            ok(http.post("/api/v1/people", j("{'personId':'owner','name':'O','enterpriseId':'e1','roles':['ENTERPRISE_STAFF']}")));
            ok(http.post("/api/v1/people", j("{'personId':'office','name':'Park office','roles':['PARK_OFFICE']}")));
            ok(http.post("/api/v1/hazards", j("{'hazardId':'hz-late','enterpriseId':'e1','level':'GENERAL',"
                    + "'source':'SELF_INSPECTION','category':'fire','location':'Store 2','description':'Blocked exit',"
                    + "'foundAt':'" + Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                    + "','reportedBy':'owner','evidence':[]}")));
            ok(http.post("/api/v1/hazards/hz-late/plan", j("{'measures':'Clear the exit','ownerId':'owner','dueDate':'"
                    + yesterday + "','plannedBy':'owner'}")));
            assertThat(types(http)).containsExactly("HazardReported", "RectificationPlanned");
            assertThat(String.join("\n", first.log())).as("no weekly schedule without deadlines")
                    .doesNotContain("weekly reports: made");
        }
        List<String> running = new ArrayList<>(args);
        running.add("--ledger.deadlines.polling=1s");
        try (ServerProcess next = new ServerProcess(dir, "next", running)) {
            Http http = next.start().http();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!types(http).contains("HazardEscalated")) {
                assertThat(System.nanoTime()).as("overdue and escalated within a minute; the log:%n%s", next.logTail())
                        .isLessThan(until);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));   // polling the server, not timing it
            }
            assertThat(types(http)).containsExactly("HazardReported", "RectificationPlanned", "RectificationOverdue",
                    "HazardEscalated");
            JsonNode history = ok(http.get("/api/v1/hazards/hz-late/history")).json();
            assertThat(history.get(2).get("entry").get("payload").get("overdueSince").asText())
                    .isEqualTo(yesterday.plusDays(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toString());
            assertThat(history.get(3).get("entry").get("payload").get("step").asText()).isEqualTo("NOTICE_LETTER");
            assertThat(ok(http.get("/api/v1/hazards/hz-late")).json().get("overdue").asBoolean()).isTrue();
            // the office's acts: the escalation step, and the grades that the server's review records beside it
            JsonNode acts = ok(http.get("/api/v1/people/office/trail")).json();
            List<JsonNode> steps = new ArrayList<>();
            acts.forEach(a -> {
                if (a.get("action").asText().equals("hazard.escalate")) {
                    steps.add(a);
                } else {
                    assertThat(a.get("action").asText()).isEqualTo("enterprise.grade");
                }
                assertThat(a.get("status").asText()).isEqualTo("valid");
            });
            assertThat(steps).hasSize(1);
            // a deadline's writes are logged like a command's, with their ledger index (after the commit, so the
            // entry can be seen before its line reaches the log)
            next.awaitLog("committed deadline rectification-due at ledger index " + history.get(2).get("index").asLong());
            next.awaitLog("committed deadline escalation-step at ledger index " + history.get(3).get("index").asLong());
            assertThat(String.join("\n", next.log())).as("the server that runs deadlines makes the weekly reports")
                    .contains("weekly reports: made at 00:01 each Friday (Asia/Shanghai) and kept in weekly_report");
            JsonNode verification = ok(http.get("/api/v1/ledger/verification")).json();
            assertThat(verification.get("valid").asBoolean()).isTrue();
            assertThat(verification.get("signatureFindings")).isEmpty();
            weeklyNote_isServedWhileItsKeptRowHolds(next, http, store);
        }
    }

    /**
     * The weekly task's Friday made to have passed (its scheduler row due now, as after a Friday when no server ran):
     * the server keeps the report of the week that ended and serves its signed note; once the kept row is changed
     * outside the ledger, it refuses the note (409) and computes the week again.
     */
    private static void weeklyNote_isServedWhileItsKeptRowHolds(ServerProcess server, Http http, String[] store)
            throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(store[0], store[1], store[2]);
             java.sql.PreparedStatement st = c.prepareStatement("UPDATE scheduled_tasks SET execution_time = ? WHERE "
                     + "task_name = 'weekly-report'")) {
            st.setObject(1, java.time.OffsetDateTime.now().minusMinutes(1));
            assertThat(st.executeUpdate()).isOne();
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        java.util.Optional<String> kept;
        while ((kept = server.log().stream().filter(l -> l.contains("kept the weekly report of ")).findFirst())
                .isEmpty()) {
            assertThat(System.nanoTime()).as("the week's report kept within 30 s; the log:%n%s", server.logTail())
                    .isLessThan(until);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));   // polling the log, not timing it
        }
        String week = kept.get().replaceAll(".*kept the weekly report of (\\d{4}-\\d{2}-\\d{2}).*", "$1");
        Http.Response note = ok(http.get("/api/v1/reports/weekly.note?week=" + week));
        assertThat(note.contentType()).startsWith("text/plain");
        assertThat(note.raw()).contains("\nweekly-report " + week + "\n").contains("\n\u2014 ");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(store[0], store[1], store[2]);
             java.sql.PreparedStatement st = c.prepareStatement("UPDATE weekly_report SET sha256 = ? WHERE week = ?")) {
            st.setString(1, "0".repeat(64));
            st.setObject(2, LocalDate.parse(week));
            assertThat(st.executeUpdate()).isOne();
        }
        Http.Response refused = http.get("/api/v1/reports/weekly.note?week=" + week);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("weekly-report-not-served");
        JsonNode again = ok(http.get("/api/v1/reports/weekly?week=" + week)).json();
        assertThat(again.get("week").asText()).as("computed again from the ledger").isEqualTo(week);
    }

    private static List<String> types(Http http) {
        List<String> types = new ArrayList<>();
        ok(http.get("/api/v1/hazards/hz-late/history")).json().forEach(e -> types.add(e.get("eventType").asText()));
        return types;
    }
}
