package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.Proofs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static io.hazardledger.app.Http.j;
import static io.hazardledger.app.Park.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log endpoints as an outside verifier uses them: entries are the hashed bytes, and the proofs verify against
 * roots recomputed from those entries alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.require-signatures=false")
class LogHttpTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
    }

    @LocalServerPort
    int port;

    static boolean filled;

    private Http http() {
        Http http = new Http(port);
        if (!filled) {
            ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'log','name':'Log Co','sector':'s','highRisk':false}")));
            for (int i = 0; i < 20; i++) {
                ok(http.post("/api/v1/people", j("{'personId':'log-" + i + "','name':'P','enterpriseId':'log','roles':['ENTERPRISE_STAFF']}")));
            }
            filled = true;
        }
        return http;
    }

    private static byte[] b64(JsonNode n) {
        return Base64.getDecoder().decode(n.asText());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(n -> out.add(b64(n)));
        return out;
    }

    /** The RFC 9162 root, computed naively from leaf hashes. */
    private static byte[] root(List<byte[]> leaves, int from, int to) {
        if (to - from == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(to - from - 1);
        return io.hazardledger.integrity.merkle.MerkleHash.node(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    @Test
    void entries_areTheHashedBytes_andProofsVerifyAgainstRootsComputedFromThem() throws Exception {
        Http http = http();
        long size = ok(http.get("/api/v1/ledger/tree")).json().get("treeSize").asLong();
        assertThat(size).isGreaterThanOrEqualTo(21);
        Http.Response entries = ok(http.get("/api/v1/ledger/entries?from=0&to=" + size));
        assertThat(entries.contentType()).startsWith("application/jsonl");
        String[] lines = entries.raw().split("\n");
        assertThat(lines).hasSize((int) size);
        List<byte[]> leaves = new ArrayList<>();
        for (String line : lines) {
            leaves.add(HexFormat.of().parseHex(Hashes.leafHash(line.getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(b64(ok(http.get("/api/v1/ledger/tree")).json().get("rootHash")))
                .isEqualTo(root(leaves, 0, (int) size));

        for (long treeSize : new long[]{1, 2, 7, 8, 13, size}) {
            byte[] root = root(leaves, 0, (int) treeSize);
            for (long index = 0; index < treeSize; index += 3) {
                JsonNode p = ok(http.get("/api/v1/ledger/proofs/inclusion?index=" + index + "&treeSize=" + treeSize)).json();
                assertThat(p.fieldNames()).toIterable().containsExactly("leafIndex", "treeSize", "leafHash", "hashes");
                assertThat(b64(p.get("leafHash"))).isEqualTo(leaves.get((int) index));
                Proofs.verifyInclusion(index, treeSize, leaves.get((int) index), hashes(p.get("hashes")), root);
            }
            for (long from : new long[]{0, 1, 3, 8, treeSize}) {
                if (from > treeSize) {
                    continue;
                }
                JsonNode c = ok(http.get("/api/v1/ledger/proofs/consistency?from=" + from + "&to=" + treeSize)).json();
                assertThat(c.fieldNames()).toIterable().containsExactly("fromSize", "toSize", "hashes");
                byte[] oldRoot = from == 0 ? io.hazardledger.integrity.merkle.MerkleHash.empty() : root(leaves, 0, (int) from);
                Proofs.verifyConsistency(from, treeSize, oldRoot, root, hashes(c.get("hashes")));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'/api/v1/ledger/proofs/inclusion?index=5&treeSize=5', index",
            "'/api/v1/ledger/proofs/inclusion?index=0&treeSize=100000', treeSize",
            "'/api/v1/ledger/proofs/inclusion?index=-1&treeSize=3', index",
            "'/api/v1/ledger/proofs/inclusion?index=x&treeSize=3', index",
            "'/api/v1/ledger/proofs/consistency?from=4&to=3', from",
            "'/api/v1/ledger/proofs/consistency?from=1&to=100000', to",
            "'/api/v1/ledger/proofs/consistency?from=1&to=two', to",
            "'/api/v1/ledger/entries?from=3&to=2', from",
            "'/api/v1/ledger/entries?from=0&to=100000', to"})
    void badParameters_are400ProblemJson(String path, String field) {
        Http.Response r = http().get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("field").asText()).isEqualTo(field);
    }
}
