package io.hazardledger.integrity.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.signing.internal.ContentDigest;
import io.hazardledger.signing.internal.SignatureMetadata;
import io.hazardledger.store.internal.LedgerSerializer;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values of docs/FORMAT.md section 12.11 come from the code: a ledger given the page's keys, commands and claimed
 * times makes exactly the page's statements and signatures (Ed25519 is deterministic; the report is the hazard's first
 * entry, so its statement does not depend on anything random), and stores them in entries shaped like the page's.
 * Only event ids, correlation ids and recording times, and what hashes over them, differ from run to run.
 */
class WorkedExampleReproducedTest {

    // RFC 8032 section 7.1: TEST 1 (p-owner) and TEST 2 (p-reporter) secret keys
    private static final String TEST1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String TEST2_SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    private static final ObjectMapper MAPPER = LedgerSerializer.objectMapper();

    private static JsonNode history;
    private static JsonNode keyRecord;
    private static String canonicalShown;

    @TempDir
    Path dir;

    @BeforeAll
    static void readThePage() throws Exception {
        String section = FormatDoc.load().section("### 12.11");
        String script = FormatDoc.block(section, "sh");
        String start = "cat > history.json <<'EOF'\n";
        int a = script.indexOf(start) + start.length();
        history = MAPPER.readTree(script.substring(a, script.indexOf("\nEOF\n", a)));
        List<String> plain = FormatDoc.blocks(section, "");
        canonicalShown = plain.get(0).strip();
        keyRecord = MAPPER.readTree(plain.get(1));
    }

