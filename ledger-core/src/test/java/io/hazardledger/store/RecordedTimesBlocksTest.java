package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.store.internal.RecordedTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entries' recorded times kept in blocks (recorded_time_block, V16): a reader that finds them answers as one that
 * joined every entry with its event, and reads the blocks (not the events) for what they cover.
 */
class RecordedTimesBlocksTest {

    @Test
    void aReaderOfTheKeptBlocks_answersAsTheOneThatReadEveryEntry(@TempDir Path dir) throws Exception {
        DataSource store = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(store).build()) {
            TestLedgers.park(ledger);
            for (int h = 0; h < 12; h++) {
                TestLedgers.closedLoop(ledger, "hz-" + h);
            }
            long size = ledger.log().size();
            RecordedTimes first = new RecordedTimes(store, 16);   // reads every entry, keeps the full blocks
            assertThat(first.recordedAt(size - 1, size)).isNotNull();
            assertThat(count(store)).isEqualTo(size / 16);
            RecordedTimes second = new RecordedTimes(store, 16);  // reads the blocks, then the rest
            for (int i = 0; i < size; i++) {
                Instant t = first.recordedAt(i, size);
                assertThat(second.recordedAt(i, size)).isEqualTo(t);
                assertThat(second.sizeAsOf(t, size)).isEqualTo(first.sizeAsOf(t, size))
                        .isEqualTo(ledger.sizeAsOf(null, t));
            }
            // the blocks are what a new reader takes: one changed in the store is what it answers
            try (Connection c = store.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE recorded_time_block SET nanos = ? WHERE block = 0")) {
                ByteBuffer changed = ByteBuffer.allocate(16 * Long.BYTES);
                changed.asLongBuffer().put(new long[16]);
                ps.setBytes(1, changed.array());
                ps.executeUpdate();
            }
            assertThat(new RecordedTimes(store, 16).recordedAt(3, size)).isEqualTo(Instant.EPOCH);
            assertThat(new RecordedTimes(store, 16).recordedAt(size - 1, size)).isEqualTo(first.recordedAt(size - 1, size));
        }
    }

    private static long count(DataSource store) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM recorded_time_block"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
