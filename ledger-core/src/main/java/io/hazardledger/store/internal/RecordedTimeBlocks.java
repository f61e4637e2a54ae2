package io.hazardledger.store.internal;

import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * {@code recorded_time_block} ({@link RecordedTimes}) for a replay: the kept blocks of the entries' recorded times are
 * what a process that starts reads instead of the entries, so a block changed in the store would change every answer
 * "as of" a time (which entries a time covers, a week's reports, whether a deadline had passed). A replay compares each
 * stored block with the times of the entries it covers and corrects one that differs; it deletes a block that no full
 * run of entries makes (before the first, or beyond the last full block). A block not stored is left for
 * {@link RecordedTimes} to keep when it next reads those entries. Entries write nothing here.
 */
public final class RecordedTimeBlocks implements Projection {

    private final int block;

    /** @param block the entries a block holds: the store's, as {@link RecordedTimes} keeps them */
    public RecordedTimeBlocks(int block) {
        if (block < 1) {
            throw new IllegalArgumentException("a block holds at least one entry, not " + block);
        }
        this.block = block;
    }

    @Override
    public String name() {
        return "recorded-times";
    }

    @Override
    public void reset(Connection connection) throws SQLException {
        Sql.update(connection, "DELETE FROM recorded_time_block");
    }

    @Override
    public void apply(Connection connection, RecordedEvent event) {
        // the blocks are kept by RecordedTimes as it reads committed entries
    }

    @Override
    public Rebuild rebuild(Connection c) {
        return new Rebuild() {
            private final long[] times = new long[block];
            private int filled;
            private long blocks;
            private long changed;

            @Override
            public void apply(RecordedEvent event) throws SQLException {
                times[filled++] = RecordedTimes.nanosSinceEpoch(event.recordedAt());
                if (filled == block) {
                    compare(blocks++);
                    filled = 0;
                }
            }

            private void compare(long k) throws SQLException {
                ByteBuffer expected = ByteBuffer.allocate(block * Long.BYTES);
                expected.asLongBuffer().put(times);
                byte[] stored = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT nanos FROM recorded_time_block WHERE block = ?")) {
                    ps.setLong(1, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            stored = rs.getBytes(1);
                        }
                    }
                }
                if (stored != null && !Arrays.equals(stored, expected.array())) {
                    Sql.update(c, "UPDATE recorded_time_block SET nanos = ? WHERE block = ?", expected.array(), k);
                    changed++;
                }
            }

            @Override
            public long finish() throws SQLException {
                return changed + Sql.update(c, "DELETE FROM recorded_time_block WHERE block < 0 OR block >= ?", blocks);
            }
        };
    }
}
