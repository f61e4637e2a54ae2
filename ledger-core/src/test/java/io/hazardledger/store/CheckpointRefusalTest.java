package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.log.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log never signs a checkpoint that is inconsistent with an earlier one. */
class CheckpointRefusalTest {

    @TempDir
    Path dir;

    /** A ledger on {@code ds} that signs a checkpoint whenever asked, with a key of its own. */
    private static Ledger signingLedger(DataSource ds) {
        return Ledger.builder().dataSource(ds)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log", Duration.ZERO)
                .build();
    }

    /** Statements run on the store, as someone with access to its tables would. */
    @FunctionalInterface
    private interface Tampering {
        void on(Statement s) throws SQLException;
    }

    /**
     * Signs a checkpoint of the park's four entries, tampers, appends one entry: the log refuses to sign the new tree,
     * and the checkpoint of four stays the latest.
     */
    private void assertNeverSignedAfter(Tampering tampering) throws Exception {
        DataSource ds = TestLedgers.store(dir);
        try (Ledger ledger = signingLedger(ds)) {
            TestLedgers.park(ledger);
            Checkpoints checkpoints = ledger.checkpoints().orElseThrow();
            NoteVerifier verifier = NoteVerifier.parse(checkpoints.verifierKey());
            Checkpoint first = Checkpoint.parse(verifier.verify(checkpoints.checkpointNow()));
            assertThat(first.size()).isEqualTo(4);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                tampering.on(s);
            }
            ledger.execute(new RegisterPerson("p-late", "Late", null, Set.of(Role.AUDITOR)));

            assertThatThrownBy(checkpoints::checkpointNow)
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class,
                            e -> assertThat(e.code()).isEqualTo("checkpoint-inconsistent"))
                    .hasMessageContaining("not consistent with the checkpoint of size 4 signed earlier");
            assertThat(checkpoints.sizes()).containsExactly(4L);
            assertThat(Checkpoint.parse(verifier.verify(checkpoints.latest().orElseThrow()))).isEqualTo(first);
        }
    }

    @Test
    void treeRewrittenBelowACheckpoint_isNeverSigned() throws Exception {
        // rewrite the subtree of the first four entries, as someone rewriting history would
        assertNeverSignedAfter(s -> s.executeUpdate("UPDATE merkle_node SET hash = '" + "ab".repeat(32)
                + "' WHERE level = 2 AND node_index = 0"));
    }

    @Test
    void treeRewrittenBelowACheckpoint_withItsRootColumnToMatch_isNeverSigned() throws Exception {
        // and the stored checkpoint's root column set to the rewritten root (the root of a tree of four is that node):
        // only its signed note still says the truth
        String forged = "ab".repeat(32);
        assertNeverSignedAfter(s -> {
            s.executeUpdate("UPDATE merkle_node SET hash = '" + forged + "' WHERE level = 2 AND node_index = 0");
            s.executeUpdate("UPDATE checkpoint SET root_hash = '" + forged + "' WHERE tree_size = 4");
        });
    }

    @Test
    void aCheckpointRowTheLogDidNotSign_isNotWhatANewOneIsJudgedAgainst() throws Exception {
        DataSource ds = TestLedgers.store(dir);
        try (Ledger ledger = signingLedger(ds)) {
            TestLedgers.park(ledger);
            Checkpoints checkpoints = ledger.checkpoints().orElseThrow();
            NoteVerifier verifier = NoteVerifier.parse(checkpoints.verifierKey());
            checkpoints.checkpointNow();
            // a row of a larger tree, signed by another key: were it believed, the log would never sign again
            Checkpoint claimed = new Checkpoint("test.example/log", 1000, new byte[32]);
            String note = new io.hazardledger.integrity.note.NoteSigner("test.example/log",
                    KeyPairs.generate(SignatureAlgorithm.ED25519).signer()).sign(claimed.text());
            try (Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO checkpoint (tree_size, root_hash, note, created_at) VALUES (1000, ?, ?, ?)")) {
                ps.setString(1, "00".repeat(32));
                ps.setString(2, note);
                ps.setString(3, java.time.Instant.now().toString());
                ps.executeUpdate();
            }
            ledger.execute(new RegisterPerson("p-late", "Late", null, Set.of(Role.AUDITOR)));

            Checkpoint signed = Checkpoint.parse(verifier.verify(checkpoints.checkpointNow()));
            assertThat(signed.size()).isEqualTo(5);
            assertThat(signed.root()).isEqualTo(ledger.log().root(5));
            // nor is it served, as the latest or by its size, nor taken for when the latest was made
            assertThat(Checkpoint.parse(verifier.verify(checkpoints.latest().orElseThrow()))).isEqualTo(signed);
            assertThat(checkpoints.latestSize()).contains(5L);
            assertThat(checkpoints.latestMade()).hasValueSatisfying(m -> assertThat(m.treeSize()).isEqualTo(5));
            assertThat(checkpoints.at(1000)).isEmpty();
            assertThat(checkpoints.sizes()).containsExactly(4L, 5L, 1000L);
        }
    }

    @Test
    void duringKeyRotation_everyCheckpointCarriesASignatureOfEachKey() throws Exception {
        var oldKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        var newKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir))
                .checkpoints(java.util.List.of(oldKey, newKey), "test.example/log", Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            Checkpoints checkpoints = ledger.checkpoints().orElseThrow();
            String note = checkpoints.checkpointNow();
            assertThat(checkpoints.verifierKeys()).hasSize(2).first().isEqualTo(checkpoints.verifierKey());
            for (String key : checkpoints.verifierKeys()) {
                assertThat(Checkpoint.parse(NoteVerifier.parse(key).verify(note)).size()).isEqualTo(4);
            }
            assertThat(note.lines().filter(l -> l.startsWith("\u2014 ")).count()).isEqualTo(2);
        }
    }

    @Test
    void ledgerWithoutACheckpointKey_signsNothing() {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).build()) {
            assertThat(ledger.checkpoints()).isEmpty();
        }
    }

    /**
     * Two servers of one store with keys of their own: the second finds the size the first signed stored under another
     * key and says so (it tried to sign it too, and its insert failed as a server error).
     */
    @Test
    void aSizeSignedByAnotherKey_isRefusedWithWhatToDo() throws Exception {
        DataSource ds = TestLedgers.store(dir);
        try (Ledger first = signingLedger(ds)) {
            TestLedgers.park(first);
            first.checkpoints().orElseThrow().checkpointNow();
        }
        try (Ledger second = signingLedger(ds)) {
            assertThatThrownBy(() -> second.checkpoints().orElseThrow().checkpointNow())
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class, e -> {
                        assertThat(e.code()).isEqualTo("checkpoint-key-differs");
                        assertThat(e.getMessage()).contains("the store holds 1 checkpoints of the log "
                                + "test.example/log, none of them signed by this log's keys");
                    });
            // and it goes on writing: the ledger is not stopped by it
            second.execute(new RegisterPerson("p-after", "After", null, Set.of(Role.AUDITOR)));
        }
    }

    /**
     * An application that embeds the library and gives a log another key (its key file lost, a store restored
     * elsewhere) never signs that log's next checkpoints with it, once the tree grew too: the log's checkpoints stay
     * those of its own key. A key rotated out, still given, signs on; a new log (an origin of its own) on the same
     * store starts its own checkpoints.
     */
    @Test
    void anotherKeyForTheSameLog_signsNothing_evenWhenTheTreeGrew() throws Exception {
        DataSource ds = TestLedgers.store(dir);
        var logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger first = Ledger.builder().dataSource(ds)
                .checkpoints(logKey, "test.example/log", Duration.ZERO).build()) {
            TestLedgers.park(first);
            first.checkpoints().orElseThrow().checkpointNow();
        }
        var another = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger second = Ledger.builder().dataSource(ds)
                .checkpoints(another, "test.example/log", Duration.ZERO).build()) {
            second.execute(new RegisterPerson("p-grown", "Grown", null, Set.of(Role.AUDITOR)));
            Checkpoints checkpoints = second.checkpoints().orElseThrow();
            assertThatThrownBy(checkpoints::checkpointNow)
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class,
                            e -> assertThat(e.code()).isEqualTo("checkpoint-key-differs"))
                    .hasMessageContaining("it would sign that log's next ones as another's");
            assertThat(checkpoints.sizes()).containsExactly(4L);
            second.execute(new RegisterPerson("p-still", "Still", null, Set.of(Role.AUDITOR)));
        }
        try (Ledger rotated = Ledger.builder().dataSource(ds)
                .checkpoints(java.util.List.of(another, logKey), "test.example/log", Duration.ZERO).build()) {
            String note = rotated.checkpoints().orElseThrow().checkpointNow();
            assertThat(Checkpoint.parse(NoteVerifier.parse(rotated.checkpoints().orElseThrow().verifierKey())
                    .verify(note)).size()).isEqualTo(6);
        }
        try (Ledger newLog = Ledger.builder().dataSource(ds)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log-2",
                        Duration.ZERO).build()) {
            Checkpoints checkpoints = newLog.checkpoints().orElseThrow();
            // the store's latest checkpoint is the rotated log's, of the ledger's size: one checkpoint a size, so the
            // new log's first waits for the next entry, and says so
            assertThatThrownBy(checkpoints::checkpointNow)
                    .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class,
                            e -> assertThat(e.code()).isEqualTo("checkpoint-size-of-another-log"))
                    .hasMessageContaining("no checkpoint of test.example/log-2 yet: the store's checkpoint of 6 "
                            + "entries is the log test.example/log's");
            assertThat(checkpoints.latest()).isEmpty();
            newLog.execute(new RegisterPerson("p-new-log", "New log", null, Set.of(Role.AUDITOR)));
            assertThat(Checkpoint.parse(NoteVerifier.parse(checkpoints.verifierKey())
                    .verify(checkpoints.checkpointNow())).origin()).isEqualTo("test.example/log-2");
        }
    }
}
