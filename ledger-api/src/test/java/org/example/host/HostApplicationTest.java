package org.example.host;

import io.hazardledger.Ledger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ledger-api added to another Spring Boot application: the ledger is built over that application's DataSource and
 * served under /api/v1, while the application's own controllers keep their own error handling.
 */
@SpringBootTest(classes = HostApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:host;DB_CLOSE_DELAY=-1", "spring.datasource.username=sa",
                "spring.datasource.password="})
class HostApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void ledgerIsServed_overTheHostsDataSource() throws Exception {
        HttpResponse<String> r = send(at("/api/v1/enterprises").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"enterpriseId\":\"host-ent\",\"name\":\"Host\",\"sector\":\"s\",\"highRisk\":false}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(ledger.directory().enterprise("host-ent")).isPresent();
        assertThat(ledger.verify().size()).isEqualTo(1);
    }

    @Test
    void ledgerRefusals_areProblemJson() throws Exception {
        // a record that exists nowhere: 404 before the write's signature is looked at
        HttpResponse<String> r = send(at("/api/v1/hazards/nope/close-out").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"closedBy\":\"x\"}")));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("urn:hazard-ledger:problem:unknown-hazard");
        // the ledger's own refusal of an unsigned act
        HttpResponse<String> unsigned = send(at("/api/v1/hazards").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hazardId\":\"hz-host\",\"enterpriseId\":\"host-ent\","
                        + "\"level\":\"GENERAL\",\"source\":\"SELF_INSPECTION\",\"category\":\"c\",\"location\":\"l\","
                        + "\"description\":\"d\",\"foundAt\":\"2026-11-01T08:00:00Z\",\"reportedBy\":\"x\"}")));
        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(422);
        assertThat(unsigned.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(unsigned.body()).contains("urn:hazard-ledger:problem:signature-required");
    }

    @Test
    void theHostsOwnErrors_areNotTakenOverByTheLedger() throws Exception {
        HttpResponse<String> r = send(at("/host/boom").GET());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("urn:hazard-ledger");
    }
}
