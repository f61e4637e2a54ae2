package io.hazardledger.app;

import io.hazardledger.integrity.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.hazardledger.app.Http.j;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets never reach the server's log, even with Spring Security at TRACE and Spring MVC at DEBUG: API tokens (valid,
 * forged, revoked) and their hashes, a person's private signing key, the log's checkpoint key. Real server process,
 * real log file; the command line's output is checked too (the token is printed once, by {@code token create}).
 */
class SecretsInLogsTest {

    @Test
    void tokensAndPrivateKeys_neverAppearInTheLog(@TempDir Path dir) throws Exception {
        List<String> store = ServerProcess.storeArgs(TestStore.fresh(dir));
        List<String> args = new ArrayList<>(store);
        args.addAll(List.of("--ledger.security.mode=local", "--ledger.require-signatures=false",
                "--logging.level.org.springframework.security=TRACE", "--logging.level.org.springframework.web=DEBUG",
                "--logging.level.io.hazardledger=DEBUG"));
        try (ServerProcess server = new ServerProcess(dir, "secrets", args)) {
            server.start();   // makes the store
            server.close();   // an embedded store is opened by one process at a time
            assertThat(cli(store, "person", "add", "--id", "adm", "--name", "Ada", "--roles", "ADMIN,REGISTRAR,PARK_OFFICE")
                    .code()).isZero();
            // bad input to the administrator's commands: a precise message, exit status 2, nothing made
            Run nobody = cli(store, "token", "create", "--person", "nobody");
            assertThat(nobody.code()).isEqualTo(2);
            assertThat(nobody.err()).contains("no person 'nobody' in the directory");
            assertThat(cli(store, "token", "create", "--person", "adm", "--days", "0").err()).contains("--days must be at least 1");
            Run escape = cli(store, "token", "create", "--person", "adm", "--label", "x\u001b[31mRED");
            assertThat(escape.code()).isEqualTo(2);
            assertThat(escape.err()).contains("--label must not contain control characters");
            assertThat(cli(store, "token", "revoke", "000000000000").code()).isEqualTo(2);
            assertThat(cli(store, "token", "list").out()).isBlank();
            Run made = cli(store, "token", "create", "--person", "adm", "--label", "ops");
            assertThat(made.code()).as(made.err()).isZero();
            String token = made.out().strip();
            String revoked = cli(store, "token", "create", "--person", "adm").out().strip();
            assertThat(cli(store, "token", "revoke", revoked.substring(4, 16)).code()).isZero();
            Run listed = cli(store, "token", "list");
            assertThat(listed.out()).contains(token.substring(4, 16)).doesNotContain(secret(token), secret(revoked));
            Path pem = dir.resolve("adm.pem");
            Run keygen = cli(List.of(), "keygen", "--person", "adm", "--out", pem.toString());
            assertThat(keygen.code()).as(keygen.err()).isZero();

            server.start();
            Http admin = server.http().as(token);
            assertThat(admin.post("/api/v1/enterprises", j("{'enterpriseId':'e1','name':'E','sector':'s','highRisk':false}"))
                    .status()).isEqualTo(201);
            assertThat(admin.post("/api/v1/people/adm/keys", keygen.out()).status()).isEqualTo(201);
            String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            List<Http.Response> refusals = List.of(server.http().as(forged).get("/api/v1/hazards"),
                    server.http().as(revoked).get("/api/v1/hazards"),
                    server.http().as(token + "x").get("/api/v1/hazards"));
            for (Http.Response r : refusals) {
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.raw()).doesNotContain(secret(token), secret(revoked));
            }
            assertThat(admin.get("/api/v1/hazards").status()).isEqualTo(200);
            // a refused creation is a refusal like the others: no warning with a stack trace for anyone to cause
            Http.Response unknown = server.http().post("/api/v1/whistleblower-reports",
                    j("{'enterpriseId':'nope','location':'Dock','description':'Leak'}"));
            assertThat(unknown.status()).as(unknown.toString()).isBetween(400, 499);

            server.kill();   // every line it wrote is then in the log, so that the secrets are looked for in all of them
            String log = String.join("\n", server.log());
            assertThat(log).as("security logging was on").contains("Authenticated").contains("Failed to authenticate");
            assertThat(log).doesNotContain("Exception occurred while trying to create",
                    "at io.hazardledger.whistleblower.WhistleblowerReport.<init>");   // (Spring's DEBUG names it once)
            List<String> secrets = new ArrayList<>(List.of(secret(token), secret(revoked), secret(forged),
                    Hashes.sha256Hex(token.getBytes(StandardCharsets.US_ASCII))));
            secrets.addAll(pemBody(pem));
            secrets.addAll(pemBody(dir.resolve("data/log-key.pem")));
            for (String s : secrets) {
                assertThat(log).as("a secret in the log").doesNotContain(s);
            }
        }
    }

    private static Run cli(List<String> store, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(store);
        return Run.cli(all.toArray(String[]::new));
    }

    private static String secret(String token) {
        return token.substring("hlt_".length() + 13);   // hlt_<12 hex>_<secret>; the secret may hold '_' itself
    }

    /** The base64 lines of a PEM file (each a piece of the key). */
    private static List<String> pemBody(Path pem) throws Exception {
        List<String> lines = Files.readAllLines(pem).stream().filter(l -> !l.startsWith("-----") && l.length() > 16)
                .toList();
        assertThat(lines).isNotEmpty();
        return lines;
    }
}
