package io.hazardledger.store;

import io.hazardledger.IntegrityRefusalException;
import io.hazardledger.Ledger;
import io.hazardledger.ReplayReport;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;
import io.hazardledger.store.internal.VerifiedMarks;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verified marks: a replay that checked every entry signs the root they make, and the next replay takes the signatures
 * below it as checked once the entries make that root again. A mark never hides a change: an entry changed below it
 * is still found at its index, and a change that only the mark can see breaks it.
 */
class VerifiedMarkTest {

    private static final String ORIGIN = "test.example/ledger";

    @TempDir
    Path dir;

    DataSource ds;
    LedgerTables db;
    StatementSigner logKey;
    Ledger ledger;
    PemSigner reporterKey;
    PemSigner ownerKey;

    @BeforeEach
    void park() {
        ds = TestLedgers.store(dir);
        db = new LedgerTables(ds);
        logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger = Ledger.builder().dataSource(ds).checkpoints(logKey, ORIGIN, Duration.ZERO).build();
        TestLedgers.park(ledger);
        reporterKey = register(REPORTER);
        ownerKey = register(OWNER);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private PemSigner register(String person) {
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey(person, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(3600),
                person));
        return key;
    }

    private void signed(Object command, PemSigner key) {
        ledger.execute(command, SignedStatement.sign(ledger.statementFor(command, key.verificationKey().keyId(),
                Instant.now()), key));
    }

    /** Three signed acts on a hazard: its report, its plan and its rectification. */
    private void signedActs(String hazardId) {
        signed(TestLedgers.report(hazardId, HazardLevel.GENERAL), reporterKey);
        signed(new PlanRectification(hazardId, "replace gasket", OWNER, LocalDate.now().plusDays(30), "100.00", null,
                null, OWNER), ownerKey);
        signed(new SubmitRectification(hazardId, "done", List.of(), OWNER), ownerKey);
    }

    /** The signed entries below {@code size}: those whose event's metadata carries a statement. */
    private long signedEntriesBelow(long size) throws Exception {
        long n = 0;
        for (long i = 0; i < size; i++) {
            String metadata = new String((byte[]) db.eventColumn(i, "meta_data"), StandardCharsets.UTF_8);
            if (metadata.contains("ledgerSignature")) {
                n++;
            }
        }
        return n;
    }

    private long size() throws Exception {
        return db.head().size();
    }

    @Test
    void aReplayLeavesAMark_andTheNextTakesTheSignaturesBelowItAsChecked() throws Exception {
        signedActs("hz-1");
        long first = size();
        long signedBelowFirst = signedEntriesBelow(first);
        assertThat(signedBelowFirst).isGreaterThanOrEqualTo(3);

        ReplayReport full = ledger.replayAndReport();
        assertThat(full.signaturesVerifiedEarlier()).isZero();
        // the mark: this ledger's key signed that the entries below the size make its root
        List<List<Object>> marks = db.query("SELECT tree_size, root_hash, note FROM verified_mark");
        assertThat(marks).hasSize(1);
        assertThat(((Number) marks.get(0).get(0)).longValue()).isEqualTo(first);
        String text = NoteVerifier.parse(new NoteSigner(ORIGIN, logKey).verifierKey())
                .verify((String) marks.get(0).get(2));
        assertThat(text).isEqualTo("hazard-ledger verified every entry below\n" + ORIGIN + "\n" + first + "\n"
                + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(rootOf(first))) + "\n");
        assertThat(marks.get(0).get(1)).isEqualTo(rootOf(first));
        var projections = db.projections();

        ReplayReport again = ledger.replayAndReport();
        assertThat(again.signaturesVerifiedEarlier()).isEqualTo(signedBelowFirst);
        assertThat(again.corrected()).isFalse();
        assertThat(db.projections()).isEqualTo(projections);

