package io.hazardledger.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of docs/FORMAT.md section 9, with its constants written out, so that the page and the code
 * cannot drift apart. Shell commands run from {@code ledger-core/}.
 */
class WorkedExampleTest {

    private static final EntryContent EVENT = new EntryContent(
            "a0b434ab-5e64-4e85-9693-06e3976c79e5", "Enterprise", "ent-acme", 0, "EnterpriseRegistered", null,
            "2026-11-29T10:56:27.097Z",
            "{\"traceId\":\"4b6d62b6-37a9-404f-9855-c6c244ca07fe\",\"correlationId\":\"4b6d62b6-37a9-404f-9855-c6c244ca07fe\"}",
            "{\"enterpriseId\":\"ent-acme\",\"name\":\"Acme Chemicals\",\"sector\":\"hazardous chemicals\",\"highRisk\":true}");

    private static final String ENTRY = "{\"aggregateId\":\"ent-acme\",\"aggregateSequence\":0,\"aggregateType\":\"Enterprise\","
            + "\"eventId\":\"a0b434ab-5e64-4e85-9693-06e3976c79e5\",\"eventType\":\"EnterpriseRegistered\",\"index\":0,"
            + "\"metadata\":{\"correlationId\":\"4b6d62b6-37a9-404f-9855-c6c244ca07fe\",\"traceId\":\"4b6d62b6-37a9-404f-9855-c6c244ca07fe\"},"
            + "\"payload\":{\"enterpriseId\":\"ent-acme\",\"highRisk\":true,\"name\":\"Acme Chemicals\",\"sector\":\"hazardous chemicals\"},"
            + "\"payloadRevision\":null,\"prevHash\":\"0000000000000000000000000000000000000000000000000000000000000000\","
            + "\"recordedAt\":\"2026-11-29T10:56:27.097Z\",\"version\":1}";

    // jq -j .wantBytes src/test/resources/vectors/entry/event-enterprise-registered.json | (printf '\x00'; cat) | sha256sum
    private static final String ENTRY_HASH = "dd9426cb372e84aa9fc3ee56bbe17df96ad6ae45eb728dc566ee0c6b32a12b1f";

    // jq -j .wantBytes src/test/resources/vectors/entry/event-person-registered.json | (printf '\x00'; cat) | sha256sum
    private static final String NEXT_ENTRY_HASH = "fbda62249cdd2f25256b3715ed36f0234054d73dcc43b4f7abedc68869bc4ca2";

    // printf '\x00' | sha256sum
    private static final String EMPTY_LEAF_HASH = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";

    // printf '\x00abc' | sha256sum
    private static final String ABC_LEAF_HASH = "609f6e36d2405585188d5cfd761f407c7cc46a7d3f314c88270469dde315fcd1";

    @Test
    void workedExample_encodesToThePrintedBytes() throws Exception {
        byte[] bytes = EntryCodec.encode(0, Hashes.ZERO_HASH, EVENT);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(ENTRY);
        assertThat(bytes).hasSize(550);
    }

    @Test
    void workedExample_hashesToThePrintedHash() {
        assertThat(Hashes.leafHash(ENTRY.getBytes(StandardCharsets.UTF_8))).isEqualTo(ENTRY_HASH);
    }

    @Test
    void nextEntry_namesTheWorkedExampleAsPrevHash() {
        Vectors.EntryCase next = Vectors.entry("event-person-registered");

        assertThat(next.index()).isEqualTo(1);
        assertThat(next.prevHash()).isEqualTo(ENTRY_HASH);
        assertThat(next.wantHash()).isEqualTo(NEXT_ENTRY_HASH);
    }

    @Test
    void leafHash_prefixesOneZeroByte() {
        assertThat(Hashes.leafHash(new byte[0])).isEqualTo(EMPTY_LEAF_HASH);
        assertThat(Hashes.leafHash("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC_LEAF_HASH);
    }

    @Test
    void prevHashOfEntryZero_isSixtyFourZeros() {
        assertThat(Hashes.ZERO_HASH).hasSize(64).matches("0+");
    }
}
