package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.Ledger;
import io.hazardledger.app.security.ApiTokens;
import io.hazardledger.directory.EnterpriseSize;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.register.HistoryEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervision grades over HTTP, with authentication: an enterprise registered with its size, the grades a review
 * records (signed by the park office, whose key the server holds), each enterprise's current grade with its inputs and
 * entry, its history oldest first, and enterprise staff seeing their own enterprise only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.mode=local", "ledger.require-signatures=false", "ledger.office.person=gr-office"})
class GradesHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
        r.add("ledger.office.key-file", () -> dir.resolve("office-key.pem").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    @Autowired
    ApiTokens tokens;

    private Http as(String personId) {
        return new Http(port, tokens.create(personId, "grades", null).token());
    }

    private void reportMajor(String hazardId) {
        ledger.execute(new ReportHazard(hazardId, "gr-b", HazardLevel.MAJOR, HazardSource.SUPERVISORY_INSPECTION,
                "MEM Order No.10 Art.4(1)", "fire", "Store 1", "Sprinklers shut off", null,
                Instant.now().minusSeconds(600), "gr-insp", List.of(), null, null));
    }

    @Test
    void aReviewsGrades_areListedWithTheirInputsAndEntries_historyOldestFirst_staffSeeingTheirOwnOnly() {
        ledger.execute(new RegisterEnterprise("gr-a", "Alpha Chemicals", "hazardous chemicals", true,
                EnterpriseSize.LARGE));
        ledger.execute(new RegisterEnterprise("gr-b", "Beta Packaging", "light industry", false, EnterpriseSize.SMALL));
        ledger.execute(new RegisterPerson("gr-a1", "Staff A", "gr-a", Set.of(Role.ENTERPRISE_STAFF)));
        ledger.execute(new RegisterPerson("gr-office", "Park office", null, Set.of(Role.PARK_OFFICE)));
        ledger.execute(new RegisterPerson("gr-insp", "Inspector", null, Set.of(Role.INSPECTOR)));
        ledger.execute(new RegisterPerson("gr-aud", "Auditor", null, Set.of(Role.AUDITOR)));
        assertThat(ledger.registerOfficeKey()).as("listed when its person was").endsWith(" is registered");
        Http office = as("gr-office");
        Http staffA = as("gr-a1");
        Http auditor = as("gr-aud");

        ok(office.post("/api/v1/enterprises", j("{'enterpriseId':'gr-c','name':'Gamma Metals','sector':'metal smelting',"
                + "'highRisk':false,'size':'MEDIUM'}")));
        assertThat(ok(office.get("/api/v1/enterprises/gr-c")).json().get("size").asText()).isEqualTo("MEDIUM");
        Http.Response badSize = office.post("/api/v1/enterprises", j("{'enterpriseId':'gr-d','name':'D',"
                + "'sector':'s','highRisk':false,'size':'HUGE'}"));
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.json().get("field").asText()).isEqualTo("size");
        assertThat(ok(office.get("/api/v1/supervision/grades")).json()).as("not reviewed yet").isEmpty();

        assertThat(ledger.reviewGrades()).hasSize(3);
        reportMajor("gr-hz-1");
        reportMajor("gr-hz-2");
        // before a review records it, the recorded grade is the old one; the assessment scores the ledger as it is
        JsonNode recordedB = ok(office.get("/api/v1/enterprises/gr-b/grades")).json();
        assertThat(recordedB.get(recordedB.size() - 1).get("grade").asText()).isEqualTo("A");
        JsonNode now = ok(auditor.get("/api/v1/enterprises/gr-b/grade-assessment")).json();
        assertThat(now.get("grade").asText()).isEqualTo("B");
        assertThat(now.get("score").asInt()).isEqualTo(30);
        assertThat(now.get("atSize").asLong()).isEqualTo(ledger.head().size());
        assertThat(now.get("zone").asText()).as("ledger.zone's default").isEqualTo("Asia/Shanghai");
        assertThat(now.get("flagParameters").get("lastMinute").asText()).isEqualTo("PT24H");
        assertThat(now.get("factors").get(3).get("items").toString()).isEqualTo("[\"gr-hz-1\",\"gr-hz-2\"]");
        assertThat(office.get("/api/v1/enterprises/gr-nowhere/grade-assessment").status()).isEqualTo(404);
        assertThat(ledger.reviewGrades()).hasSize(1);   // gr-b: 2 × 15 = 30, grade B

        JsonNode grades = ok(office.get("/api/v1/supervision/grades")).json();
        assertThat(grades.findValuesAsText("enterpriseId")).containsExactly("gr-a", "gr-b", "gr-c");
        assertThat(grades.findValuesAsText("grade")).containsExactly("B", "B", "A");
        JsonNode b = grades.get(1);
        assertThat(b.get("score").asInt()).isEqualTo(30);
        assertThat(b.get("previousGrade").asText()).isEqualTo("A");
        assertThat(b.get("enterpriseName").asText()).isEqualTo("Beta Packaging");
        assertThat(b.get("issuedBy").asText()).isEqualTo("gr-office");
        assertThat(b.get("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(b.get("flagParameters").toString()).isEqualTo("{\"lastMinute\":\"PT24H\",\"extensions\":2,"
                + "\"burstClosures\":5,\"burstWindow\":\"PT10M\",\"recurrenceWindow\":\"PT2160H\","
                + "\"claimedTimeTolerance\":\"PT1H\",\"zone\":\"Asia/Shanghai\"}");
        assertThat(b.get("thresholds").get("b").asInt()).isEqualTo(20);
        JsonNode open = b.get("factors").get(3);
        assertThat(open.get("factor").asText()).isEqualTo("OPEN_MAJOR_HAZARDS");
        assertThat(open.get("items").toString()).isEqualTo("[\"gr-hz-1\",\"gr-hz-2\"]");
        HistoryEntry entry = ledger.register().history("gr-b").get(ledger.register().history("gr-b").size() - 1);
        assertThat(b.get("index").asLong()).isEqualTo(entry.index());
        assertThat(b.get("entryHash").asText()).isEqualTo(entry.entryHash());
        assertThat(ok(office.get("/api/v1/supervision/grades?grade=A")).json().findValuesAsText("enterpriseId"))
                .containsExactly("gr-c");

        JsonNode history = ok(auditor.get("/api/v1/enterprises/gr-b/grades")).json();
        assertThat(history.findValuesAsText("grade")).containsExactly("A", "B");
        assertThat(history.get(0).get("previousGrade").isNull()).isTrue();
        assertThat(history.get(1)).isEqualTo(b);

        // enterprise staff: their own enterprise, another's answered exactly as one that does not exist
        assertThat(ok(staffA.get("/api/v1/supervision/grades")).json().findValuesAsText("enterpriseId"))
                .containsExactly("gr-a");
        assertThat(ok(staffA.get("/api/v1/enterprises/gr-a/grades")).json()).hasSize(1);
        Http.Response other = staffA.get("/api/v1/enterprises/gr-b/grades");
        Http.Response nowhere = staffA.get("/api/v1/enterprises/gr-nowhere/grades");
        assertThat(other.status()).isEqualTo(404);
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(other.json().get("detail").asText().replace("gr-b", "X"))
                .isEqualTo(nowhere.json().get("detail").asText().replace("gr-nowhere", "X"));
        assertThat(office.get("/api/v1/enterprises/gr-nowhere/grades").status()).isEqualTo(404);
        Http.Response otherNow = staffA.get("/api/v1/enterprises/gr-b/grade-assessment");
        assertThat(otherNow.status()).isEqualTo(404);
        assertThat(otherNow.json().get("detail").asText().replace("gr-b", "X"))
                .isEqualTo(nowhere.json().get("detail").asText().replace("gr-nowhere", "X"));

        // the office's signatures on the grades hold
        JsonNode acts = ok(auditor.get("/api/v1/people/gr-office/trail")).json();
        java.util.List<JsonNode> signed = new java.util.ArrayList<>();
        java.util.List<JsonNode> unsigned = new java.util.ArrayList<>();
        acts.forEach(a -> (a.get("signerId").isNull() ? unsigned : signed).add(a));
        assertThat(signed).extracting(a -> a.get("action").asText()).hasSize(4).containsOnly("enterprise.grade");
        assertThat(signed).extracting(a -> a.get("status").asText()).containsOnly("valid");
        // and what the office asked for unsigned, with its token: gr-c's registration
        assertThat(unsigned).singleElement().satisfies(a -> {
            assertThat(a.get("eventType").asText()).isEqualTo("EnterpriseRegistered");
            assertThat(a.get("aggregateId").asText()).isEqualTo("gr-c");
            assertThat(a.get("caller").asText()).isEqualTo("gr-office");
        });
        JsonNode verification = ok(auditor.get("/api/v1/ledger/verification")).json();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("signatureFindings")).isEmpty();

        // a flag counts in gr-a's grade; its staff see the count and points, not which flag (that is not theirs)
        var photo = new io.hazardledger.hazard.Evidence(Park.SHA_BEFORE, "image/jpeg", Instant.now().minusSeconds(120),
                "before.jpg");
        ledger.execute(new ReportHazard("gr-hz-f", "gr-a", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "fire safety", "Store 2", "Exit blocked", null, Instant.now().minusSeconds(60), "gr-a1", List.of(photo)));
        ledger.execute(new io.hazardledger.hazard.PlanRectification("gr-hz-f", "clear the exit", "gr-a1",
                java.time.LocalDate.now().plusDays(10), null, null, null, "gr-a1"));
        ledger.execute(new io.hazardledger.hazard.SubmitRectification("gr-hz-f", "cleared", List.of(photo), "gr-a1"));
        ledger.reviewGrades();
        JsonNode flagsForAuditor = ok(auditor.get("/api/v1/enterprises/gr-a/grades")).json();
        JsonNode flagsFactor = flagsForAuditor.get(flagsForAuditor.size() - 1).get("factors").get(5);
        assertThat(flagsFactor.get("factor").asText()).isEqualTo("OPEN_FLAGS");
        assertThat(flagsFactor.get("count").asInt()).isPositive();
        assertThat(flagsFactor.get("items")).isNotEmpty();
        JsonNode assessed = ok(auditor.get("/api/v1/enterprises/gr-a/grade-assessment")).json();
        assertThat(assessed.get("factors").get(5).get("items")).isEqualTo(flagsFactor.get("items"));
        for (String path : List.of("/api/v1/enterprises/gr-a/grades", "/api/v1/supervision/grades",
                "/api/v1/enterprises/gr-a/grade-assessment")) {
            JsonNode own = ok(staffA.get(path)).json();
            JsonNode ownFlags = (own.isArray() ? own.get(own.size() - 1) : own).get("factors").get(5);
            assertThat(ownFlags.get("count").asInt()).as(path).isEqualTo(flagsFactor.get("count").asInt());
            assertThat(ownFlags.get("points").asInt()).isEqualTo(flagsFactor.get("points").asInt());
            assertThat(ownFlags.get("items")).as(path).isEmpty();
        }
    }
}