        // entries after the mark are checked, signatures included, and the mark moves to the new size
        signedActs("hz-2");
        ReplayReport later = ledger.replayAndReport();
        assertThat(later.signaturesVerifiedEarlier()).isEqualTo(signedBelowFirst);
        assertThat(db.query("SELECT tree_size FROM verified_mark")).containsExactly(List.of(size()));
        assertThat(ledger.replayAndReport().signaturesVerifiedEarlier()).isEqualTo(signedEntriesBelow(size()));
        assertThat(ledger.verify().size()).isEqualTo(size());
    }

    @Test
    void aMarkThisLedgersKeyDidNotSign_isIgnored() throws Exception {
        signedActs("hz-1");
        ledger.replay();
        long size = size();
        String root = rootOf(size);
        String text = "hazard-ledger verified every entry below\n" + ORIGIN + "\n" + size + "\n"
                + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(root)) + "\n";
        // the same text signed by another key under the log's name
        String foreign = new NoteSigner(ORIGIN, KeyPairs.generate(SignatureAlgorithm.ED25519).signer()).sign(text);
        db.update("UPDATE verified_mark SET note = ?", foreign);
        assertThat(ledger.replayAndReport().signaturesVerifiedEarlier()).isZero();

        // this ledger's note, but for another size than its row claims
        String other = new NoteSigner(ORIGIN, logKey).sign(text.replace("\n" + size + "\n", "\n" + (size - 1) + "\n"));
        db.update("UPDATE verified_mark SET note = ?", other);
        assertThat(ledger.replayAndReport().signaturesVerifiedEarlier()).isZero();
        // each of those replays checked every entry and left a mark of its own again
        assertThat(ledger.replayAndReport().signaturesVerifiedEarlier()).isEqualTo(signedEntriesBelow(size));
    }

    @Test
    void aSignatureChangedBelowTheMark_isFoundAtItsIndex() throws Exception {
        signedActs("hz-1");
        ledger.replay();
        long last = size() - 1;
        assertThat(signedEntriesBelow(last + 1) - signedEntriesBelow(last)).as("the last entry is signed").isEqualTo(1);
        var projections = db.projections();
        String mark = (String) db.scalar("SELECT note FROM verified_mark");

        // someone who can write the database changes the last signature and rewrites the entry, its nodes and the head
        changeSignature(last);
        rewriteLastEntry();

        assertReplayAndVerifyBreakAt(last, "signature-invalid");
        assertThat(db.projections()).isEqualTo(projections);
        assertThat(db.scalar("SELECT note FROM verified_mark")).isEqualTo(mark);
    }

    @Test
    void anUnsignedEntryRewrittenBelowTheMark_breaksTheMark() throws Exception {
        signedActs("hz-1");
        ledger.execute(TestLedgers.report("hz-2", HazardLevel.GENERAL));   // unsigned, last
        ledger.replay();
        long last = size() - 1;
        var projections = db.projections();

        db.replaceInEvent(last, "payload", "Flange leak near the pump", "Flange seep near the pump");
        rewriteLastEntry();

        assertReplayAndVerifyBreakAt(last, "verified-mark-mismatch");
        assertThat(db.projections()).isEqualTo(projections);
        // without the mark, the rewrite is consistent: only a signed root (a mark, a checkpoint) can tell
        db.update("DELETE FROM verified_mark");
        assertThat(ledger.verify().size()).isEqualTo(last + 1);
    }

    /**
     * Forty hazards' signed acts: the audit's per-aggregate arrays grow past their first sizes, and every aggregate's
     * latest entry and act are still the ones its next entry is checked against.
     */
    @Test
    void manySignedAggregates_replayAfterTheMark_andAChangedLastSignatureIsFoundAtItsIndex() throws Exception {
        for (int i = 1; i <= 40; i++) {
            signedActs("hz-" + i);
        }
        ReplayReport full = ledger.replayAndReport();
        assertThat(full.signaturesVerifiedEarlier()).isZero();
        var projections = db.projections();
        ReplayReport again = ledger.replayAndReport();
        assertThat(again.signaturesVerifiedEarlier()).isEqualTo(signedEntriesBelow(size()));
        assertThat(again.corrected()).isFalse();
        assertThat(db.projections()).isEqualTo(projections);
        assertThat(ledger.verify().holds()).isTrue();

        long last = size() - 1;
        changeSignature(last);
        rewriteLastEntry();
        assertReplayAndVerifyBreakAt(last, "signature-invalid");
    }

    /**
     * A failure that a replay trusting the mark meets later than a signature it did not check: the replay starts over,
     * checking every signature, and names the signature's index, as verification does.
     */
    @Test
    void aSignatureChangedBelowTheMark_beforeAnotherBreak_isTheIndexNamed() throws Exception {
        signedActs("hz-1");
        signedActs("hz-2");
        ledger.replay();
        long signed = firstSignedEntryFrom(size() / 2);
        assertThat(signed).isLessThan(size() - 2);
        changeSignature(signed);
        rewriteFrom(signed);
        db.setEntryColumn(signed + 1, "event_type", "HazardClosed");   // a column-mismatch after it

        assertReplayAndVerifyBreakAt(signed, "signature-invalid");
    }

    /**
     * What the mark is worth is what the log key is worth: a mark that the key signed over changed entries lets the
     * replay take their signatures as checked, while verification, which checks every signature, still fails. (Only the
     * holder of the key can make one; section 14.9 of docs/FORMAT.md.)
     */
    @Test
    void aReplayTakesTheSignaturesBelowAMarkOfTheLogKey_asChecked() throws Exception {
        signedActs("hz-1");
        ledger.replay();
        long last = size() - 1;
        changeSignature(last);
        rewriteLastEntry();
        String root = rootOf(size());
        db.update("UPDATE verified_mark SET root_hash = ?, note = ?", root, new NoteSigner(ORIGIN, logKey).sign(
                "hazard-ledger verified every entry below\n" + ORIGIN + "\n" + size() + "\n"
                        + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(root)) + "\n"));

        assertThat(ledger.replayAndReport().signaturesVerifiedEarlier()).isEqualTo(signedEntriesBelow(size()));
        assertThatThrownBy(ledger::verify).isInstanceOfSatisfying(LedgerIntegrityException.class, e -> {
            assertThat(e.index()).isEqualTo(last);
            assertThat(e.check()).isEqualTo("signature-invalid");
        });
    }

    /**
     * A mark over an entry whose content is not what its statement signed (as the code before the content check could
     * write one) does not let a replay pass the entry: below a mark the content is still checked.
     */
    @Test
    void otherContentThanSigned_belowAMarkThatCoversIt_isFoundAtItsIndex() throws Exception {
        signedActs("hz-1");
        ledger.replay();
        long last = size() - 1;
        db.replaceInEvent(last, "payload", "\"summary\":\"done\"", "\"summary\":\"done twice\"");
        rewriteLastEntry();
        String root = rootOf(size());
        db.update("UPDATE verified_mark SET root_hash = ?, note = ?", root, new NoteSigner(ORIGIN, logKey).sign(
                "hazard-ledger verified every entry below\n" + ORIGIN + "\n" + size() + "\n"
                        + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(root)) + "\n"));

        assertReplayAndVerifyBreakAt(last, "signature-mismatch");
    }

    /** Read a few entries a query, so that the mark's last entry and the batches the workers prepare do not align. */
    @Test
    void aMarkHoldsAcrossTheBatchesOfASmallChunk() throws Exception {
        signedActs("hz-1");
        signedActs("hz-2");
        VerifiedMarks marks = new VerifiedMarks(List.of(new NoteSigner(ORIGIN, logKey)), ORIGIN);
        for (int chunk : new int[] {1, 2, 3, 7}) {
            LedgerStore store = new LedgerStore(ds, LedgerSerializer.forEvents(), List.of(), chunk, marks);
            ReplayReport report = store.replay();
            assertThat(report.signaturesVerifiedEarlier()).as("chunk " + chunk)
                    .isEqualTo(chunk == 1 ? 0 : signedEntriesBelow(size()));
            assertThat(db.scalar("SELECT root_hash FROM verified_mark")).isEqualTo(rootOf(size()));
            ledger.execute(TestLedgers.report("hz-c" + chunk, HazardLevel.GENERAL));   // the next mark is larger
        }
        long signed = firstSignedEntryFrom(3);
        changeSignature(signed);
        rewriteFrom(signed);
        LedgerStore store = new LedgerStore(ds, LedgerSerializer.forEvents(), List.of(), 2, marks);
        assertThatThrownBy(store::replay).isInstanceOfSatisfying(LedgerIntegrityException.class, e -> {
            assertThat(e.index()).isEqualTo(signed);
            assertThat(e.check()).isEqualTo("signature-invalid");
        });
    }

    /**
     * A statement whose claimedAt is no time, validly signed with its signer's key (as the key's holder could), below
     * the mark: replay and verification name the entry malformed at its index. (The rewrite also breaks the mark's
     * root, so the replay that trusts the mark fails either way and starts over checking every signature.)
     */
    @Test
    void aSignedClaimThatIsNoTime_belowTheMark_isMalformedAtItsIndex() throws Exception {
        Object report = TestLedgers.report("hz-2", HazardLevel.GENERAL);
        SignedStatement written = SignedStatement.sign(ledger.statementFor(report,
                reporterKey.verificationKey().keyId(), Instant.now()), reporterKey);
        long at = ledger.execute(report, written).index();
        signedActs("hz-1");
        ledger.replay();
        assertThat(ledger.replayAndReport().signaturesVerifiedEarlier()).isPositive();

        var s = written.statement();
        SignedStatement noTime = SignedStatement.sign(new io.hazardledger.integrity.sig.Statement(s.action(),
                s.aggregateId(), s.contentSha256(), s.prevEntryHash(), s.signerId(), s.keyId(), "the morning after",
                s.mode()), reporterKey);
        db.replaceInEvent(at, "meta_data", "\"claimedAt\":\"" + s.claimedAt() + "\"",
                "\"claimedAt\":\"the morning after\"");
        db.replaceInEvent(at, "meta_data", written.signature(), noTime.signature());
        rewriteFrom(at);

        assertReplayAndVerifyBreakAt(at, "signature-malformed");
    }

    /** Both a replay and a verification fail at {@code index} with {@code check}. */
    private void assertReplayAndVerifyBreakAt(long index, String check) {
        for (ThrowingCallable call : List.<ThrowingCallable>of(ledger::replay, ledger::verify)) {
            assertThatThrownBy(call).satisfies(e -> {
                var broken = (LedgerIntegrityException) (e instanceof IntegrityRefusalException r ? r.getCause() : e);
                assertThat(broken.index()).as(e.getMessage()).isEqualTo(index);
                assertThat(broken.check()).as(e.getMessage()).isEqualTo(check);
            });
        }
    }

    /** The index of the first signed entry at or after {@code from}. */
    private long firstSignedEntryFrom(long from) throws Exception {
        for (long i = from; i < size(); i++) {
            if (signedEntriesBelow(i + 1) > signedEntriesBelow(i)) {
                return i;
            }
        }
        throw new AssertionError("no signed entry from " + from);
    }

    @Test
    void aLedgerCutShortBelowItsMark_breaksAtItsNewEnd() throws Exception {
        signedActs("hz-1");
        ledger.replay();
        long marked = size();
        db.cutTo(marked - 2);   // the last two entries gone with their events and nodes, the head set back: links hold

        assertReplayAndVerifyBreakAt(marked - 2, "missing-entry");
        assertThatThrownBy(ledger::verify).hasMessageContaining("a replay verified " + marked + " entries");
        // a mark the ledger's keys did not sign says nothing
        db.update("UPDATE verified_mark SET note = REPLACE(note, '" + ORIGIN + "', 'x" + ORIGIN + "')");
        assertThat(ledger.verify().size()).isEqualTo(marked - 2);
    }

    @Test
    void aLedgerWithoutACheckpointKey_leavesNoMark() throws Exception {
        ledger.close();
        ledger = Ledger.builder().dataSource(ds).build();
        signedActs("hz-1");
        assertThat(ledger.replayAndReport().signaturesVerifiedEarlier()).isZero();
        assertThat(db.count("verified_mark")).isZero();
        assertThat(ledger.replayAndReport().signaturesVerifiedEarlier()).isZero();
    }

    /** Rewrites the last entry as {@link #rewriteFrom} does. */
    private void rewriteLastEntry() throws Exception {
        rewriteFrom(size() - 1);
    }

    /** Rewrites the entries from {@code first} on, their links, nodes and head: {@link LedgerTables#rewriteFrom}. */
    private void rewriteFrom(long first) throws Exception {
        db.rewriteFrom(first);
    }

    /** Changes one character of the signature that the entry at {@code index} carries (in its event's metadata). */
    private void changeSignature(long index) throws Exception {
        String metadata = new String((byte[]) db.eventColumn(index, "meta_data"), StandardCharsets.UTF_8);
        int at = metadata.indexOf("\"signature\":\"") + "\"signature\":\"".length();
        char c = metadata.charAt(at + 2);
        String changed = metadata.substring(0, at + 2) + (c == 'A' ? 'B' : 'A') + metadata.substring(at + 3);
        db.setEventColumn(index, "meta_data", changed.getBytes(StandardCharsets.UTF_8));
    }

    private String rootOf(long size) throws Exception {
        return db.rootOf(size);
    }
}
