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
        // not "none stored yet" beside a FAILED [checkpoints-key] for a --log-key that signed none of them
        assertThat(printed[0]).isEqualTo("  checkpoints: none of the 3 stored is signed by this log's keys"
                + System.lineSeparator());
        assertThat(printed(new Checkpoints(0, null, 0))[0]).isEqualTo("  checkpoints: none stored yet"
                + System.lineSeparator());
        assertThat(printed(new Checkpoints(2, null, 1))[0]).contains("the 2 stored checkpoints state the Merkle roots "
                + "that the entries make; none of them is signed by this log's keys");
        assertThat(printed[1]).startsWith("WARNING: 3 stored checkpoints are not this log's");
    }

    /** An entry recorded well before one ahead of it: a warning on standard error, naming the entry and by how much. */
    @Test
    void aClockStep_isAWarningNamingTheEntry() {
        StringWriter err = new StringWriter();
        Cli.printClockSteps(new io.hazardledger.integrity.VerifiedLedger(5, "h", java.util.List.of(),
                Checkpoints.NONE, java.util.List.of(new io.hazardledger.integrity.VerifiedLedger.ClockStep(3,
                "2026-11-01T23:09:40.000Z", "2026-11-02T01:10:00.000Z", 7220))), new PrintWriter(err, true));
        assertThat(err.toString()).isEqualTo("WARNING: entry 3 was recorded at 2026-11-01T23:09:40.000Z, 7220 s before "
                + "an earlier entry (2026-11-02T01:10:00.000Z): the writing server's clock went back, or the write "
                + "waited that long; answers as of a time in between leave it out" + System.lineSeparator());
    }
}
