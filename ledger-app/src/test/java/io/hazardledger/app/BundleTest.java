package io.hazardledger.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Run.cli;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** An auditor takes a bundle home and checks it offline with the key they trust; any change is caught. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.log.checkpoint-interval=0s")
class BundleTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
        r.add("ledger.log.key-file", () -> dir.resolve("log-key.pem").toString());
    }

    @LocalServerPort
    int port;



    @Test
    void bundle_verifiesOffline_withTheTrustedKey_andEveryTamperingIsCaught() throws Exception {
        Http http = new Http(port);
        ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'b','name':'B','sector':'s','highRisk':false}")));
        ok(http.post("/api/v1/people", j("{'personId':'bli','name':'Li','enterpriseId':'b','roles':['ENTERPRISE_STAFF']}")));
        Run keygen = cli("keygen", "--person", "bli", "--out", dir.resolve("bli.pem").toString());
        ok(http.post("/api/v1/people/bli/keys", keygen.out().strip()));
        Path report = dir.resolve("report.json");
        Files.writeString(report, j("{'hazardId':'hz-b','enterpriseId':'b','level':'GENERAL','source':'SELF_INSPECTION',"
                + "'category':'c','location':'l','description':'d','foundAt':'2026-11-01T08:00:00Z','reportedBy':'bli'}"));
        Run signed = cli("sign", "--key", dir.resolve("bli.pem").toString(), "--action", "hazard.report",
                "--server", "http://127.0.0.1:" + port, report.toString());
        ok(http.post("/api/v1/hazards", signed.out().strip()));
        ok(http.send("POST", "/api/v1/ledger/checkpoints", null, null));
        String key = ok(http.get("/api/v1/ledger/key")).raw().strip();

        Path bundle = dir.resolve("bundle.jsonl");
        Http.Response r = ok(http.get("/api/v1/ledger/bundle"));
        Files.writeString(bundle, r.raw());
        Run good = cli("verify-bundle", "--key", key, bundle.toString());
        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out()).contains("OK: 4 entries").contains("1 signed entries checked");

        Run untrusted = cli("verify-bundle", bundle.toString());
        assertThat(untrusted.code()).isZero();
        assertThat(untrusted.err()).contains("WARNING: no --key given");
        // a key file that holds no key (a download that failed) is not "no --key given": the bundle's own key is
        // never trusted in its place
        for (String empty : List.of("", "\n\n  \n")) {
            Path keyFile = Files.writeString(dir.resolve("empty.vkey"), empty);
            Run noKey = cli("verify-bundle", "--key", keyFile.toString(), bundle.toString());
            assertThat(noKey.code()).as(noKey.err()).isEqualTo(2);
            assertThat(noKey.err()).isEqualTo("error: the key file " + keyFile + " holds no key\n");
            assertThat(noKey.out()).isEmpty();
        }

        // another key of the same log's name does not verify it (1); a malformed one is no key (2)
        String otherKey = io.hazardledger.integrity.note.NoteKeys.verifierKey(key.substring(0, key.indexOf('+')),
                new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(new java.security.SecureRandom())
                        .generatePublicKey().getEncoded());
        assertThat(cli("verify-bundle", "--key", otherKey, bundle.toString()).code()).isEqualTo(1);
        String[] ours = key.split("\\+", 3);
        String malformed = ours[0] + "+" + ours[1] + "+AQ" + "A".repeat(42) + "=";
        Run notAKey = cli("verify-bundle", "--key", malformed, bundle.toString());
        assertThat(notAKey.code()).isEqualTo(2);
        assertThat(notAKey.err()).contains("neither a file nor a verifier key", "malformed verifier key");
        String[] parts = otherKey.split("\\+", 3);   // name, key ID, key (whose base64 may hold a +)
        String notItsId = parts[0] + "+00000000+" + parts[2];
        assertThat(cli("verify-bundle", "--key", notItsId, bundle.toString()).err())
                .contains("the verifier key's ID does not match its name and key");

        List<String> lines = Files.readAllLines(bundle);
        // a changed entry is still canonical JSON: its successor's link breaks; the last one breaks the root
        assertTampered(bundle, lines, 2, lines.get(2).replace("\"Li\"", "\"Lu\""), "entry 2: [chain-link]");
        assertTampered(bundle, lines, 4, lines.get(4).replace("\"recordedAt\":\"2", "\"recordedAt\":\"1"),
                "[root-mismatch]");
        // the signed report's content changed: other content than its reporter signed, named at its entry
        assertTampered(bundle, lines, 4, lines.get(4).replace("\"d\"", "\"e\""), "entry 3: [signature-mismatch]");
        assertTampered(bundle, lines, 4, lines.get(4).replace("\"index\":3", "\"index\":3.0"), "entry 3:");
        List<String> removed = new java.util.ArrayList<>(lines);
        removed.remove(2);
        Files.write(bundle, removed);
        Run gap = cli("verify-bundle", "--key", key, bundle.toString());
        assertThat(gap.code()).isEqualTo(1);
        assertThat(gap.err()).contains("entry 1:");
    }

    private static void assertTampered(Path bundle, List<String> lines, int line, String replacement, String where)
            throws Exception {
        List<String> copy = new java.util.ArrayList<>(lines);
        assertThat(replacement).isNotEqualTo(lines.get(line));
        copy.set(line, replacement);
        Files.write(bundle, copy);
        Run r = cli("verify-bundle", bundle.toString());
        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(r.err()).contains(where);
    }
}
