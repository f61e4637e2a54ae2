package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.app.security.ApiTokens;
import io.hazardledger.directory.RegisterEnterprise;
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
 * Filing a whistleblower report is the one write anyone may make, and each is a permanent entry: it has its own limit
 * per client address and hour, with or without an account; refused filings store nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.mode=local", "ledger.security.rate-limit.whistleblower-reports-per-hour=2"})
class FilingRateLimitHttpTest {

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
    void whistleblowerReports_areLimitedPerAddressAndHour_withOrWithoutAnAccount() {
        ledger.execute(new RegisterEnterprise("rl-ent", "RL Co", "logistics", false));
        ledger.execute(new RegisterPerson("rl-office", "Office", null, Set.of(Role.PARK_OFFICE)));
        Http office = new Http(port, tokens.create("rl-office", null, null).token());
        Http anonymous = new Http(port);
        String report = Http.j("{'enterpriseId':'rl-ent','location':'Dock 4','description':'Forklift without brakes'}");
        long before = ledger.head().size();
        assertThat(anonymous.post("/api/v1/whistleblower-reports", report).status()).isEqualTo(201);
        assertThat(office.post("/api/v1/whistleblower-reports", report).status()).isEqualTo(201);
        RateLimitHttpTest.tooMany(anonymous.post("/api/v1/whistleblower-reports", report), 3600);
        RateLimitHttpTest.tooMany(office.post("/api/v1/whistleblower-reports", report), 3600);
        // the path spelled another way that routes to the same handler is the same filing
        for (String path : new String[]{"/api/v1/whistleblower%2Dreports", "/api/v1/%77histleblower-reports"}) {
            RateLimitHttpTest.tooMany(anonymous.post(path, report), 3600);
            RateLimitHttpTest.tooMany(office.post(path, report), 3600);
        }
        assertThat(ledger.head().size()).as("the refused filings stored nothing").isEqualTo(before + 2);
        assertThat(office.get("/api/v1/whistleblower-reports").status()).as("other requests go on").isEqualTo(200);
    }
}
