package io.hazardledger.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server whose security is misconfigured does not start, and says which setting is wrong. */
class SecuritySettingsTest {

    @Test
    void securityOff_isRefusedUnlessTheServerListensOnLoopbackOnly(@TempDir Path dir) {
        assertRefused(dir, "ledger.security.mode: off opens every endpoint to anyone", "ledger.security.mode=off",
                "server.address=0.0.0.0");
    }

    @Test
    void oidc_withoutIssuerOrAudience_isRefused(@TempDir Path dir) {
        assertRefused(dir, "ledger.security.mode=oidc needs the issuer", "ledger.security.mode=oidc",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/keys",
                "spring.security.oauth2.resourceserver.jwt.audiences=hazard-ledger");
        assertRefused(dir, "ledger.security.mode=oidc needs the issuer", "ledger.security.mode=oidc",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.example.test/realms/park",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/keys");
    }

    @Test
    void anUnknownMode_isRefused(@TempDir Path dir) {
        assertRefused(dir, "ledger.security.mode: must be local, oidc or off, not 'none'", "ledger.security.mode=none");
    }

    /**
     * A setting out of its bounds, or a key file that is no key, is refused naming the setting, before anything is
     * made: the store is not created, nor a key (Spring's stack trace of beans named none of it).
     */
    @Test
    void aSettingOutOfBounds_orAKeyFileThatIsNoKey_isRefusedNamingIt_beforeAnythingIsMade(@TempDir Path dir)
            throws Exception {
        assertRefused(dir, "ledger.log.checkpoint-interval: must not be negative, not PT-5S",
                "ledger.log.checkpoint-interval=-5s");
        assertRefused(dir, "ledger.deadlines.polling: must not be negative", "ledger.deadlines.polling=-1s");
        assertRefused(dir, "ledger.store.group-commit: must be 1 or more", "ledger.store.group-commit=0");
        assertThat(dir.resolve("log-key.pem")).as("no key made").doesNotExist();
        java.nio.file.Path garbage = java.nio.file.Files.writeString(dir.resolve("garbage.pem"), "not a key");
        assertRefused(dir, "ledger.office.sealing-key-file: " + garbage + " is not an X25519 PKCS#8 PEM key",
                "ledger.office.sealing-key-file=" + garbage);
    }

    private static void assertRefused(Path dir, String message, String... properties) {
        String[] store = TestStore.fresh(dir);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
                "--spring.datasource.url=" + store[0], "--spring.datasource.username=" + store[1],
                "--spring.datasource.password=" + store[2], "--ledger.log.key-file=" + dir.resolve("log-key.pem")));
        for (String p : properties) {
            args.add("--" + p);   // arguments: above the tests' own config/application.properties
        }
        assertThatThrownBy(() -> new SpringApplicationBuilder(LedgerApplication.class)
                .run(args.toArray(String[]::new)).close())
                .hasStackTraceContaining(message);
    }
}
