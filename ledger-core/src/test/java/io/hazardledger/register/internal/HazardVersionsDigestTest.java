package io.hazardledger.register.internal;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest by which a replay decides to keep the stored register history: equal for the same rows in any order, and
 * different whenever one value differs, however alike the two values print.
 */
class HazardVersionsDigestTest {

    private static HazardVersions.Digest of(Object[]... rows) {
        HazardVersions.Digest d = new HazardVersions.Digest();
        for (Object[] row : rows) {
            d.row(row);
        }
        return d;
    }

    private static boolean same(Object[] a, Object[] b) {
        return of(new Object[][] {a}).sameAs(of(new Object[][] {b}));
    }

    @Test
    void theSameRowsInAnotherOrder_giveTheSameDigest() {
        Object[] a = {"hz-1", "ent-1", 3, 7L, LocalDate.of(2026, 2, 28), null, "动火作业"};
        Object[] b = {"hz-2", "ent-1", 0, 8L, null, "x", "受限空间"};
        assertThat(of(a, b).sameAs(of(b.clone(), a.clone()))).isTrue();
        assertThat(of(a, b).sameAs(of(new Object[][] {a}))).isFalse();
        assertThat(of(a, a).sameAs(of(new Object[][] {a}))).isFalse();
    }

    @Test
    void valuesThatPrintAlike_giveDifferentDigests() {
        // an unpaired surrogate and the question mark UTF-8 would write in its place
        assertThat(same(new Object[] {"a\uD800"}, new Object[] {"a?"})).isFalse();
        assertThat(same(new Object[] {"ab", "c"}, new Object[] {"a", "bc"})).isFalse();
        assertThat(same(new Object[] {5}, new Object[] {5L})).isFalse();
        assertThat(same(new Object[] {5}, new Object[] {"5"})).isFalse();
        assertThat(same(new Object[] {null}, new Object[] {""})).isFalse();
        assertThat(same(new Object[] {LocalDate.of(2026, 3, 1)}, new Object[] {"2026-03-01"})).isFalse();
        assertThat(same(new Object[] {LocalDate.of(2026, 3, 1)}, new Object[] {LocalDate.of(2026, 3, 2)})).isFalse();
        assertThat(same(new Object[] {1L << 40}, new Object[] {(1L << 40) + 1})).isFalse();
        assertThat(same(new Object[] {"动火"}, new Object[] {"动火"})).isTrue();
    }
}
