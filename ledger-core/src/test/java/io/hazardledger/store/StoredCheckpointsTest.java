package io.hazardledger.store;

import io.hazardledger.IntegrityRefusalException;
import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.log.Checkpoints;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;
import io.hazardledger.store.internal.VerifiedMarks;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verification compares the entries with the checkpoints the log stored beside them (FORMAT.md section 6): a history
 * cut short or rewritten below a stored checkpoint, every link, node and the head made to fit, breaks where the
 * checkpoint says, though no link shows it. Rows the log did not sign are not believed, either way.
 */
class StoredCheckpointsTest {

    private static final String ORIGIN = "test.example/log";

    @TempDir
    Path dir;

    DataSource ds;
    LedgerTables db;
    StatementSigner logKey;
    Ledger ledger;
    Checkpoints checkpoints;

    @BeforeEach
    void park() {
        ds = TestLedgers.store(dir);
        db = new LedgerTables(ds);
        logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger = Ledger.builder().dataSource(ds).checkpoints(logKey, ORIGIN, Duration.ZERO).build();
        checkpoints = ledger.checkpoints().orElseThrow();
        TestLedgers.park(ledger);                                     // entries 0-3
        checkpoints.checkpointNow();                                  // of 4
        TestLedgers.closedLoop(ledger, "hz-1");                       // 4-8
        checkpoints.checkpointNow();                                  // of 9
        ledger.execute(TestLedgers.report("hz-2", HazardLevel.GENERAL));
        ledger.execute(TestLedgers.report("hz-3", HazardLevel.GENERAL));   // 9-10, no checkpoint covers them
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void everyStoredCheckpoint_isComparedWithTheEntries() throws Exception {
        VerifiedLedger verified = ledger.verify();

        assertThat(verified.size()).isEqualTo(11);
        assertThat(verified.checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(2, 9L, 0));
        checkpoints.checkpointNow();
        assertThat(ledger.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(3, 11L, 0));
    }

    @Test
    void aLedgerCutShortBelowAStoredCheckpoint_breaksAtItsNewEnd() throws Exception {
        db.cutTo(7);   // entries 7 and 8 gone with their events and nodes, the head set back to entry 6: links hold

        assertBreaksAt(7, "missing-entry", "the log signed a checkpoint of 9 entries, but the ledger holds 7: entries "
                + "7 to 8 are missing");
        // the checkpoint of 4 still agrees; only the one of 9 shows the cut
        db.update("DELETE FROM checkpoint WHERE tree_size = 9");
        assertThat(ledger.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(1, 4L, 0));
    }

    @Test
    void aLedgerCutShortAndWrittenOnPastAStoredCheckpoint_breaksAtThatCheckpoint() throws Exception {
        db.cutTo(7);
        ledger.execute(new RegisterPerson("p-late", "Late", null, Set.of(Role.AUDITOR)));
        ledger.execute(new RegisterPerson("p-later", "Later", null, Set.of(Role.AUDITOR)));
        ledger.execute(new RegisterPerson("p-latest", "Latest", null, Set.of(Role.AUDITOR)));   // 7-9: past 9 again

        assertBreaksAt(8, "checkpoint-mismatch", "do not make the Merkle root that the log signed in its checkpoint "
                + "of 9 entries");
    }

    @Test
    void aHistoryRewrittenBelowAStoredCheckpoint_breaksAtItsLastEntry() throws Exception {
        db.replaceInEvent(6, "payload", "\"summary\":\"", "\"summary\":\"not ");   // hz-1's rectification
        db.rewriteFrom(6);   // entries 6-10, every node and the head rewritten to fit: every link holds

        assertBreaksAt(8, "checkpoint-mismatch", "checkpoint of 9 entries");
        // without the checkpoints, nothing shows it (FORMAT.md section 11)
        db.update("DELETE FROM checkpoint");
        assertThat(ledger.verify().size()).isEqualTo(11);
    }

    @Test
    void aRowTheLogDidNotSign_isIgnored_whateverItSays() throws Exception {
        db.cutTo(7);
        db.update("DELETE FROM checkpoint WHERE tree_size = 9");
        // another key's checkpoints: one that covers more entries than there are, one with another root, and one that
        // states the very root the entries make: none is this log's
        StatementSigner otherKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        storeCheckpoint(new Checkpoint(ORIGIN, 9, new byte[32]), new NoteSigner(ORIGIN, otherKey));
        storeCheckpoint(new Checkpoint(ORIGIN, 5, new byte[32]), new NoteSigner(ORIGIN, otherKey));
        storeCheckpoint(new Checkpoint(ORIGIN, 2, HexFormat.of().parseHex(db.rootOf(2))), new NoteSigner(ORIGIN,
                otherKey));
        // and the log's own key over a checkpoint of another origin
        storeCheckpoint(new Checkpoint("other.example/log", 6, new byte[32]), new NoteSigner(ORIGIN, logKey));

        // the one that agrees is counted, but the latest checkpoint is the log's
        assertThat(ledger.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(2, 4L, 3));
    }

    @Test
    void aRewrittenHistorysRootStatedInALatestRowTheLogDidNotSign_isNotTakenForTheLogs() throws Exception {
        db.replaceInEvent(6, "payload", "\"summary\":\"", "\"summary\":\"not ");
        db.rewriteFrom(6);
        // the checkpoint of 9 replaced by one that states the rewritten root, signed by someone else
        db.update("UPDATE checkpoint SET note = ? WHERE tree_size = 9", new NoteSigner(ORIGIN,
                KeyPairs.generate(SignatureAlgorithm.ED25519).signer()).sign(new Checkpoint(ORIGIN, 9,
                HexFormat.of().parseHex(db.rootOf(9))).text()));

        // as if the log's checkpoint of 9 were deleted: the latest of the log's is that of 4, and the row is ignored
        assertThat(ledger.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(1, 4L, 1));
    }

    @Test
    void aSignedCheckpointStoredBeyondTheHead_underAnotherSize_breaksAtItsOwn() throws Exception {
        db.update("UPDATE checkpoint SET tree_size = 20 WHERE tree_size = 4");

        assertBreaksAt(3, "checkpoint-mismatch", "the checkpoint stored for a tree of 20 entries is the log's signed "
                + "checkpoint of 4");
    }

    @Test
    void theEmptyTreesCheckpoint_isCompared() throws Exception {
        ledger.close();
        ds = TestLedgers.store(dir.resolve("empty"));
        ledger = Ledger.builder().dataSource(ds).checkpoints(logKey, ORIGIN, Duration.ZERO).build();
        ledger.checkpoints().orElseThrow().checkpointNow();

        assertThat(ledger.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(1, 0L, 0));
    }

    @Test
    void afterAKeyRotation_eitherKeyTellsTheLogsCheckpoints_andAnotherKeyNone() throws Exception {
        ledger.close();
        StatementSigner newKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger = Ledger.builder().dataSource(ds).checkpoints(List.of(logKey, newKey), ORIGIN, Duration.ZERO).build();
        ledger.checkpoints().orElseThrow().checkpointNow();   // of 11, signed with both keys
        ledger.close();
        ledger = Ledger.builder().dataSource(ds).checkpoints(newKey, ORIGIN, Duration.ZERO).build();
        assertThat(ledger.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(3, 11L, 0));
        db.cutTo(10);
        assertBreaksAt(10, "missing-entry", "the log signed a checkpoint of 11 entries");

        // a server restored without its key signs with a new one: the old rows are no checkpoints of its (the two
        // below the head state the roots the entries make, but neither is the latest of the log's)
        ledger.close();
        ledger = Ledger.builder().dataSource(ds).checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(),
                ORIGIN, Duration.ZERO).build();
        assertThat(ledger.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(0, null, 3));
    }

