package io.hazardledger.signing;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.SignatureRefusedException;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.directory.RotateKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.REPORTER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed acts end to end on a real ledger: accepted, refused with nothing stored, trailed and re-verified. */
class SignedActsTest {

    @TempDir
    Path dir;

    DataSource ds;
    Ledger ledger;
    PemSigner reporterKey;
    PemSigner ownerKey;
    PemSigner verifierKey;

    @BeforeEach
    void park() {
        ds = TestLedgers.store(dir);
        ledger = Ledger.builder().dataSource(ds).requireSignatures(true).build();
        TestLedgers.park(ledger);
        reporterKey = register(REPORTER, SignatureAlgorithm.ED25519);
        ownerKey = register(OWNER, SignatureAlgorithm.ED25519);
        verifierKey = register(VERIFIER, SignatureAlgorithm.SM2_SM3);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private PemSigner register(String person, SignatureAlgorithm algorithm) {
        PemSigner key = KeyPairs.generate(algorithm).signer();
        RegisterKey command = new RegisterKey(person, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(3600),
                person);
        PemSigner held = person.equals(REPORTER) ? reporterKey : person.equals(OWNER) ? ownerKey
                : person.equals(VERIFIER) ? verifierKey : null;
        if (held == null) {
            ledger.execute(command);   // a first key: nothing to sign it with
        } else {
            signed(command, held);     // a further one: signed with a key the person holds
        }
        return key;
    }

    private SignedStatement sign(Object command, PemSigner key) {
        Statement s = ledger.statementFor(command, key.verificationKey().keyId(), Instant.now());
        return SignedStatement.sign(s, key);
    }

    private Receipt signed(Object command, PemSigner key) {
        return ledger.execute(command, sign(command, key));
    }

    private long rows(String table) throws Exception {
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Long> counts() throws Exception {
        List<Long> counts = new ArrayList<>();
        for (String t : List.of("ledger_domain_event", "ledger_entry", "hazard_view", "signature_entry", "signer_key")) {
            counts.add(rows(t));
        }
        return counts;
    }

    private void assertRefused(Object command, SignedStatement statement, String code) throws Exception {
        List<Long> before = counts();
        assertThatThrownBy(() -> ledger.execute(command, statement))
                .isInstanceOf(SignatureRefusedException.class)
                .satisfies(e -> assertThat(((SignatureRefusedException) e).code()).as(e.getMessage()).isEqualTo(code));
        assertThat(counts()).isEqualTo(before);
        assertThat(ledger.verify().size()).isEqualTo(before.get(1));
    }

    private PlanRectification plan(String hazardId) {
        return new PlanRectification(hazardId, "replace gasket", OWNER, LocalDate.now().plusDays(30), "100.00", null,
                null, OWNER);
    }

    /** A replay of a signed ledger compares the trail: no row written when they are right, one when one is not. */
    @Test
    void replay_comparesTheSignatureTrail_andCorrectsADamagedRow() throws Exception {
        signed(TestLedgers.report("hz-1", HazardLevel.GENERAL), reporterKey);
        signed(plan("hz-1"), ownerKey);
        signed(new SubmitRectification("hz-1", "done", List.of(), OWNER), ownerKey);
        signed(new VerifyRectification("hz-1", true, "ok", VERIFIER), verifierKey);
        List<io.hazardledger.signing.SignedAct> before = ledger.trail().signedBy(OWNER);
        assertThat(before).hasSize(2);

        assertThat(ledger.replayAndReport().projections())
                .filteredOn(p -> p.name().equals("signature-trail")).singleElement()
                .satisfies(p -> assertThat(p.rowsChanged()).isZero());

        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE signature_entry SET signer_id = '" + REPORTER + "' WHERE ledger_index = "
                    + before.get(0).index())).isOne();
        }
        assertThat(ledger.trail().signedBy(OWNER)).hasSize(1);
        assertThat(ledger.replayAndReport().projections())
                .filteredOn(p -> p.name().equals("signature-trail")).singleElement()
                .satisfies(p -> assertThat(p.rowsChanged()).isOne());
        assertThat(ledger.trail().signedBy(OWNER)).isEqualTo(before);
    }

    @Test
    void signedReportAndVerification_areAccepted_andAppearInEachPersonsTrail() throws Exception {
        Receipt report = signed(TestLedgers.report("hz-1", HazardLevel.GENERAL), reporterKey);
        signed(plan("hz-1"), ownerKey);
        signed(new SubmitRectification("hz-1", "done", List.of(), OWNER), ownerKey);
        Receipt verified = signed(new VerifyRectification("hz-1", true, "ok", VERIFIER), verifierKey);

        List<SignedAct> reporter = ledger.trail().signedBy(REPORTER);
        assertThat(reporter).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo(report.index());
            assertThat(a.entryHash()).isEqualTo(report.entryHash());
            assertThat(a.action()).isEqualTo("hazard.report");
            assertThat(a.keyId()).isEqualTo(reporterKey.verificationKey().keyId());
            assertThat(a.status()).isEqualTo("valid");
        });
        assertThat(ledger.trail().signedBy(VERIFIER)).singleElement()
                .satisfies(a -> assertThat(a.index()).isEqualTo(verified.index()));
        assertThat(ledger.trail().responsibilityFor("hz-1")).extracting(SignedAct::signerId)
                .containsExactly(REPORTER, OWNER, OWNER, VERIFIER);
        VerifiedLedger v = ledger.verify();
        assertThat(v.holds()).isTrue();
    }

    @Test
    void unsignedAct_isRefused_whenSignaturesAreRequired() throws Exception {
        List<Long> before = counts();
        assertThatThrownBy(() -> ledger.execute(TestLedgers.report("hz-u", HazardLevel.GENERAL)))
                .isInstanceOf(SignatureRefusedException.class).hasMessageContaining(REPORTER);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void forgedSignature_isRefused() throws Exception {
        ReportHazard cmd = TestLedgers.report("hz-f", HazardLevel.GENERAL);
        SignedStatement good = sign(cmd, reporterKey);
        byte[] sig = Base64.getDecoder().decode(good.signature());
        sig[10] ^= 1;
        assertRefused(cmd, new SignedStatement(good.statement(), Base64.getEncoder().encodeToString(sig)), "signature-invalid");
    }

    /**
     * A signature is padded standard base64 in its one spelling: unpadded, or with bits set past its last byte (which
     * Java's decoder takes and OpenSSL's check by hand does not), it is refused, as verification refuses it.
     */
    @Test
    void aSignatureSpelledUnpadded_orWithStrayBits_isRefused() throws Exception {
        ReportHazard cmd = TestLedgers.report("hz-b64", HazardLevel.GENERAL);
        SignedStatement good = sign(cmd, reporterKey);
        assertThat(good.signature()).endsWith("==");
        String unpadded = good.signature().substring(0, good.signature().length() - 2);
        char last = unpadded.charAt(unpadded.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char stray = alphabet.charAt(alphabet.indexOf(last) | 1);   // same two bits of the last byte, one more set
        assertThat(stray).isNotEqualTo(last);
        String strayBits = unpadded.substring(0, unpadded.length() - 1) + stray + "==";
        for (String spelling : List.of(unpadded, strayBits)) {
            assertThat(Base64.getDecoder().decode(spelling)).as("Java's decoder takes it")
                    .isEqualTo(Base64.getDecoder().decode(good.signature()));
            assertRefused(cmd, new SignedStatement(good.statement(), spelling), "signature-invalid");
        }
        ledger.execute(cmd, good);
    }

    /**
     * A key registration rewritten under another key's ID (its content is covered by no signature, 12.3): verify fails
     * at its entry, where it took the rewritten ID as the key's and let signatures pass under it.
     */
    @Test
    void aKeyRegistrationRewrittenUnderAnotherKeysId_failsVerifyAtItsEntry() throws Exception {
        if (ledger.verify().size() % 2 == 1) {
            signed(TestLedgers.report("hz-pad", HazardLevel.GENERAL), reporterKey);
        }
        PemSigner second = register(REPORTER, SignatureAlgorithm.ED25519);
        long index = ledger.verify().size() - 1;
        assertThat(index % 2).isZero();
        assertThat(ledger.verify().holds()).isTrue();
        io.hazardledger.store.LedgerTables t = new io.hazardledger.store.LedgerTables(ds);
        String payload = new String((byte[]) t.eventColumn(index, "payload"), java.nio.charset.StandardCharsets.UTF_8);
        String other = payload.replace(second.verificationKey().keyId(), ownerKey.verificationKey().keyId());
        assertThat(other).isNotEqualTo(payload);
        t.setEventColumn(index, "payload", other.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        rechain(t, index);
        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOfSatisfying(io.hazardledger.integrity.LedgerIntegrityException.class, e -> {
                    assertThat(e.index()).isEqualTo(index);
                    assertThat(e.check()).as(e.getMessage()).isEqualTo("malformed-event");
                    assertThat(e.getMessage()).contains("is not the ID of the key it registers");
                });
    }

    @Test
    void signatureByAnotherPersonsKey_isRefused() throws Exception {
        ReportHazard cmd = TestLedgers.report("hz-w", HazardLevel.GENERAL);
        Statement s = ledger.statementFor(cmd, verifierKey.verificationKey().keyId(), Instant.now());
        assertRefused(cmd, SignedStatement.sign(s, verifierKey), "signer-not-actor");
        // and a statement naming the verifier as signer for the reporter's act
        Statement other = new Statement(s.action(), s.aggregateId(), s.contentSha256(), s.prevEntryHash(), VERIFIER,
                s.keyId(), s.claimedAt(), s.mode());
        assertRefused(cmd, SignedStatement.sign(other, verifierKey), "signer-not-actor");
    }

    @Test
    void statementForOtherContent_isRefused() throws Exception {
        SignedStatement forOther = sign(TestLedgers.report("hz-c", HazardLevel.GENERAL), reporterKey);
        assertRefused(TestLedgers.report("hz-c", HazardLevel.MAJOR), forOther, "statement-mismatch");
    }

    @Test
    void replayedStatement_isRefused() throws Exception {
        signed(TestLedgers.report("hz-r", HazardLevel.GENERAL), reporterKey);
        PlanRectification cmd = plan("hz-r");
        SignedStatement statement = sign(cmd, ownerKey);
        ledger.execute(cmd, statement);
        assertRefused(cmd, statement, "statement-replayed");
    }

    @Test
    void statementForAnotherHistory_isRefused() throws Exception {
        signed(TestLedgers.report("hz-h", HazardLevel.GENERAL), reporterKey);
        PlanRectification cmd = plan("hz-h");
        Statement s = ledger.statementFor(cmd, ownerKey.verificationKey().keyId(), Instant.now());
        Statement stale = new Statement(s.action(), s.aggregateId(), s.contentSha256(), "0".repeat(64), s.signerId(),
                s.keyId(), s.claimedAt(), s.mode());
        assertRefused(cmd, SignedStatement.sign(stale, ownerKey), "statement-mismatch");
    }

    @Test
    void unknownKey_isRefused() throws Exception {
        ReportHazard cmd = TestLedgers.report("hz-k", HazardLevel.GENERAL);
        PemSigner stranger = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        assertRefused(cmd, sign(cmd, stranger), "key-unknown");
    }

    @Test
    void revokedKey_isRefused_andNotYetValidKeyToo() throws Exception {
        signed(new RevokeKey(REPORTER, reporterKey.verificationKey().keyId(), "phone lost",
                Instant.now().minusSeconds(60), REPORTER), reporterKey);
        ReportHazard cmd = TestLedgers.report("hz-v", HazardLevel.GENERAL);
        assertRefused(cmd, sign(cmd, reporterKey), "key-revoked");

        PemSigner future = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey(REPORTER, future.verificationKey().spkiBase64(), Instant.now().plusSeconds(3600),
                REPORTER));
        assertRefused(cmd, sign(cmd, future), "key-not-yet-valid");
    }

    @Test
    void claimedTimeFarFromTheLedgersClock_isRefused() throws Exception {
        ReportHazard cmd = TestLedgers.report("hz-t", HazardLevel.GENERAL);
        Statement old = ledger.statementFor(cmd, reporterKey.verificationKey().keyId(),
                Instant.now().minus(Duration.ofDays(3)));
        assertRefused(cmd, SignedStatement.sign(old, reporterKey), "claimed-time-out-of-range");
    }

    @Test
    void rotation_isSignedWithTheOldKey_andTheOldKeyStopsWorking() throws Exception {
        PemSigner next = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        RotateKey rotate = new RotateKey(REPORTER, reporterKey.verificationKey().keyId(), next.verificationKey().spkiBase64());
        signed(rotate, reporterKey);
        ReportHazard cmd = TestLedgers.report("hz-o", HazardLevel.GENERAL);
        assertRefused(cmd, sign(cmd, reporterKey), "key-revoked");
        signed(cmd, next);
        assertThat(ledger.directory().keys(REPORTER)).hasSize(2);
        assertThat(ledger.verify().holds()).isTrue();
    }

    @Test
    void revocationBackdatedBeforeASignature_isReportedByVerify_withTheIndex() throws Exception {
        Receipt r = signed(TestLedgers.report("hz-b", HazardLevel.GENERAL), reporterKey);
        signed(new RevokeKey(REPORTER, reporterKey.verificationKey().keyId(), "compromised since yesterday",
                Instant.now().minus(Duration.ofDays(1)), REPORTER), reporterKey);

        VerifiedLedger v = ledger.verify();
        assertThat(v.holds()).isFalse();
        assertThat(v.signatureFindings()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(r.index());
            assertThat(f.check()).isEqualTo("key-revoked");
        });
        assertThat(ledger.trail().signedBy(REPORTER)).extracting(SignedAct::action, SignedAct::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hazard.report", "key-revoked"),
                        org.assertj.core.groups.Tuple.tuple("key.revoke", "valid"));
    }

    /**
     * A revocation whose time (left to the ledger, so not in what its signer signed) was rewritten into no time, its
     * entry and the head rewritten to match: not taken as no revocation, but a failure at that entry.
     */
    @Test
    void aRevocationWhoseTimeDoesNotRead_failsAtItsEntry() throws Exception {
        if (ledger.verify().size() % 2 == 1) {
            signed(TestLedgers.report("hz-pad", HazardLevel.GENERAL), reporterKey);
        }
        Receipt revoked = signed(new RevokeKey(REPORTER, reporterKey.verificationKey().keyId(), "phone lost", null,
                REPORTER), reporterKey);
        assertThat(revoked.index() % 2).isZero();
        assertThat(ledger.verify().holds()).isTrue();
        io.hazardledger.store.LedgerTables t = new io.hazardledger.store.LedgerTables(ds);
        String payload = new String((byte[]) t.eventColumn(revoked.index(), "payload"),
                java.nio.charset.StandardCharsets.UTF_8);
        t.setEventColumn(revoked.index(), "payload", payload.replaceFirst("\"effectiveAt\":\"[^\"]*\"",
                "\"effectiveAt\":\"not a time\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        rechain(t, revoked.index());
        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOfSatisfying(io.hazardledger.integrity.LedgerIntegrityException.class, e -> {
                    assertThat(e.index()).isEqualTo(revoked.index());
                    assertThat(e.check()).as(e.getMessage()).isEqualTo("malformed-event");
                });
    }

    @Test
    void alteredSignatureBytesInTheStore_failVerifyAtThatIndex() throws Exception {
        Receipt r = signed(TestLedgers.report("hz-a", HazardLevel.GENERAL), reporterKey);
        new io.hazardledger.store.LedgerTables(ds).replaceInEvent(r.index(), "meta_data", "\"signature\":\"",
                "\"signature\":\"A");
        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOf(io.hazardledger.integrity.LedgerIntegrityException.class)
                .satisfies(e -> assertThat(((io.hazardledger.integrity.LedgerIntegrityException) e).index())
                        .isEqualTo(r.index()));
    }

    @Test
    void aSignatureUnderAnEscapedName_isStillASignedAct_andStillChecked() throws Exception {
        if (ledger.verify().size() % 2 == 1) {
            signed(TestLedgers.report("hz-pad", HazardLevel.GENERAL), reporterKey);
        }
        // at an even index: the entry completes no Merkle node, so rewriting it needs only its hash and the head
        Receipt r = signed(TestLedgers.report("hz-a", HazardLevel.GENERAL), reporterKey);
        assertThat(r.index() % 2).isZero();
        io.hazardledger.store.LedgerTables t = new io.hazardledger.store.LedgerTables(ds);
        // the member's name spelled with a JSON escape (its S): the entry's canonical form spells it plainly, so the
        // entry is unchanged, verifies, and is the reporter's signed act as before
        t.replaceInEvent(r.index(), "meta_data", "\"ledgerSignature\"", "\"ledger\\u0053ignature\"");
        assertThat(ledger.verify().size()).isEqualTo(r.index() + 1);
        ledger.replay();
        assertThat(ledger.trail().signedBy(REPORTER)).extracting(SignedAct::action).contains("hazard.report");

        // under that name, a signature altered, with the entry and the head rewritten to match: the signature is
        // checked as any other, and fails at that entry
        t.replaceInEvent(r.index(), "meta_data", "\"signature\":\"", "\"signature\":\"A");
        byte[] entry = new String(t.entryBytes(r.index()), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"signature\":\"", "\"signature\":\"A").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String hash = io.hazardledger.integrity.Hashes.leafHash(entry);
        t.setEntryColumn(r.index(), "entry", entry);
        t.setEntryColumn(r.index(), "entry_hash", hash);
        t.update("UPDATE ledger_head SET head_hash = ?", hash);
        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOf(io.hazardledger.integrity.LedgerIntegrityException.class)
                .satisfies(e -> {
                    io.hazardledger.integrity.LedgerIntegrityException b = (io.hazardledger.integrity.LedgerIntegrityException) e;
                    assertThat(b.index()).isEqualTo(r.index());
                    assertThat(b.check()).startsWith("signature-");
                });

        // and beside it a member nested deeper than the entry's form allows (64): no entry can be written for it,
        // so the signature can never hide behind it; the event is malformed at its index
        String deep = "[".repeat(1_100) + "]".repeat(1_100);
        t.replaceInEvent(r.index(), "meta_data", "\"ledger\\u0053ignature\"", "\"pad\":" + deep
                + ",\"ledger\\u0053ignature\"");
        assertThatThrownBy(() -> rechain(t, r.index()))
                .isInstanceOf(io.hazardledger.integrity.EntryCodec.MalformedEntryException.class)
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOf(io.hazardledger.integrity.LedgerIntegrityException.class)
                .satisfies(e -> {
                    io.hazardledger.integrity.LedgerIntegrityException b = (io.hazardledger.integrity.LedgerIntegrityException) e;
                    assertThat(b.index()).isEqualTo(r.index());
                    assertThat(b.check()).isEqualTo("malformed-event");
                });
    }

    /**
     * Writes the last entry again from its event row as stored (its canonical form, hash and the head), as someone
     * who changed the event and can compute what the ledger would have written; it must complete no Merkle node.
     */
    private static void rechain(io.hazardledger.store.LedgerTables t, long index) throws Exception {
        List<Object> e = t.query("SELECT event_identifier, type, aggregate_identifier, sequence_number, payload_type, "
                + "payload_revision, time_stamp, meta_data, payload FROM ledger_domain_event WHERE event_identifier = ?",
                t.eventIdAt(index)).get(0);
        io.hazardledger.integrity.EntryContent content = new io.hazardledger.integrity.EntryContent((String) e.get(0),
                (String) e.get(1), (String) e.get(2), ((Number) e.get(3)).longValue(), (String) e.get(4),
                (String) e.get(5), (String) e.get(6), new String((byte[]) e.get(7), java.nio.charset.StandardCharsets.UTF_8),
                new String((byte[]) e.get(8), java.nio.charset.StandardCharsets.UTF_8));
        byte[] entry = io.hazardledger.integrity.EntryCodec.encode(index, t.entryHash(index - 1), content);
        String hash = io.hazardledger.integrity.Hashes.leafHash(entry);
        t.setEntryColumn(index, "entry", entry);
        t.setEntryColumn(index, "entry_hash", hash);
        t.update("UPDATE ledger_head SET head_hash = ?", hash);
    }

    /**
     * Reports the hazard, accepts its plan and submits its rectification, all signed, then the verifier fails it,
     * signed, at an index of the given parity (a report in between when needed).
     */
    private Receipt failedVerificationAt(String hazardId, int parity) throws Exception {
        signed(TestLedgers.report(hazardId, HazardLevel.GENERAL), reporterKey);
        signed(plan(hazardId), ownerKey);
        signed(new SubmitRectification(hazardId, "done", List.of(), OWNER), ownerKey);
        if (ledger.verify().size() % 2 != parity) {
            signed(TestLedgers.report("hz-pad", HazardLevel.GENERAL), reporterKey);
        }
        Receipt failed = signed(new VerifyRectification(hazardId, false, "gasket still leaks", VERIFIER), verifierKey);
        assertThat(failed.index() % 2).isEqualTo(parity);
        return failed;
    }

    /**
     * Paper rectification written over a signature: the verifier signed a failed verification, and the stored event
     * is changed to a pass with the entry written again to match. The statement still verifies, but it signs other
     * content than the entry now holds (FORMAT.md 12.3).
     */
    @Test
    void aSignedFailedVerification_changedToAPass_andRechained_failsVerifyAndReplayAtItsEntry() throws Exception {
        // at an even index: the entry completes no Merkle node, so rewriting it needs only its hash and the head
        Receipt failed = failedVerificationAt("hz-p", 0);
        io.hazardledger.store.LedgerTables t = new io.hazardledger.store.LedgerTables(ds);
        t.replaceInEvent(failed.index(), "payload", "\"passed\":false", "\"passed\":true");
        rechain(t, failed.index());

        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOf(io.hazardledger.integrity.LedgerIntegrityException.class)
                .satisfies(x -> {
                    var b = (io.hazardledger.integrity.LedgerIntegrityException) x;
                    assertThat(b.index()).isEqualTo(failed.index());
                    assertThat(b.check()).as(x.getMessage()).isEqualTo("signature-mismatch");
                    assertThat(x.getMessage()).contains("other content");
                });
        assertThatThrownBy(() -> ledger.replay())
                .isInstanceOf(io.hazardledger.IntegrityRefusalException.class)
                .hasMessageContaining("index " + failed.index() + " (signature-mismatch)");

        // the same entry with its content as signed verifies again
        t.replaceInEvent(failed.index(), "payload", "\"passed\":true", "\"passed\":false");
        rechain(t, failed.index());
        assertThat(ledger.verify().holds()).isTrue();
    }

    /**
     * A signed revocation verifies whether its command gave a time or left it to the ledger; moved to another time in
     * the store, with the entry written again to match, it holds other content than was signed.
     */
    @Test
    void aSignedRevocation_itsTimeMovedAndRechained_failsVerifyAtItsEntry() throws Exception {
        PemSigner retired = register(REPORTER, SignatureAlgorithm.ED25519);
        PemSigner lost = register(REPORTER, SignatureAlgorithm.SM2_SM3);
        signed(new RevokeKey(REPORTER, retired.verificationKey().keyId(), "retired", null, REPORTER), reporterKey);
        if (ledger.verify().size() % 2 == 1) {
            signed(TestLedgers.report("hz-pad", HazardLevel.GENERAL), reporterKey);
        }
        Receipt revoked = signed(new RevokeKey(REPORTER, lost.verificationKey().keyId(), "card lost",
                Instant.now().minus(Duration.ofMinutes(30)), REPORTER), reporterKey);
        assertThat(revoked.index() % 2).isZero();
        assertThat(ledger.verify().holds()).isTrue();

        io.hazardledger.store.LedgerTables t = new io.hazardledger.store.LedgerTables(ds);
        String payload = new String((byte[]) t.eventColumn(revoked.index(), "payload"),
                java.nio.charset.StandardCharsets.UTF_8);
        String moved = payload.replaceFirst("\"effectiveAt\":\"[^\"]+\"", "\"effectiveAt\":\"2026-01-01T00:00:00Z\"");
        assertThat(moved).isNotEqualTo(payload);
        t.setEventColumn(revoked.index(), "payload", moved.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        rechain(t, revoked.index());

        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOfSatisfying(io.hazardledger.integrity.LedgerIntegrityException.class, b -> {
                    assertThat(b.index()).isEqualTo(revoked.index());
                    assertThat(b.check()).as(b.getMessage()).isEqualTo("signature-mismatch");
                });
    }

    @Test
    void aSignedEventCopiedUnderItsStatement_ontoASecondEventOfItsType_failsVerifyThere() throws Exception {
        // the verifier fails the rectification; the forged entry after it, at an even index, completes no Merkle node
        Receipt failed = failedVerificationAt("hz-v", 1);
        io.hazardledger.store.LedgerTables t = new io.hazardledger.store.LedgerTables(ds);
        String original = t.eventIdAt(failed.index());
        byte[] passed = new String((byte[]) t.eventColumn(failed.index(), "payload"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"passed\":false", "\"passed\":true").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // the next event of the hazard, the verifier's statement and signature copied into it, passing the rectification
        t.update("INSERT INTO ledger_domain_event (aggregate_identifier, sequence_number, type, event_identifier, "
                + "meta_data, payload, payload_revision, payload_type, time_stamp) SELECT aggregate_identifier, "
                + "sequence_number + 1, type, ?, meta_data, ?, payload_revision, payload_type, time_stamp "
                + "FROM ledger_domain_event WHERE event_identifier = ?", "forged-pass", passed, original);
        List<Object> e = t.query("SELECT event_identifier, type, aggregate_identifier, sequence_number, payload_type, "
                + "payload_revision, time_stamp, meta_data, payload FROM ledger_domain_event WHERE event_identifier = ?",
                "forged-pass").get(0);
        io.hazardledger.integrity.EntryContent forged = new io.hazardledger.integrity.EntryContent((String) e.get(0),
                (String) e.get(1), (String) e.get(2), ((Number) e.get(3)).longValue(), (String) e.get(4),
                (String) e.get(5), (String) e.get(6), new String((byte[]) e.get(7), java.nio.charset.StandardCharsets.UTF_8),
                new String((byte[]) e.get(8), java.nio.charset.StandardCharsets.UTF_8));
        long at = failed.index() + 1;
        byte[] entry = io.hazardledger.integrity.EntryCodec.encode(at, t.entryHash(failed.index()), forged);
        String hash = io.hazardledger.integrity.Hashes.leafHash(entry);
        t.update("INSERT INTO ledger_entry (ledger_index, event_id, aggregate_id, event_type, entry_hash, entry) "
                + "VALUES (?, ?, ?, ?, ?, ?)", at, "forged-pass", "hz-v", "RectificationVerified", hash, entry);
        t.update("UPDATE ledger_head SET size = ?, head_hash = ?", at + 1, hash);

        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOf(io.hazardledger.integrity.LedgerIntegrityException.class)
                .satisfies(x -> {
                    io.hazardledger.integrity.LedgerIntegrityException b = (io.hazardledger.integrity.LedgerIntegrityException) x;
                    assertThat(b.index()).isEqualTo(at);
                    assertThat(b.check()).isEqualTo("signature-reused");
                });
        assertThatThrownBy(() -> ledger.replay())
                .isInstanceOf(io.hazardledger.IntegrityRefusalException.class)
                .hasMessageContaining("index " + at + " (signature-reused)");
        assertThat(ledger.register().get("hz-v")).hasValueSatisfying(h ->
                assertThat(h.status()).isNotEqualTo(io.hazardledger.hazard.HazardStatus.VERIFIED));
    }

    private List<Long> keyEntryIndexes(String sql) throws Exception {
        List<Long> indexes = new ArrayList<>();
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                indexes.add(rs.getLong(1));
            }
        }
        return indexes;
    }

    private void assertVerifyFailsWithKeyIndexMismatchAt(long index) {
        assertThatThrownBy(() -> ledger.verify())
                .isInstanceOf(io.hazardledger.integrity.LedgerIntegrityException.class)
                .satisfies(e -> {
                    var broken = (io.hazardledger.integrity.LedgerIntegrityException) e;
                    assertThat(broken.check()).as(e.getMessage()).isEqualTo("key-index-mismatch");
                    assertThat(broken.index()).isEqualTo(index);
                });
    }

    private static final String KEY_EVENTS = "SELECT ledger_index FROM ledger_entry "
            + "WHERE event_type IN ('KeyRegistered', 'KeyRevoked') ORDER BY ledger_index";

    @Test
    void everyKeyEntry_isListedInLedgerKeyEntry_asItIsWritten() throws Exception {
        signed(new RotateKey(REPORTER, reporterKey.verificationKey().keyId(),
                KeyPairs.generate(SignatureAlgorithm.ED25519).signer().verificationKey().spkiBase64()), reporterKey);

        // three registrations, then a rotation's revocation and registration: all listed, nothing else
        List<Long> keyEntries = keyEntryIndexes(KEY_EVENTS);
        assertThat(keyEntries).hasSize(5);
        assertThat(keyEntryIndexes("SELECT ledger_index FROM ledger_key_entry ORDER BY ledger_index"))
                .isEqualTo(keyEntries);
        assertThat(ledger.verify().holds()).isTrue();
    }

    @Test
    void aKeyEntryMissingFromLedgerKeyEntry_failsVerifyAndReplay_atThatEntry() throws Exception {
        signed(TestLedgers.report("hz-k", HazardLevel.GENERAL), reporterKey);
        long reportersKey = keyEntryIndexes(KEY_EVENTS).get(0);
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM ledger_key_entry WHERE ledger_index = " + reportersKey);
        }

        // read without it, the key history would lack the reporter's key, and the report's signature would fail
        assertVerifyFailsWithKeyIndexMismatchAt(reportersKey);
        List<Long> before = counts();
        assertThatThrownBy(() -> ledger.replay())
                .isInstanceOf(io.hazardledger.IntegrityRefusalException.class)
                .hasMessageContaining("key-index-mismatch")
                .satisfies(e -> assertThat(((io.hazardledger.IntegrityRefusalException) e).index()).isEqualTo(reportersKey));
        assertThat(counts()).as("nothing rebuilt").isEqualTo(before);
    }

    @Test
    void aRevocationMissingFromLedgerKeyEntry_failsVerifyAtThatEntry() throws Exception {
        // the revocation reaches back before the report's signature: read without it, the finding would be lost
        Receipt r = signed(TestLedgers.report("hz-r", HazardLevel.GENERAL), reporterKey);
        Receipt revoked = signed(new RevokeKey(REPORTER, reporterKey.verificationKey().keyId(), "lost",
                Instant.now().minus(Duration.ofDays(1)), REPORTER), reporterKey);
        assertThat(ledger.verify().signatureFindings()).extracting(f -> f.index()).containsExactly(r.index());
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM ledger_key_entry WHERE ledger_index = " + revoked.index());
        }

        assertVerifyFailsWithKeyIndexMismatchAt(revoked.index());
    }

    @Test
    void ledgerKeyEntryListingAnEntryThatIsNotAKeys_failsVerifyAtThatEntry() throws Exception {
        Receipt r = signed(TestLedgers.report("hz-l", HazardLevel.GENERAL), reporterKey);
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ledger_key_entry (ledger_index) VALUES (" + r.index() + ")");
        }

        assertVerifyFailsWithKeyIndexMismatchAt(r.index());
    }

    @Test
    void aStoreWrittenBeforeV17_listsItsKeyEntries_onceMigrated() throws Exception {
        signed(TestLedgers.report("hz-m", HazardLevel.GENERAL), reporterKey);
        ledger.close();
        // as V17 finds a store written before it: no ledger_key_entry rows, the migration not applied
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DROP TABLE ledger_key_entry");
            st.executeUpdate("ALTER TABLE weekly_report DROP COLUMN note");   // V18, after it
            st.executeUpdate("DROP TABLE verified_mark");                      // V21
            st.executeUpdate("ALTER TABLE hazard_view DROP COLUMN submitted_on");      // V22
            st.executeUpdate("ALTER TABLE hazard_version DROP COLUMN submitted_on");
            st.executeUpdate("DROP TABLE cadence_inspection");                 // V23
            st.executeUpdate("DROP INDEX signature_entry_caller");             // V25
            st.executeUpdate("ALTER TABLE signature_entry DROP COLUMN caller_id");
            // and no later version applied: Flyway applies none below an applied one
            st.executeUpdate("DELETE FROM \"ledger_schema_history\" WHERE CAST(\"version\" AS INTEGER) >= 17");
        }

        ledger = Ledger.builder().dataSource(ds).requireSignatures(true).build();
        assertThat(keyEntryIndexes("SELECT ledger_index FROM ledger_key_entry ORDER BY ledger_index"))
                .hasSize(3).isEqualTo(keyEntryIndexes(KEY_EVENTS));
        assertThat(ledger.verify().holds()).isTrue();
    }

    @Test
    void replay_rebuildsTheTrails() throws Exception {
        signed(TestLedgers.report("hz-p", HazardLevel.GENERAL), reporterKey);
        List<SignedAct> before = ledger.trail().signedBy(REPORTER);
        ledger.replay();
        assertThat(ledger.trail().signedBy(REPORTER)).isEqualTo(before);
        assertThat(ledger.directory().keys(REPORTER)).hasSize(1);
    }
}
