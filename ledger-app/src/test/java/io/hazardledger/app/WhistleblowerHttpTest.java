package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static io.hazardledger.app.Run.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whistleblowers over HTTP, with the web and ledger logs at DEBUG: a report filed without an account, its identity
 * never in a response, an error message, the log, the store's tables or an export; revealed only through a signed
 * reveal whose access entry is written first and listed in the trail; shredded for good while the ledger verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.springframework.web=TRACE", "logging.level.io.hazardledger=DEBUG",
        "logging.level.org.springframework.http=TRACE", "logging.level.org.axonframework=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class WhistleblowerHttpTest {

    /** Marked so that no hash or base64 text can hold them by chance (spaces, '@', '.'). */
    static final String NAME = "Qian Duoduo";
    static final String CONTACT = "qdd.whistle@example.net / 139 0000 5555";

    @TempDir
    static Path dir;

    /** An earlier sealing key the office keeps (ledger.office.earlier-sealing-key-files). */
    static final io.hazardledger.whistleblower.SealingKey EARLIER = io.hazardledger.whistleblower.SealingKey.generate();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) throws java.io.IOException {
        TestStore.register(r, dir);
        Path earlier = dir.resolve("earlier-sealing-key.pem");
        java.nio.file.Files.writeString(earlier, EARLIER.toPem());
        r.add("ledger.office.earlier-sealing-key-files", earlier::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private String sign(String key, String action, String aggregate, String body) throws Exception {
        return Run.sign(dir, "http://127.0.0.1:" + port, key, action, aggregate, body);
    }

    private long size(Http http) {
        return ok(http.get("/api/v1/ledger/verification")).json().get("size").asLong();
    }

    private static void secretFree(String what, String text) {
        assertThat(text).as(what).doesNotContain("Qian").doesNotContain("Duoduo").doesNotContain("qdd.whistle@example.net")
                .doesNotContain("139 0000 5555").doesNotContain("Qian Duoduo".repeat(2)).doesNotContain("139-0000");
    }

    @Test
    void anIdentity_isReadableOnlyThroughALoggedReveal_andNeverLeaks(CapturedOutput output) throws Exception {
        Http http = new Http(port);
        ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'wbe','name':'WB Co','sector':'chemicals','highRisk':true}")));
        ok(http.post("/api/v1/people", j("{'personId':'wang','name':'Wang Fang','roles':['PARK_OFFICE']}")));
        ok(http.post("/api/v1/people", j("{'personId':'li','name':'Li Wei','enterpriseId':'wbe','roles':['ENTERPRISE_STAFF']}")));
        for (String person : List.of("wang", "li")) {
            Run keygen = cli("keygen", "--person", person, "--out", dir.resolve(person + ".pem").toString());
            assertThat(keygen.code()).as(keygen.err()).isZero();
            ok(http.post("/api/v1/people/" + person + "/keys", keygen.out()));
        }
        String identity = "'identity':{'name':'" + NAME + "','contact':'" + CONTACT + "'}";
        Http.Response filed = http.post("/api/v1/whistleblower-reports", j("{'enterpriseId':'wbe','location':"
                + "'Warehouse 2','description':'Fire exits chained shut at night'," + identity + "}"));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(filed.header("Cache-Control")).contains("no-store");
        secretFree("the filing's answer", filed.raw());
        String reportId = filed.json().get("reportId").asText();
        String receiptCode = filed.json().get("receiptCode").asText();
        assertThat(filed.json().get("commitment").asText()).matches("[0-9a-f]{64}");

        // bad filings that carry the identity: a precise error that never quotes it, and nothing stored
        long before = size(http);
        List<String> bad = List.of(
                j("{'enterpriseId':'nobody','location':'x','description':'y'," + identity + "}"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'name':'" + NAME
                        + "\\u0001','contact':'" + CONTACT + "'}}"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'name':'" + NAME + "','contact':'"
                        + CONTACT + "','phone':'139-0000-5555'}}"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'name':'" + NAME + "','contact':['"
                        + CONTACT + "']}}"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'name':'" + NAME.repeat(20)
                        + "','contact':'" + CONTACT + "'}}"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'name':'" + NAME + "'"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'name':'" + NAME + "'}}"),
                // what a JSON parser's message would quote: a value of the wrong type, a bare word, a member's name
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'name':'" + NAME
                        + "','contact':13900005555}}"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':'" + NAME + " " + CONTACT + "'}"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'" + NAME + "':'" + CONTACT + "'}}"),
                j("{'enterpriseId':'wbe','location':'x','description':'y','" + NAME + "':'" + CONTACT + "'}"),
                "{\"enterpriseId\":\"wbe\",\"location\":\"x\",\"description\":\"y\",\"identity\":{\"name\":Qian Duoduo}}",
                j("{'enterpriseId':'wbe','location':'x','description':'y','identity':{'name':'" + NAME + "','name':'"
                        + NAME + "','contact':'" + CONTACT + "'}}"),
                j("{'enterpriseId':['" + NAME + "'],'location':'x','description':'y'}"));
        for (String body : bad) {
            Http.Response r = http.post("/api/v1/whistleblower-reports", body);
            assertThat(r.status()).as(r.toString()).isBetween(400, 422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            secretFree("the error for " + body, r.raw());
            assertThat(r.raw()).doesNotContain("13900005555");
        }
        assertThat(size(http)).isEqualTo(before);

        // what the park office, the auditor and every export read: never the identity
        ok(http.post("/api/v1/ledger/checkpoints", ""));
        for (String path : List.of("/api/v1/whistleblower-reports", "/api/v1/whistleblower-reports/" + reportId,
                "/api/v1/ledger/entries?from=0&to=" + size(http), "/api/v1/ledger/bundle", "/api/v1/reports/weekly",
                "/api/v1/reports/weekly.csv", "/api/v1/reports/weekly.html", "/api/v1/people/wang/trail")) {
            Http.Response r = ok(http.get(path));
            secretFree(path, r.raw());
        }
        // the sealing key the entry names is published, without an account, and its keyId is its key's hash
        JsonNode sealingKey = ok(new Http(port).get("/api/v1/whistleblower-reports/sealing-key")).json();
        assertThat(sealingKey.get("algorithm").asText()).isEqualTo("X25519");
        assertThat(io.hazardledger.integrity.Hashes.sha256Hex(java.util.Base64.getDecoder().decode(
                sealingKey.get("publicKey").asText())).substring(0, 32)).isEqualTo(sealingKey.get("keyId").asText());
        assertThat(ok(http.get("/api/v1/ledger/entries?from=" + filed.json().get("index").asLong() + "&to="
                + (filed.json().get("index").asLong() + 1))).raw()).contains("\"keyId\":\""
                + sealingKey.get("keyId").asText() + "\"");
        // every key it opens identities with: the current one first, then the earlier one it keeps
        JsonNode sealingKeys = ok(new Http(port).get("/api/v1/whistleblower-reports/sealing-keys")).json();
        assertThat(sealingKeys).hasSize(2);
        assertThat(sealingKeys.get(0)).isEqualTo(sealingKey);
        assertThat(sealingKeys.get(1).get("keyId").asText()).isEqualTo(EARLIER.keyId());
        JsonNode listed = ok(http.get("/api/v1/whistleblower-reports/" + reportId)).json();
        assertThat(listed.get("identity").asText()).isEqualTo("SEALED");

        // a reveal must be signed, by a person of the park office
        Http.Response unsigned = http.post("/api/v1/whistleblower-reports/" + reportId + "/reveal",
                j("{'reason':'curious','revealedBy':'wang'}"));
        assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(422);
        assertThat(unsigned.raw()).contains("signature-required");
        String byStaff = sign("li.pem", "whistleblower.reveal", reportId, j("{'reason':'curious','revealedBy':'li'}"));
        assertThat(http.post("/api/v1/whistleblower-reports/" + reportId + "/reveal", byStaff).raw())
                .contains("not-park-office");
        assertThat(size(http)).isEqualTo(before);
        assertThat(ok(http.get("/api/v1/whistleblower-reports/" + reportId + "/accesses")).json()).isEmpty();

        Http.Response revealed = http.post("/api/v1/whistleblower-reports/" + reportId + "/reveal",
                sign("wang.pem", "whistleblower.reveal", reportId,
                        j("{'reason':'case 2026-17: witness statement needed','revealedBy':'wang'}")));
        assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
        assertThat(revealed.header("Cache-Control")).contains("no-store");
        assertThat(revealed.json().get("identity").get("name").asText()).isEqualTo(NAME);
        assertThat(revealed.json().get("identity").get("contact").asText()).isEqualTo(CONTACT);
        long accessIndex = revealed.json().get("index").asLong();
        assertThat(accessIndex).isEqualTo(before);
        JsonNode accesses = ok(http.get("/api/v1/whistleblower-reports/" + reportId + "/accesses")).json();
        assertThat(accesses).hasSize(1);
        assertThat(accesses.get(0).get("kind").asText()).isEqualTo("REVEAL");
        assertThat(accesses.get(0).get("personId").asText()).isEqualTo("wang");
        assertThat(accesses.get(0).get("index").asLong()).isEqualTo(accessIndex);
        assertThat(ok(http.get("/api/v1/whistleblower-reports/accesses?personId=wang")).json()).hasSize(1);
        assertThat(ok(http.get("/api/v1/ledger/entries?from=" + accessIndex + "&to=" + (accessIndex + 1))).raw())
                .contains("WhistleblowerIdentityRevealed").contains("whistleblower.reveal");

        // shredded: nobody can reveal it again, and the ledger still verifies
        ok(http.post("/api/v1/whistleblower-reports/" + reportId + "/shred", sign("wang.pem", "whistleblower.shred",
                reportId, j("{'reason':'retention period ended','shreddedBy':'wang'}"))));
        Http.Response again = http.post("/api/v1/whistleblower-reports/" + reportId + "/reveal",
                sign("wang.pem", "whistleblower.reveal", reportId, j("{'reason':'once more','revealedBy':'wang'}")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.raw()).contains("identity-shredded");
        JsonNode verification = ok(http.get("/api/v1/ledger/verification")).json();
        assertThat(verification.get("size").asLong()).isEqualTo(accessIndex + 2);
        assertThat(ok(http.get("/api/v1/whistleblower-reports/" + reportId)).json().get("identity").asText())
                .isEqualTo("SHREDDED");

        // nothing of the identity in the store's tables, nor in the log at DEBUG
        secretFree("the store", everything());
        assertThat(everything()).doesNotContain(receiptCode);
        assertThat(output.getAll()).as("the log was captured").contains("WhistleblowerController");
        secretFree("the log", output.getAll());
        assertThat(output.getAll()).doesNotContain(receiptCode).doesNotContain("13900005555");
        // nor encoded: Spring's TRACE log of a body it converts writes its bytes in hex
        for (String secret : List.of(NAME, "qdd.whistle@example.net", "139 0000 5555")) {
            assertThat(output.getAll()).as("the log, " + secret + " encoded").doesNotContainIgnoringCase(
                    java.util.HexFormat.of().formatHex(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            for (int shift = 0; shift < 3; shift++) {   // base64 at each alignment, without the partial characters
                String b64 = java.util.Base64.getEncoder().encodeToString(("xx".substring(0, shift) + secret)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(output.getAll()).doesNotContain(b64.substring(shift == 0 ? 0 : shift + 1, b64.length() - 4));
            }
        }
    }

    private String everything() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (!"INFORMATION_SCHEMA".equalsIgnoreCase(schema) && !"pg_catalog".equals(schema)) {
                        tables.add("\"" + schema + "\".\"" + rs.getString("TABLE_NAME") + "\"");
                    }
                }
            }
            for (String table : tables) {
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            all.append(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v))
                                    .append('\n');
                        }
                    }
                }
            }
        }
        assertThat(all).contains("Fire exits chained shut at night");
        return all.toString();
    }
}