    @Test
    void aSignedCheckpointStoredUnderAnotherSize_breaks() throws Exception {
        db.update("UPDATE checkpoint SET tree_size = 6 WHERE tree_size = 9");

        assertBreaksAt(5, "checkpoint-mismatch", "the checkpoint stored for a tree of 6 entries is the log's signed "
                + "checkpoint of 9");
    }

    @Test
    void aCheckpointsRootColumnAlone_isNotWhatIsCompared() throws Exception {
        // the signed note is the checkpoint; the column is the ledger's copy of its root, for nobody to rely on
        db.update("UPDATE checkpoint SET root_hash = ? WHERE tree_size = 9", "00".repeat(32));

        assertThat(ledger.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(2, 9L, 0));
    }

    @Test
    void readInChunksOfOne_theSameBreaks() throws Exception {
        storeCheckpoint(new Checkpoint(ORIGIN, 10, new byte[32]), new NoteSigner(ORIGIN,
                KeyPairs.generate(SignatureAlgorithm.ED25519).signer()));   // ignored, between the two
        LedgerStore store = new LedgerStore(ds, LedgerSerializer.forEvents(), List.of(), 1,
                new VerifiedMarks(List.of(new NoteSigner(ORIGIN, logKey)), ORIGIN));
        assertThat(store.verify().checkpoints()).isEqualTo(new VerifiedLedger.Checkpoints(2, 9L, 1));

        db.replaceInEvent(2, "payload", "\"name\":\"", "\"name\":\"not ");
        db.rewriteFrom(2);
        assertThatThrownBy(store::verify).isInstanceOfSatisfying(LedgerIntegrityException.class,
                e -> assertThat(e.index() + " " + e.check()).isEqualTo("3 checkpoint-mismatch"));
    }

    @Test
    void aLedgerWithoutTheLogsKeys_comparesNone_unlessGivenTheLogsPublicKey() throws Exception {
        String verifierKey = checkpoints.verifierKey();
        ledger.close();
        ledger = Ledger.builder().dataSource(ds).build();
        assertThat(ledger.verify(List.of(verifierKey)).checkpoints())
                .isEqualTo(new VerifiedLedger.Checkpoints(2, 9L, 0));
        db.cutTo(7);

        assertThat(ledger.verify().checkpoints()).isEqualTo(VerifiedLedger.Checkpoints.NONE);
        assertThatThrownBy(() -> ledger.verify(List.of(verifierKey))).isInstanceOfSatisfying(
                LedgerIntegrityException.class,
                e -> assertThat(e.index() + " " + e.check()).isEqualTo("7 missing-entry"));
        assertThatThrownBy(() -> ledger.verify(List.of(verifierKey + "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a verifier key");
    }

    private void storeCheckpoint(Checkpoint checkpoint, NoteSigner signer) throws Exception {
        db.update("INSERT INTO checkpoint (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, ?)",
                checkpoint.size(), "00".repeat(32), signer.sign(checkpoint.text()), Instant.now().toString());
    }

    /** Both a verification and a replay fail at {@code index} with {@code check}, the message holding {@code says}. */
    private void assertBreaksAt(long index, String check, String says) {
        for (ThrowingCallable call : List.<ThrowingCallable>of(ledger::verify, ledger::replay)) {
            assertThatThrownBy(call).satisfies(e -> {
                var broken = (LedgerIntegrityException) (e instanceof IntegrityRefusalException r ? r.getCause() : e);
                assertThat(broken.index() + " " + broken.check()).as(e.getMessage()).isEqualTo(index + " " + check);
                assertThat(broken.getMessage()).contains(says);
            });
        }
    }
}
