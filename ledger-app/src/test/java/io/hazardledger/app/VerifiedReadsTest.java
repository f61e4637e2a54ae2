package io.hazardledger.app;

import io.hazardledger.client.VerificationFailedException;
import io.hazardledger.client.VerifiedEntry;
import io.hazardledger.client.VerifyingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verified reads: a hazard's history comes with inclusion proofs and a checkpoint; the Java client proves every entry
 * and moves its trusted checkpoint forward only through consistency proofs, so a rewritten log is caught.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.require-signatures=false", "ledger.log.checkpoint-interval=0s"})
class VerifiedReadsTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
        r.add("ledger.log.key-file", () -> dir.resolve("log-key.pem").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void historyIsProved_theTrustedCheckpointMovesOnlyThroughConsistency_andARewriteIsCaught() throws Exception {
        Http http = new Http(port);
        Park.setUp(http, "vr");
        ok(http.post("/api/v1/hazards", Park.reportBody("hz-vr", "vr")));
        String key = ok(http.get("/api/v1/ledger/key")).raw();
        VerifyingClient client = new VerifyingClient(URI.create("http://127.0.0.1:" + port), key, null);

        List<VerifiedEntry> history = client.hazardHistory("hz-vr");
        assertThat(history).singleElement().satisfies(e -> assertThat(e.eventType()).isEqualTo("HazardReported"));
        String first = client.trustedCheckpoint().orElseThrow();
        assertThat(first).contains("\n5\n");

        ok(http.post("/api/v1/hazards/hz-vr/plan", j("{'measures':'m','ownerId':'vr-own','dueDate':'2027-01-01',"
                + "'plannedBy':'vr-own'}")));
        assertThat(client.hazardHistory("hz-vr")).hasSize(2);
        assertThat(client.trustedCheckpoint().orElseThrow()).contains("\n6\n");

        // the server reads the history through ledger_entry's columns, which are copies: changed, they change what it
        // serves around the entries, and the client reads what it returns from the entries proved
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ledger_entry SET event_type = 'HazardClosedOut' WHERE aggregate_id = 'hz-vr' "
                    + "AND event_type = 'HazardReported'");
            assertThat(client.hazardHistory("hz-vr")).extracting(VerifiedEntry::eventType)
                    .containsExactly("HazardReported", "RectificationPlanned");
            s.executeUpdate("UPDATE ledger_entry SET event_type = 'HazardReported' WHERE aggregate_id = 'hz-vr' "
                    + "AND event_type = 'HazardClosedOut'");
            // the hazard's report left out of what is served
            s.executeUpdate("UPDATE ledger_entry SET aggregate_id = 'hz-elsewhere' WHERE aggregate_id = 'hz-vr' "
                    + "AND event_type = 'HazardReported'");
            assertThatThrownBy(() -> client.hazardHistory("hz-vr")).isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("leaves entries out");
            s.executeUpdate("UPDATE ledger_entry SET aggregate_id = 'hz-vr' WHERE aggregate_id = 'hz-elsewhere'");
            // another aggregate's entry served as the hazard's
            s.executeUpdate("UPDATE ledger_entry SET aggregate_id = 'hz-vr' WHERE ledger_index = 0");
            assertThatThrownBy(() -> client.hazardHistory("hz-vr")).isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("is not of hazard hz-vr");
            s.executeUpdate("UPDATE ledger_entry SET aggregate_id = (SELECT aggregate_identifier FROM "
                    + "ledger_domain_event WHERE event_identifier = ledger_entry.event_id) WHERE ledger_index = 0");
        }
        assertThat(client.hazardHistory("hz-vr")).hasSize(2);

        // someone rewrites a stored Merkle node below the trusted checkpoint and the server signs a new checkpoint
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE merkle_node SET hash = '" + "cd".repeat(32) + "' WHERE level = 2 AND node_index = 0");
            s.executeUpdate("DELETE FROM checkpoint");
        }
        ok(http.post("/api/v1/hazards/hz-vr/submissions", j("{'summary':'s','submittedBy':'vr-own','evidence':[{'sha256':'"
                + Park.SHA_AFTER + "','mediaType':'image/jpeg','capturedAt':'2026-11-20T08:00:00Z'}]}")));
        assertThatThrownBy(() -> client.hazardHistory("hz-vr")).isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("not consistent with the trusted checkpoint 6");
        assertThat(client.trustedCheckpoint().orElseThrow()).contains("\n6\n");

        assertThatThrownBy(() -> new VerifyingClient(URI.create("http://127.0.0.1:" + port),
                key.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+"), null))
                .isInstanceOf(VerificationFailedException.class);
    }
}
