package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.app.security.ApiTokens;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is reachable without an account is rate-limited per client address: requests without a token, and requests
 * whose token is refused (so tokens cannot be guessed). Over the limit, 429 problem+json with Retry-After; an
 * authenticated caller is not held back by the requests of others without a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.mode=local", "ledger.security.rate-limit.anonymous-per-minute=5",
                "ledger.security.rate-limit.refused-per-minute=3"})
class RateLimitHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    @Autowired
    ApiTokens tokens;

    @Test
    void requestsWithoutAnAccount_andRefusedTokens_areLimitedPerAddress() {
        ledger.execute(new RegisterPerson("rl-aud", "Auditor", null, Set.of(Role.AUDITOR)));
        Http valid = new Http(port, tokens.create("rl-aud", null, null).token());
        Http anonymous = new Http(port);
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous.get("/api/v1/ledger/key").status()).isEqualTo(200);
        }
        Http.Response over = anonymous.get("/api/v1/ledger/key");
        tooMany(over);
        // an Authorization header that holds no bearer token is no way around the limit
        tooMany(anonymous.send("GET", "/api/v1/ledger/key", null, null, java.util.Map.of("Authorization", "x")));
        tooMany(anonymous.get("/api/v1/hazards"));
        assertThat(valid.get("/api/v1/hazards").status()).as("an account is not limited by others").isEqualTo(200);

        Http guessing = new Http(port, "hlt_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        for (int i = 0; i < 3; i++) {
            assertThat(guessing.get("/api/v1/hazards").status()).isEqualTo(401);
        }
        tooMany(guessing.get("/api/v1/hazards"));
        // from this address no token is tried any more, valid or not: a guesser learns nothing from the answer
        tooMany(valid.get("/api/v1/hazards"));
    }

    static void tooMany(Http.Response r, long maxSeconds) {
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("too-many-requests");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, maxSeconds);
    }

    private static void tooMany(Http.Response r) {
        tooMany(r, 60L);
    }
}