    @Test
    void aLedgerGivenThePagesInputs_makesThePagesStatementsAndSignatures() throws Exception {
        JsonNode report = history.get(0).get("entry");
        JsonNode plan = history.get(1).get("entry");
        Statement pageReport = statement(report);
        Statement pagePlan = statement(plan);
        PemSigner reporter = StatementVectorsTest.signer(TEST2_SEED);
        PemSigner owner = StatementVectorsTest.signer(TEST1_SEED);
        Instant validFrom = Instant.parse(keyRecord.get("validFrom").asText());
        Clock clock = Clock.fixed(Instant.parse(pagePlan.claimedAt()).plusSeconds(30), Ledger.DEFAULT_ZONE);

        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).clock(clock).requireSignatures(true).build()) {
            TestLedgers.park(ledger);
            ledger.execute(new RegisterKey(TestLedgers.REPORTER, reporter.verificationKey().spkiBase64(), validFrom,
                    TestLedgers.REPORTER));
            ledger.execute(new RegisterKey(TestLedgers.OWNER, owner.verificationKey().spkiBase64(), validFrom,
                    TestLedgers.OWNER));

            // these events repeat their commands member for member (FORMAT.md 12.3)
            ReportHazard reportCommand = MAPPER.treeToValue(report.get("payload"), ReportHazard.class);
            PlanRectification planCommand = MAPPER.treeToValue(plan.get("payload"), PlanRectification.class);
            assertThat(ContentDigest.of(reportCommand)).isEqualTo(pageReport.contentSha256());
            assertThat(ContentDigest.of(planCommand)).isEqualTo(pagePlan.contentSha256());

            Statement madeReport = ledger.statementFor(reportCommand, reporter.verificationKey().keyId(),
                    Instant.parse(pageReport.claimedAt()));
            assertThat(madeReport).isEqualTo(pageReport);
            SignedStatement signedReport = SignedStatement.sign(madeReport, reporter);
            assertThat(signedReport.signature()).isEqualTo(signature(report));
            Receipt reported = ledger.execute(reportCommand, signedReport);

            Statement madePlan = ledger.statementFor(planCommand, owner.verificationKey().keyId(),
                    Instant.parse(pagePlan.claimedAt()));
            // prevEntryHash is this run's report entry; all else is the page's
            assertThat(madePlan.prevEntryHash()).isEqualTo(reported.entryHash());
            assertThat(withPrevEntryHash(madePlan, pagePlan.prevEntryHash())).isEqualTo(pagePlan);
            assertThat(SignedStatement.sign(pagePlan, owner).signature()).isEqualTo(signature(plan));
            ledger.execute(planCommand, SignedStatement.sign(madePlan, owner));

            List<HistoryEntry> made = ledger.register().history(pageReport.aggregateId());
            assertThat(made).hasSize(2);
            JsonNode madeReportEntry = MAPPER.readTree(made.get(0).entryJson());
            JsonNode madePlanEntry = MAPPER.readTree(made.get(1).entryJson());
            assertSameShape(madeReportEntry, report);
            assertSameShape(madePlanEntry, plan);
            assertThat(madeReportEntry.at("/metadata/ledgerSignature")).isEqualTo(report.at("/metadata/ledgerSignature"));
            assertThat(madePlanEntry.at("/metadata/ledgerSignature/statement/prevEntryHash").asText())
                    .isEqualTo(made.get(0).entryHash());

            assertThat(MAPPER.valueToTree(ledger.directory().key(owner.verificationKey().keyId()).orElseThrow())
                    .equals(keyRecord)).as("the key record the page prints").isTrue();
            assertThat(ledger.verify().holds()).isTrue();
        }
    }

    @Test
    void thePagesHistory_isTwoEntriesOfOneHazard_chainedAsSection4Says() throws Exception {
        assertThat(history).hasSize(2);
        for (JsonNode item : history) {
            JsonNode entry = item.get("entry");
            byte[] bytes = new JsonCanonicalizer(MAPPER.writeValueAsString(entry)).getEncodedUTF8();
            assertThat(Hashes.leafHash(bytes)).as("entryHash of index %s", item.get("index")).isEqualTo(item.get("entryHash").asText());
            assertThat(entry.get("index")).isEqualTo(item.get("index"));
            assertThat(entry.get("eventType")).isEqualTo(item.get("eventType"));
        }
        assertThat(history.get(1).at("/entry/prevHash").asText()).isEqualTo(history.get(0).get("entryHash").asText());
    }

    @Test
    void theSignedBytesThePageShows_areThePlansCanonicalStatement_andThePlanVector() throws Exception {
        JsonNode plan = history.get(1).get("entry");
        Statement pagePlan = statement(plan);
        StatementVectorsTest.Vector vector = StatementVectorsTest.vector("plan-acceptance");

        assertThat(new String(pagePlan.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(canonicalShown)
                .isEqualTo(vector.wantCanonical());
        assertThat(signature(plan)).isEqualTo(vector.wantSignature());
        assertThat(MAPPER.convertValue(plan.at("/metadata/ledgerSignature/statement"), Map.class))
                .isEqualTo(vector.statement());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Statement statement(JsonNode entry) {
        Map<?, ?> value = MAPPER.convertValue(entry.at("/metadata/" + SignatureMetadata.KEY), Map.class);
        SignedStatement signed = SignatureMetadata.fromMetadata(value);
        assertThat(signed).as("the signed statement in %s", entry.get("eventType")).isNotNull();
        return signed.statement();
    }

    private static String signature(JsonNode entry) {
        return entry.at("/metadata/ledgerSignature/signature").asText();
    }

    private static Statement withPrevEntryHash(Statement s, String prev) {
        return new Statement(s.action(), s.aggregateId(), s.contentSha256(), prev, s.signerId(), s.keyId(),
                s.claimedAt(), s.mode());
    }

    /** Same member names at the top and in the metadata; same aggregate, event type, sequence and payload. */
    private static void assertSameShape(JsonNode made, JsonNode page) {
        assertThat(names(made)).isEqualTo(names(page));
        assertThat(names(made.get("metadata"))).isEqualTo(names(page.get("metadata")));
        for (String member : List.of("aggregateId", "aggregateSequence", "aggregateType", "eventType", "payload",
                "payloadRevision", "version")) {
            assertThat(made.get(member)).as(member).isEqualTo(page.get(member));
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
