package io.hazardledger.app;

import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.Cosignatures;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.Arrays;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** A witness cosigns a checkpoint; the log keeps the cosignature and serves the cosigned checkpoint. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.require-signatures=false", "ledger.log.checkpoint-interval=0s"})
class WitnessHttpTest {

    static final PemSigner WITNESS = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
    static final PemSigner STRANGER = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();

    @TempDir
    static Path dir;

    static String vkey(String name, PemSigner key) {
        byte[] spki = key.verificationKey().spki();
        return Cosignatures.verifierKey(name, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
        r.add("ledger.log.key-file", () -> dir.resolve("log-key.pem").toString());
        r.add("ledger.log.witnesses", () -> vkey("witness.example/w1", WITNESS));
    }

    @LocalServerPort
    int port;

    @Test
    void witnessCosignature_isVerified_kept_andServed_whileForgedOnesAreRefused() throws Exception {
        Http http = new Http(port);
        ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'w','name':'W','sector':'s','highRisk':false}")));
        String note = ok(http.send("POST", "/api/v1/ledger/checkpoints", null, null)).raw();
        String text = note.substring(0, note.indexOf("\n\n") + 1);
        long size = Checkpoint.parse(text).size();
        assertThat(ok(http.get("/api/v1/ledger/witnesses")).raw()).startsWith("witness.example/w1+");

        String forged = Cosignatures.cosign("witness.example/w1", STRANGER, text, 1_700_000_000L);
        Http.Response refused = http.send("POST", "/api/v1/ledger/checkpoints/" + size + "/cosignatures", "text/plain", forged);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("unknown-witness");
        String wrongText = Cosignatures.cosign("witness.example/w1", WITNESS, text.replace("\n" + size + "\n", "\n9\n"),
                1_700_000_000L);
        Http.Response invalid = http.send("POST", "/api/v1/ledger/checkpoints/" + size + "/cosignatures", "text/plain", wrongText);
        assertThat(invalid.json().get("code").asText()).isEqualTo("cosignature-invalid");

        String line = Cosignatures.cosign("witness.example/w1", WITNESS, text, 1_700_000_000L);
        ok(http.send("POST", "/api/v1/ledger/checkpoints/" + size + "/cosignatures", "text/plain", note + line + "\n"));
        String cosigned = ok(http.get("/api/v1/ledger/checkpoint")).raw();
        assertThat(cosigned).isEqualTo(note + line + "\n");
        assertThat(NoteVerifier.parse(ok(http.get("/api/v1/ledger/key")).raw()).verify(cosigned)).isEqualTo(text);
        assertThat(Cosignatures.Witness.parse(vkey("witness.example/w1", WITNESS)).verify(text, line)).isEqualTo(1_700_000_000L);
    }
}
