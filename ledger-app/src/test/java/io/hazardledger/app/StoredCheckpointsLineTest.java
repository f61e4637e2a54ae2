package io.hazardledger.app;

import io.hazardledger.integrity.VerifiedLedger.Checkpoints;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line {@code verify} and {@code backup} print about the stored checkpoints: a ledger whose only checkpoint is the
 * log's signed one of the empty tree (a new server signs it at its first start) says so, and is not taken for one with
 * no checkpoint of the log's.
 */
@Tag("store-independent")
class StoredCheckpointsLineTest {

    private static String[] printed(Checkpoints compared) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli.printStoredCheckpoints(compared, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void theLogsCheckpointOfTheEmptyTree_isTheLatestItSigned() {
        String[] printed = printed(new Checkpoints(1, 0L, 0));
        assertThat(printed[0]).isEqualTo("  checkpoints: the one stored states the Merkle root that the entries make; "
                + "the latest this log signed is of 0 entries" + System.lineSeparator());
        assertThat(printed[1]).isEmpty();
    }

    @Test
    void checkpointsNoneOfWhichTheLogSigned_sayNone_andWarn() {
        String[] printed = printed(new Checkpoints(0, null, 3));
        assertThat(printed[0]).isEqualTo("  checkpoints: none of this log's stored yet" + System.lineSeparator());
        assertThat(printed(new Checkpoints(0, null, 0))[0]).isEqualTo("  checkpoints: none stored yet"
                + System.lineSeparator());
        assertThat(printed(new Checkpoints(2, null, 1))[0]).contains("the 2 stored checkpoints state the Merkle roots that the "
                + "entries make; none of them is signed by this log's keys");
        assertThat(printed[1]).startsWith("WARNING: 3 stored checkpoints are not this log's");
    }
}
