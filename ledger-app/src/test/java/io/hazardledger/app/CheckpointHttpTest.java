package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed checkpoints as an auditor checks them: verified with the served verifier key, each root equal to the tree
 * head, and two checkpoints proven consistent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.require-signatures=false", "ledger.log.checkpoint-interval=0s",
                "ledger.log.origin=test.example/ledger"})
class CheckpointHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
        r.add("ledger.log.key-file", () -> dir.resolve("keys/log-key.pem").toString());
    }

    @LocalServerPort
    int port;

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(n -> out.add(Base64.getDecoder().decode(n.asText())));
        return out;
    }

    @Test
    void checkpoints_verifyWithTheServedKey_andSuccessiveOnesAreConsistent() throws Exception {
        Http http = new Http(port);
        assertThat(Files.readString(dir.resolve("keys/log-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys/log-key.pem"))).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(http.get("/api/v1/ledger/checkpoint").status()).isEqualTo(404);

        ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'cp','name':'CP','sector':'s','highRisk':false}")));
        ok(http.post("/api/v1/people", j("{'personId':'cp-1','name':'P','enterpriseId':'cp','roles':['AUDITOR']}")));
        String first = ok(http.send("POST", "/api/v1/ledger/checkpoints", null, null)).raw();
        String key = ok(http.get("/api/v1/ledger/key")).raw();
        assertThat(key).startsWith("test.example/ledger+");
        NoteVerifier verifier = NoteVerifier.parse(key);
        Checkpoint one = Checkpoint.parse(verifier.verify(first));
        assertThat(one.origin()).isEqualTo("test.example/ledger");
        assertThat(one.size()).isEqualTo(2);
        JsonNode tree = ok(http.get("/api/v1/ledger/tree")).json();
        assertThat(Base64.getEncoder().encodeToString(one.root())).isEqualTo(tree.get("rootHash").asText());
        assertThat(ok(http.get("/api/v1/ledger/checkpoint")).raw()).isEqualTo(first);
        assertThat(ok(http.send("POST", "/api/v1/ledger/checkpoints", null, null)).raw())
                .as("no new checkpoint while the tree did not grow").isEqualTo(first);

        for (int i = 2; i < 7; i++) {
            ok(http.post("/api/v1/people", j("{'personId':'cp-" + i + "','name':'P','enterpriseId':'cp','roles':['AUDITOR']}")));
        }
        Checkpoint two = Checkpoint.parse(verifier.verify(ok(http.send("POST", "/api/v1/ledger/checkpoints", null, null)).raw()));
        assertThat(two.size()).isEqualTo(7);
        JsonNode proof = ok(http.get("/api/v1/ledger/proofs/consistency?from=2&to=7")).json();
        Proofs.verifyConsistency(2, 7, one.root(), two.root(), hashes(proof.get("hashes")));
        assertThat(ok(http.get("/api/v1/ledger/checkpoints/2")).raw()).isEqualTo(first);

        String tampered = first.replace("\n2\n", "\n3\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(tampered))
                .isInstanceOf(io.hazardledger.integrity.sig.InvalidSignatureException.class);
    }
}
