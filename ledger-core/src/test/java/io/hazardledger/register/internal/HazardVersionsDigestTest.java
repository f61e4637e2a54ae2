package io.hazardledger.register.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The digest by which a replay decides to keep the stored register history: equal for the same rows in any order, and
 * different whenever one value differs, however alike the two values print; and keyed, so that whoever writes the table
 * cannot compute what a row adds to the sum (and so cannot make other rows sum alike).
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
        // one byte a unit below 256, two from the first unit above: no string of one width reads as one of the other
        assertThat(same(new Object[] {"\u00e9t\u00e9"}, new Object[] {"\u00e9t\u00e9"})).isTrue();
        assertThat(same(new Object[] {"\u00e9t\u00e9"}, new Object[] {"\u00e9t\u00e8"})).isFalse();
        assertThat(same(new Object[] {"\u0100"}, new Object[] {"\u0001\u0000"})).isFalse();
        assertThat(same(new Object[] {"a\u0100"}, new Object[] {"a\u0101"})).isFalse();
        assertThat(same(new Object[] {"\u4e00\u0041"}, new Object[] {"\u4e00\u0141"})).isFalse();
    }

    /**
     * The row {"hz-1", 7L} as the digest encodes it: a string's tag, width (one byte a code unit, all being below 256),
     * length and units, a long's tag and bytes.
     */
    private static final byte[] ENCODED = {1, 1, 0, 0, 0, 4, 'h', 'z', '-', '1', 3, 0, 0, 0, 0, 0, 0, 0, 7};
    private static final Object[] ROW = {"hz-1", 7L};

    private static long[] words(byte[] sha256) {
        ByteBuffer b = ByteBuffer.wrap(sha256);
        return new long[] {b.getLong(), b.getLong(), b.getLong(), b.getLong()};
    }

    @Test
    void aRowsHash_isSha256OfTheKeyThenTheRow() throws Exception {
        byte[] key = new byte[32];
        key[0] = 42;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(key);
        sha.update(ENCODED);
        assertThat(new HazardVersions.Digest(key).hash(ROW)).containsExactly(words(sha.digest()));
    }

    @Test
    void aRowsHash_cannotBeComputedFromTheTableAlone() throws Exception {
        // what anyone who can read or write the table could compute: the row's hash without a key, or with a key
        // of zeros; the process's own digest adds neither
        long[] unkeyed = words(MessageDigest.getInstance("SHA-256").digest(ENCODED));
        long[] zeroKey = new HazardVersions.Digest(new byte[32]).hash(ROW).clone();
        long[] own = new HazardVersions.Digest().hash(ROW).clone();
        assertThat(own).isNotEqualTo(unkeyed).isNotEqualTo(zeroKey);
        // one key for the whole process: the stored history's digest and the replay's are comparable
        assertThat(new HazardVersions.Digest().hash(ROW)).containsExactly(own);
        assertThat(of(new Object[][] {ROW}).sameAs(of(new Object[][] {ROW.clone()}))).isTrue();
        // and another key gives another hash
        byte[] other = new byte[32];
        other[31] = 1;
        assertThat(new HazardVersions.Digest(other).hash(ROW)).isNotEqualTo(zeroKey);
    }

    /** The row {"a动"}: a string with a unit above 255 is written two bytes a unit, all of it (动 is U+52A8). */
    @Test
    void aStringWithAUnitAbove255_isWrittenTwoBytesAUnit() throws Exception {
        byte[] key = new byte[32];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(key);
        sha.update(new byte[] {1, 2, 0, 0, 0, 2, 0, 'a', 0x52, (byte) 0xA8});
        assertThat(new HazardVersions.Digest(key).hash(new Object[] {"a\u52a8"})).containsExactly(words(sha.digest()));
    }

    @Test
    void versionsDigestedInBatchesOnAThread_addUpToTheDigestOfThemAll() {
        HazardVersions.Digest all = new HazardVersions.Digest();
        HazardVersions.Digest allButOne = new HazardVersions.Digest();
        for (int i = 0; i < 10; i++) {
            Object[] row = {"hz-" + i, "ent-1", i, (long) i, i % 2 == 0 ? "动火作业" : "hot work"};
            all.row(row);
            all.end("hz-" + i, i, i == 9 ? Long.MAX_VALUE : i + 1);
            if (i > 0) {
                allButOne.row(row);
            }
            allButOne.end("hz-" + i, i, i == 9 ? Long.MAX_VALUE : i + 1);
        }
        for (int batch : new int[] {1, 3, 10, 64}) {
            HazardVersions.Digesting digesting = new HazardVersions.Digesting(batch);
            for (int i = 0; i < 10; i++) {
                digesting.row(new Object[] {"hz-" + i, "ent-1", i, (long) i, i % 2 == 0 ? "动火作业" : "hot work"});
                digesting.end("hz-" + i, i, i == 9 ? Long.MAX_VALUE : i + 1);
            }
            HazardVersions.Digest made = digesting.finish();
            assertThat(made.sameAs(all)).as("batches of %d", batch).isTrue();
            assertThat(made.sameAs(allButOne)).as("batches of %d", batch).isFalse();
        }
    }

    @Test
    void digestsMadeWithDifferentKeys_doNotAddUp() {
        byte[] other = new byte[32];
        other[0] = 1;
        HazardVersions.Digest own = new HazardVersions.Digest();
        assertThatThrownBy(() -> own.merge(new HazardVersions.Digest(other)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAbortedDigest_takesNoMoreVersions_andHasNoResult() {
        HazardVersions.Digesting digesting = new HazardVersions.Digesting(1);
        digesting.row(new Object[] {"hz-1", 1L});
        digesting.abort();
        assertThatThrownBy(() -> digesting.row(new Object[] {"hz-2", 2L})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(digesting::finish).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aborted");
    }
}
