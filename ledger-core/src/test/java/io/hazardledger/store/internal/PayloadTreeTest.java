package io.hazardledger.store.internal;

import io.hazardledger.integrity.CanonicalJson;
import io.hazardledger.integrity.EntryContent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verification reads each payload once, as a tree ({@link CanonicalJson#tree}), for the entry's check, its references
 * and its deserialisation: the tree it reads is the one the reference check read before ({@link ReferenceAudit#parse}),
 * and what that refused (beyond Jackson's default limits) is still refused, so that such an entry still fails its
 * reference check as a payload that is not JSON.
 */
class PayloadTreeTest {

    private static EntryContent event(String payload) {
        return new EntryContent("e-1", "Hazard", "hz-1", 0, "HazardReported", null, "2026-12-01T00:00:00Z", "{}",
                payload);
    }

    @Test
    void theTreeReadOnce_isTheTreeTheReferenceCheckReads() {
        for (String payload : List.of("{\"hazardId\":\"hz-1\",\"reportedBy\":\"p-1\",\"n\":1.50,\"big\":"
                        + "123456789012345678901234567890,\"e\":-0,\"x\":1e2,\"coSigners\":[{\"personId\":\"p-2\"}]}",
                "{\"description\":\"动火作业 \\ud83d\\ude00\",\"a\":[true,false,null,{}]}", "[1,2]", "\"text\"")) {
            assertThat(CanonicalJson.tree(payload)).as(payload).isNotNull()
                    .isEqualTo(ReferenceAudit.parse(event(payload)));
        }
    }

    @Test
    void beyondJacksonsDefaultLimits_neitherReadsATree_soTheEntryFailsAsNotJson() {
        for (String payload : List.of("{\"n\":0." + "0".repeat(1200) + "1}",
                "{\"" + "x".repeat(60_000) + "\":1}",
                "{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}")) {
            assertThat(CanonicalJson.tree(payload)).isNull();
            assertThat(ReferenceAudit.parse(event(payload))).isNull();
            assertThat(ReferenceAudit.named(event(payload), null)).isNull();
        }
    }

    @Test
    void whatOnlyTheStrictReadingRefuses_isReadForTheReferencesAsBefore() {
        // a member twice, text after the value: no tree for the entry's check (its text is read), the reference
        // check's own reading as before
        for (String payload : List.of("{\"reportedBy\":\"p-1\",\"reportedBy\":\"p-2\"}", "{\"reportedBy\":\"p-1\"} x")) {
            assertThat(CanonicalJson.tree(payload)).as(payload).isNull();
            assertThat(ReferenceAudit.parse(event(payload))).as(payload).isNotNull();
        }
    }

    @Test
    void slicesAfterTheFirst_beginAtMultiplesOf64_inOrder_andCoverTheBatch() {
        for (long first : new long[] {0, 1, 63, 64, 1000, 999_000, 1_000_001}) {
            for (int n : new int[] {0, 1, 7, 64, 100, 1000}) {
                for (int slices : new int[] {1, 2, 8}) {
                    int[] bounds = LedgerStore.sliceBounds(first, n, slices);
                    assertThat(bounds).hasSize(slices + 1);
                    assertThat(bounds[0]).isZero();
                    assertThat(bounds[slices]).isEqualTo(n);
                    for (int s = 1; s <= slices; s++) {
                        assertThat(bounds[s]).as("first %d, n %d, slice %d", first, n, s)
                                .isGreaterThanOrEqualTo(bounds[s - 1]);
                        if (s < slices && bounds[s] > 0 && bounds[s] < n) {
                            assertThat((first + bounds[s]) % 64).isZero();
                        }
                    }
                }
            }
        }
        // a batch of a thousand entries in eight slices of about 128: every core has work
        int[] bounds = LedgerStore.sliceBounds(5_000, 1_000, 8);
        for (int s = 0; s < 8; s++) {
            assertThat(bounds[s + 1] - bounds[s]).isBetween(64, 192);
        }
    }
}
