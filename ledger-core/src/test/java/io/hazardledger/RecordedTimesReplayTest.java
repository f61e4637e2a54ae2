package io.hazardledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept blocks of recorded times (recorded_time_block) are what a starting process answers "as of" questions from;
 * a replay corrects a block that differs from the entries' times and deletes one that no entries make.
 */
class RecordedTimesReplayTest {

    private static final int BLOCK = 8;

    @TempDir
    Path dir;

    private static Ledger open(DataSource store) {
        return Ledger.builder().dataSource(store).recordedTimeBlock(BLOCK).build();
    }

    private static List<Instant> times(Ledger ledger, long size) {
        List<Instant> times = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            times.add(ledger.position(i, null).moment());   // when entry i was recorded
        }
        return times;
    }

    @Test
    void aBlockChangedInTheStore_isWhatAStartingProcessAnswers_untilAReplayCorrectsIt() throws Exception {
        DataSource store = TestLedgers.store(dir);
        List<Instant> truth;
        long size;
        try (Ledger ledger = open(store)) {
            TestLedgers.park(ledger);
            for (int h = 0; h < 6; h++) {
                TestLedgers.closedLoop(ledger, "hz-" + h);
            }
            size = ledger.log().size();
            truth = times(ledger, size);   // read from the entries, the full blocks kept
            assertThat(blocks(store)).isEqualTo(size / BLOCK);
            assertThat(ledger.replayAndReport().projections()).filteredOn(p -> p.name().equals("recorded-times"))
                    .singleElement().satisfies(p -> assertThat(p.rowsChanged()).as("blocks that are right").isZero());
        }

        // block 1 (entries 8 to 15) set to the epoch, and two blocks that no entries make
        ByteBuffer zeros = ByteBuffer.allocate(BLOCK * Long.BYTES);
        update(store, "UPDATE recorded_time_block SET nanos = ? WHERE block = 1", zeros.array());
        update(store, "INSERT INTO recorded_time_block (block, nanos) VALUES (-1, ?)", zeros.array());
        update(store, "INSERT INTO recorded_time_block (block, nanos) VALUES (1000, ?)", zeros.array());

        try (Ledger ledger = open(store)) {
            assertThat(ledger.position(9L, null).moment()).as("what a new process answers").isEqualTo(Instant.EPOCH);

            ReplayReport report = ledger.replayAndReport();
            assertThat(report.projections()).filteredOn(p -> p.name().equals("recorded-times")).singleElement()
                    .satisfies(p -> {
                        assertThat(p.rewritten()).isFalse();
                        assertThat(p.rowsChanged()).as("one corrected, two deleted").isEqualTo(3);
                    });
            assertThat(report.corrected()).isTrue();
            assertThat(times(ledger, size)).as("the replaying process, at once").isEqualTo(truth);
        }
        try (Ledger ledger = open(store)) {
            assertThat(times(ledger, size)).as("a process that starts after").isEqualTo(truth);
            assertThat(blocks(store)).isEqualTo(size / BLOCK);
        }
    }

    private static void update(DataSource store, String sql, byte[] bytes) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, bytes);
            assertThat(ps.executeUpdate()).isOne();
        }
    }

    private static long blocks(DataSource store) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM recorded_time_block"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
