package io.hazardledger.integrity.note;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.log.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/FORMAT.md 14.4 promises about when checkpoints are made, with a real ledger: the first one of an empty
 * ledger, none while the tree does not grow, all kept, none for a head set back, and the periodic ones.
 */
class CheckpointLifecycleTest {

    @TempDir
    Path dir;

    private static Ledger ledger(DataSource ds, Duration interval) {
        return Ledger.builder().dataSource(ds)
                .checkpoints(NoteVectors.pemSignerFromSeed(NoteTamperTest.SEED), NoteTamperTest.ORIGIN, interval)
                .build();
    }

    @Test
    void emptyLedger_firstCheckpointIsTheEmptyTree() throws Exception {
        try (Ledger ledger = ledger(TestLedgers.store(dir), Duration.ZERO)) {
            Checkpoints checkpoints = ledger.checkpoints().orElseThrow();
            assertThat(checkpoints.latest()).isEmpty();

            String note = checkpoints.checkpointNow();

            Checkpoint cp = Checkpoint.parse(NoteVerifier.parse(checkpoints.verifierKey()).verify(note));
            assertThat(cp).isEqualTo(new Checkpoint(NoteTamperTest.ORIGIN, 0, MerkleHash.empty()));
            assertThat(checkpoints.sizes()).containsExactly(0L);
        }
    }

    @Test
    void checkpoints_areMadeWhenTheTreeGrew_allKept_andServedBySize() throws Exception {
        try (Ledger ledger = ledger(TestLedgers.store(dir), Duration.ZERO)) {
            Checkpoints checkpoints = ledger.checkpoints().orElseThrow();
            NoteVerifier verifier = NoteVerifier.parse(checkpoints.verifierKey());
            TestLedgers.park(ledger);
            String four = checkpoints.checkpointNow();
            assertThat(checkpoints.checkpointNow()).as("the tree did not grow").isEqualTo(four);
            ledger.execute(new RegisterPerson("p-five", "Five", null, Set.of(Role.AUDITOR)));
            String five = checkpoints.checkpointNow();

            assertThat(checkpoints.sizes()).containsExactly(4L, 5L);
            assertThat(checkpoints.at(4)).contains(four);
            assertThat(checkpoints.at(5)).contains(five);
            assertThat(checkpoints.at(3)).isEmpty();
            assertThat(checkpoints.latest()).contains(five);
            Checkpoint a = Checkpoint.parse(verifier.verify(four));
            Checkpoint b = Checkpoint.parse(verifier.verify(five));
            assertThat(b.root()).isEqualTo(ledger.log().root(5));
            io.hazardledger.integrity.merkle.Proofs.verifyConsistency(4, 5, a.root(), b.root(),
                    ledger.log().consistencyProof(4, 5));
        }
    }

    @Test
    void headSetBackBelowTheLatestCheckpoint_signsNothing_andTheLatestStays() throws Exception {
        DataSource ds = TestLedgers.store(dir);
        try (Ledger ledger = ledger(ds, Duration.ZERO)) {
            Checkpoints checkpoints = ledger.checkpoints().orElseThrow();
            TestLedgers.park(ledger);
            String four = checkpoints.checkpointNow();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE ledger_head SET size = 2 WHERE id = 1");
            }

            assertThat(checkpoints.checkpointNow()).isEqualTo(four);
            assertThat(checkpoints.sizes()).containsExactly(4L);
        }
    }

    // The cadence itself is tested without waiting, with a hand-driven scheduler: store.CheckpointCadenceTest.
}
