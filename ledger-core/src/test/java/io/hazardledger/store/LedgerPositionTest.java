package io.hazardledger.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The position an "as of" question asks about: atIndex itself, or for a time the entries before the first one
 * recorded after it (computed here from the entries' own recordedAt), or the whole ledger; bad positions refused.
 */
class LedgerPositionTest {

    @Test
    void asOfATimeIsThePrefixBeforeTheFirstEntryRecordedAfterIt(@TempDir Path dir) throws Exception {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).build()) {
            TestLedgers.park(ledger);
            TestLedgers.closedLoop(ledger, "hz-1");
            TestLedgers.closedLoop(ledger, "hz-2");
            long size = ledger.log().size();
            List<Instant> recorded = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (byte[] entry : ledger.log().entries(0, size)) {
                recorded.add(Instant.parse(json.readTree(entry).path("recordedAt").asText()));
            }
            for (int k = 0; k < size; k++) {
                Instant t = recorded.get(k);
                long expected = size;
                for (int i = 0; i < size; i++) {
                    if (recorded.get(i).isAfter(t)) {
                        expected = i;
                        break;
                    }
                }
                assertThat(ledger.sizeAsOf(null, t)).as("as of the time entry %d was recorded", k).isEqualTo(expected)
                        .isGreaterThan(k);
            }
            assertThat(ledger.sizeAsOf(null, Instant.parse("2020-01-01T00:00:00Z"))).isZero();
            assertThat(ledger.sizeAsOf(null, Instant.parse("2199-01-01T00:00:00Z"))).isEqualTo(size);
            assertThat(ledger.sizeAsOf(null, null)).isEqualTo(size);
            assertThat(ledger.sizeAsOf(3L, null)).isEqualTo(3);
            assertThatThrownBy(() -> ledger.sizeAsOf(3L, Instant.now())).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("asOf");
            assertThatThrownBy(() -> ledger.sizeAsOf(size + 1, null)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("atIndex");
            assertThatThrownBy(() -> ledger.sizeAsOf(-1L, null)).isInstanceOf(InvalidInputException.class);

            // a time in the future is the whole ledger, judged now (not on a day that has not come)
            Instant before = Instant.now();
            var future = ledger.position(null, Instant.parse("2199-01-01T00:00:00Z"));
            assertThat(future.size()).isEqualTo(size);
            assertThat(future.moment()).isBetween(before, Instant.now());
            // at an earlier size: the moment the next entry was recorded
            assertThat(ledger.position(3L, null).moment()).isEqualTo(recorded.get(3));

            TestLedgers.closedLoop(ledger, "hz-3"); // later entries are read as they come
            assertThat(ledger.sizeAsOf(null, Instant.parse("2199-01-01T00:00:00Z"))).isEqualTo(size + 5);
        }
    }
}
