package io.hazardledger.whistleblower;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.RuleViolationException;
import io.hazardledger.SignatureRefusedException;
import io.hazardledger.TestLedgers;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whistleblowers: a report filed without an account keeps its reporter's identity sealed (only ciphertext and a
 * commitment in the ledger, the wrapped data key beside it); the identity is opened only for a park-office person who
 * signed the reveal, after the access entry is committed; shredding makes it unrecoverable and the chain still
 * verifies; the register tells a hazard the enterprise reported itself before any outside finding.
 */
class WhistleblowerTest {

    // a mark no hash, UUID or Base64 text contains (a dump of the store holds many: "7f3a" alone was found in one)
    static final String MARK = "~~7f3a~~";
    static final String NAME = "Zhang Sanfeng" + MARK;
    static final String CONTACT = "+86 138 0000 " + MARK + ", zsf@example.org";
    static final String OFFICE = "p-office";

    @TempDir
    Path dir;

    DataSource ds;
    Ledger ledger;
    SealingKey sealingKey;
    PemSigner officeKey;
    PemSigner reporterKey;

    @BeforeEach
    void park() {
        ds = TestLedgers.store(dir);
        sealingKey = SealingKey.generate();
        ledger = Ledger.builder().dataSource(ds).requireSignatures(true).sealingKey(sealingKey).build();
        TestLedgers.park(ledger);
        ledger.execute(new RegisterPerson(OFFICE, "Office", null, Set.of(Role.PARK_OFFICE)));
        officeKey = key(OFFICE);
        reporterKey = key(REPORTER);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private PemSigner key(String person) {
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey(person, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(3600),
                person));
        return key;
    }

    private SignedStatement sign(Object command, PemSigner key) {
        Statement s = ledger.statementFor(command, key.verificationKey().keyId(), Instant.now());
        return SignedStatement.sign(s, key);
    }

    private FiledReport file(Identity identity) {
        return ledger.fileWhistleblowerReport(new FileReport(ENTERPRISE, "Warehouse 2, back door",
                "Fire exits chained shut at night", identity));
    }

    /** Every text of every table of the store, as one string. */
    private String everything() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = ds.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (!"INFORMATION_SCHEMA".equalsIgnoreCase(schema) && !"pg_catalog".equals(schema)) {
                        tables.add((schema == null ? "" : "\"" + schema + "\".") + "\"" + rs.getString("TABLE_NAME")
                                + "\"");
                    }
                }
            }
            for (String table : tables) {
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            all.append(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v))
                                    .append('\n');
                        }
                    }
                }
            }
        }
        assertThat(all).as("the dump read the ledger").contains("Fire exits chained shut at night");
        return all.toString();
    }

    private long rows(String table) throws Exception {
        try (Connection c = ds.getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aFiledIdentity_isStoredOnlySealed_withACommitmentTheReporterCanOpen() throws Exception {
        FiledReport filed = file(new Identity(NAME, CONTACT));

        String store = everything();
        assertThat(store).doesNotContain("Zhang Sanfeng").doesNotContain(MARK).doesNotContain("example.org");
        assertThat(store).as("the salt is given to the reporter only").doesNotContain(filed.receiptCode());
        String entry = new String(ledger.log().entries(filed.receipt().index(), filed.receipt().index() + 1).get(0),
                StandardCharsets.UTF_8);
        assertThat(entry).contains("\"eventType\":\"WhistleblowerReportFiled\"").contains(filed.commitment())
                .contains("\"scheme\":\"hl-seal-v1\"").contains("\"keyId\":\"" + sealingKey.keyId() + "\"");
        // the commitment, recomputed from the identity and the receipt code as docs/FORMAT.md 18.2 says
        String plaintext = "{\"contact\":\"" + CONTACT + "\",\"name\":\"" + NAME + "\",\"salt\":\""
                + filed.receiptCode() + "\"}";
        assertThat(Hashes.sha256Hex(new JsonCanonicalizer(plaintext).getEncodedUTF8())).isEqualTo(filed.commitment());
        assertThat(rows("whistleblower_key")).isEqualTo(1);
        assertThat(filed.toString()).doesNotContain(filed.receiptCode());

        ReportSummary summary = ledger.whistleblowerReports().get(filed.reportId()).orElseThrow();
        assertThat(summary.identity()).isEqualTo(ReportSummary.IdentityState.SEALED);
        assertThat(summary.commitment()).isEqualTo(filed.commitment());
        assertThat(summary.filedIndex()).isEqualTo(filed.receipt().index());
        assertThat(ledger.verify().size()).isEqualTo(ledger.head().size());
    }

    @Test
    void aReveal_writesTheSignedAccessEntryFirst_thenOpensTheIdentity() throws Exception {
        FiledReport filed = file(new Identity(NAME, CONTACT));
        RevealIdentity reveal = new RevealIdentity(filed.reportId(), "case 2026-17: the reporter must testify", OFFICE);
        long before = ledger.head().size();

        RevealedIdentity revealed = ledger.revealIdentity(reveal, sign(reveal, officeKey));

        assertThat(revealed.identity()).isEqualTo(new Identity(NAME, CONTACT));
        assertThat(revealed.access().index()).isEqualTo(before);
        assertThat(revealed.access().entries()).extracting(Receipt.Entry::eventType)
                .containsExactly("WhistleblowerIdentityRevealed");
        assertThat(revealed.toString()).doesNotContain(NAME);
        assertThat(ledger.whistleblowerReports().accesses(filed.reportId()))
                .singleElement().satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(IdentityAccess.Kind.REVEAL);
                    assertThat(a.personId()).isEqualTo(OFFICE);
                    assertThat(a.reason()).isEqualTo("case 2026-17: the reporter must testify");
                    assertThat(a.index()).isEqualTo(before);
                });
        assertThat(ledger.whistleblowerReports().accesses(OFFICE, 10, 0)).hasSize(1);
        assertThat(ledger.trail().signedBy(OFFICE)).anySatisfy(act ->
                assertThat(act.index()).isEqualTo(before));
        assertThat(ledger.whistleblowerReports().get(filed.reportId()).orElseThrow().reveals()).isEqualTo(1);
        assertThat(everything()).doesNotContain("Zhang Sanfeng");
        assertThat(ledger.verify().size()).isEqualTo(ledger.head().size());
    }

    @Test
    void aRevealByAnyoneButTheParkOffice_orUnsigned_isRefused_andNothingIsStoredOrOpened() {
        FiledReport filed = file(new Identity(NAME, CONTACT));
        long size = ledger.head().size();
        RevealIdentity byStaff = new RevealIdentity(filed.reportId(), "curious", REPORTER);
        assertThatThrownBy(() -> ledger.revealIdentity(byStaff, sign(byStaff, reporterKey)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("not of the park office")
                .hasMessageNotContaining(NAME);
        RevealIdentity unsigned = new RevealIdentity(filed.reportId(), "no signature", OFFICE);
        assertThatThrownBy(() -> ledger.revealIdentity(unsigned, null))
                .isInstanceOf(SignatureRefusedException.class);
        RevealIdentity signedByAnother = new RevealIdentity(filed.reportId(), "their key", OFFICE);
        assertThatThrownBy(() -> ledger.revealIdentity(signedByAnother, sign(signedByAnother, reporterKey)))
                .isInstanceOf(SignatureRefusedException.class);
        assertThatThrownBy(() -> ledger.revealIdentity(new RevealIdentity("wb-nope", "x", OFFICE), null))
                .isInstanceOf(UnknownReferenceException.class).hasMessageContaining("no report with id 'wb-nope'");
        ShredIdentity shredNothing = new ShredIdentity("wb-nope", "x", OFFICE);
        assertThatThrownBy(() -> ledger.execute(shredNothing, sign(shredNothing, officeKey)))
                .isInstanceOf(UnknownReferenceException.class).hasMessageContaining("no report with id 'wb-nope'");
        assertThat(ledger.head().size()).isEqualTo(size);
        assertThat(ledger.whistleblowerReports().accesses(filed.reportId())).isEmpty();
    }

    @Test
    void anAnonymousReport_hasNoIdentityToReveal_andALedgerWithoutSealingKey_takesOnlyAnonymousReports() throws Exception {
        FiledReport anonymous = file(null);
        assertThat(anonymous.commitment()).isNull();
        assertThat(anonymous.receiptCode()).isNull();
        assertThat(ledger.whistleblowerReports().get(anonymous.reportId()).orElseThrow().identity())
                .isEqualTo(ReportSummary.IdentityState.NONE);
        RevealIdentity reveal = new RevealIdentity(anonymous.reportId(), "who?", OFFICE);
        assertThatThrownBy(() -> ledger.revealIdentity(reveal, sign(reveal, officeKey)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("without an identity");
        ledger.close();

        ledger = Ledger.builder().dataSource(ds).requireSignatures(true).build();   // no sealing key
        long size = ledger.head().size();
        assertThatThrownBy(() -> file(new Identity(NAME, CONTACT)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("no sealing key")
                .hasMessageNotContaining(NAME);
        assertThat(ledger.head().size()).isEqualTo(size);
        assertThat(rows("whistleblower_key")).isZero();
        assertThat(file(null).receipt().index()).isEqualTo(size);
    }

    @Test
    void onALedgerThatDoesNotRequireSignatures_aRevealOrShreddingMustStillBeSigned() {
        FiledReport filed = file(new Identity(NAME, CONTACT));
        ledger.close();
        ledger = Ledger.builder().dataSource(ds).sealingKey(sealingKey).build();   // signatures not required
        long size = ledger.head().size();
        assertThatThrownBy(() -> ledger.revealIdentity(new RevealIdentity(filed.reportId(), "why", OFFICE), null))
                .isInstanceOf(SignatureRefusedException.class).hasMessageContaining("must carry a statement");
        assertThatThrownBy(() -> ledger.execute(new ShredIdentity(filed.reportId(), "why", OFFICE)))
                .isInstanceOf(SignatureRefusedException.class);
        ReportHazard here = hazard("h-unsigned-link", HazardSource.WHISTLEBLOWER, OFFICE);
        ledger.execute(here);
        long withHazard = ledger.head().size();
        assertThatThrownBy(() -> ledger.execute(new LinkReport(filed.reportId(), "h-unsigned-link", OFFICE)))
                .isInstanceOf(SignatureRefusedException.class);
        assertThat(ledger.head().size()).isEqualTo(withHazard);
        size = withHazard;
        assertThat(ledger.head().size()).isEqualTo(size);
        RevealIdentity signed = new RevealIdentity(filed.reportId(), "why", OFFICE);
        assertThat(ledger.revealIdentity(signed, sign(signed, officeKey)).identity().name()).isEqualTo(NAME);
    }

    @Test
    void aReportFor_anUnknownEnterprise_isRefused_andNoKeyIsKept() throws Exception {
        long size = ledger.head().size();
        assertThatThrownBy(() -> ledger.fileWhistleblowerReport(new FileReport("ent-none", "x", "y",
                new Identity(NAME, CONTACT)))).isInstanceOf(UnknownReferenceException.class);
        assertThat(ledger.head().size()).isEqualTo(size);
        assertThat(rows("whistleblower_key")).isZero();
    }

    @Test
    void aLedgerHoldingAnotherSealingKey_cannotReveal_andWritesNoAccess() {
        FiledReport filed = file(new Identity(NAME, CONTACT));
        ledger.close();
        ledger = Ledger.builder().dataSource(ds).requireSignatures(true).sealingKey(SealingKey.generate()).build();
        long size = ledger.head().size();
        RevealIdentity reveal = new RevealIdentity(filed.reportId(), "why", OFFICE);
        assertThatThrownBy(() -> ledger.revealIdentity(reveal, sign(reveal, officeKey)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining(sealingKey.keyId());
        assertThat(ledger.head().size()).isEqualTo(size);
    }

    /**
     * The office moved to a new sealing key and keeps the old one as an earlier key: identities sealed before are
     * revealed with the old key, new ones are sealed for the new key, and both public halves are listed, the new first.
     */
    @Test
    void aLedgerThatMovedToANewSealingKey_revealsWithTheEarlierOne_andListsBoth() {
        FiledReport before = file(new Identity(NAME, CONTACT));
        ledger.close();
        SealingKey next = SealingKey.generate();
        ledger = Ledger.builder().dataSource(ds).requireSignatures(true).sealingKey(next)
                .earlierSealingKeys(List.of(sealingKey)).build();
        FiledReport after = file(new Identity("Someone Else", "else@example.org"));
        assertThat(ledger.sealingPublicKeys()).extracting(k -> k.keyId())
                .containsExactly(next.keyId(), sealingKey.keyId());
        assertThat(ledger.sealingPublicKey().orElseThrow().keyId()).isEqualTo(next.keyId());
        RevealIdentity revealBefore = new RevealIdentity(before.reportId(), "inspection of the claim", OFFICE);
        assertThat(ledger.revealIdentity(revealBefore, sign(revealBefore, officeKey)).identity().name())
                .isEqualTo(NAME);
        RevealIdentity revealAfter = new RevealIdentity(after.reportId(), "inspection of the claim", OFFICE);
        assertThat(ledger.revealIdentity(revealAfter, sign(revealAfter, officeKey)).identity().name())
                .isEqualTo("Someone Else");
        // without the earlier key, the identity sealed for it cannot be revealed
        ledger.close();
        ledger = Ledger.builder().dataSource(ds).requireSignatures(true).sealingKey(next).build();
        RevealIdentity again = new RevealIdentity(before.reportId(), "again", OFFICE);
        assertThatThrownBy(() -> ledger.revealIdentity(again, sign(again, officeKey)))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo("sealing-key-unavailable"));
    }

    @Test
    void shredding_destroysTheWrappedKey_soNobodyCanRevealIt_andTheChainStillVerifies() throws Exception {
        FiledReport filed = file(new Identity(NAME, CONTACT));
        FiledReport other = file(new Identity("Someone Else", "else@example.org"));
        String entryBefore = new String(ledger.log().entries(filed.receipt().index(), filed.receipt().index() + 1)
                .get(0), StandardCharsets.UTF_8);
        ShredIdentity shred = new ShredIdentity(filed.reportId(), "case closed, retention ended", OFFICE);
        Receipt shredded = ledger.execute(shred, sign(shred, officeKey));

        assertThat(rows("whistleblower_key")).as("only the other report's key is left").isEqualTo(1);
        assertThat(ledger.whistleblowerReports().get(filed.reportId()).orElseThrow().identity())
                .isEqualTo(ReportSummary.IdentityState.SHREDDED);
        assertThat(ledger.whistleblowerReports().accesses(filed.reportId())).singleElement()
                .satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(IdentityAccess.Kind.SHRED);
                    assertThat(a.index()).isEqualTo(shredded.index());
                });
        long size = ledger.head().size();
        RevealIdentity reveal = new RevealIdentity(filed.reportId(), "try anyway", OFFICE);
        assertThatThrownBy(() -> ledger.revealIdentity(reveal, sign(reveal, officeKey)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("shredded");
        ShredIdentity again = new ShredIdentity(filed.reportId(), "again", OFFICE);
        assertThatThrownBy(() -> ledger.execute(again, sign(again, officeKey)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("shredded");
        assertThat(ledger.head().size()).isEqualTo(size);
        // the sealed entry is unchanged and the chain verifies; a replay leaves the other key alone
        assertThat(new String(ledger.log().entries(filed.receipt().index(), filed.receipt().index() + 1).get(0),
                StandardCharsets.UTF_8)).isEqualTo(entryBefore);
        assertThat(ledger.verify().size()).isEqualTo(size);
        ledger.replay();
        assertThat(ledger.whistleblowerReports().get(filed.reportId()).orElseThrow().identity())
                .isEqualTo(ReportSummary.IdentityState.SHREDDED);
        RevealIdentity revealOther = new RevealIdentity(other.reportId(), "still there", OFFICE);
        assertThat(ledger.revealIdentity(revealOther, sign(revealOther, officeKey)).identity().name())
                .isEqualTo("Someone Else");

        // the keys beside the ledger, compared with what its entries say of each report
        assertThat(ledger.sealedKeysCompared()).as("as the entries say").isEmpty();
        byte[] otherKey;
        try (Connection c = ds.getConnection(); var ps = c.prepareStatement(
                "SELECT wrapped_key FROM whistleblower_key WHERE report_id = ?")) {
            ps.setString(1, other.reportId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                otherKey = rs.getBytes(1);
            }
        }
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            // a key deleted by hand (a shredding with no signed act), another kept for the shredded report
            st.executeUpdate("DELETE FROM whistleblower_key");
            try (var ps = c.prepareStatement("INSERT INTO whistleblower_key (report_id, key_id, wrapped_key) "
                    + "VALUES (?, ?, ?)")) {
                ps.setString(1, filed.reportId());
                ps.setString(2, sealingKey.keyId());
                ps.setBytes(3, otherKey);
                ps.executeUpdate();
            }
        }
        assertThat(ledger.sealedKeysCompared()).satisfiesExactly(
                missing -> assertThat(missing).startsWith(other.reportId() + ": its sealed identity's wrapped key "
                        + "is missing, and no entry shredded it"),
                kept -> assertThat(kept).startsWith(filed.reportId() + ": a wrapped key is kept for a report whose "
                        + "identity the ledger shredded"));
        // a reveal of the report whose key was deleted by hand is refused as that, and records no access
        long beforeMissing = ledger.head().size();
        RevealIdentity revealMissing = new RevealIdentity(other.reportId(), "the key is gone", OFFICE);
        assertThatThrownBy(() -> ledger.revealIdentity(revealMissing, sign(revealMissing, officeKey)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("sealed-key-missing");
                    assertThat(e.getMessage()).contains("no entry shredded it");
                });
        assertThat(ledger.head().size()).isEqualTo(beforeMissing);
        assertThat(ledger.whistleblowerReports().accesses(other.reportId())).hasSize(1);
    }

    private ReportHazard hazard(String hazardId, HazardSource source, String reporter) {
        return new ReportHazard(hazardId, ENTERPRISE, HazardLevel.GENERAL, source, null, "fire safety",
                "Warehouse 2", "Exit blocked", null, Instant.now().minusSeconds(60), reporter, List.of());
    }

    @Test
    void theRegister_tellsAHazardSelfReportedBeforeAnyOutsideFinding_fromOneReportedAfterATip() throws Exception {
        // h-first: the enterprise reports it, a whistleblower reports the same thing later
        ReportHazard first = hazard("h-first", HazardSource.SELF_INSPECTION, REPORTER);
        ledger.execute(first, sign(first, reporterKey));
        FiledReport later = file(null);
        // h-tipped: a whistleblower reports it first, the enterprise "self-reports" it afterwards
        FiledReport tip = file(new Identity(NAME, CONTACT));
        ReportHazard tipped = hazard("h-tipped", HazardSource.SELF_INSPECTION, REPORTER);
        ledger.execute(tipped, sign(tipped, reporterKey));
        long beforeLinks = ledger.head().size();
        LinkReport linkLater = new LinkReport(later.reportId(), "h-first", OFFICE);
        ledger.execute(linkLater, sign(linkLater, officeKey));
        LinkReport linkTip = new LinkReport(tip.reportId(), "h-tipped", OFFICE);
        ledger.execute(linkTip, sign(linkTip, officeKey));
        assertThat(ledger.verify().holds()).as("each signed link holds what was signed").isTrue();

        var register = ledger.register();
        assertThat(register.get("h-first").orElseThrow()).satisfies(h -> {
            assertThat(h.selfReported()).isTrue();
            assertThat(h.outsideFindingIndex()).isNull();
            assertThat(h.selfReportedFirst()).isTrue();
        });
        assertThat(register.get("h-tipped").orElseThrow()).satisfies(h -> {
            assertThat(h.selfReported()).isTrue();
            assertThat(h.outsideFindingIndex()).isEqualTo(tip.receipt().index());
            assertThat(h.selfReportedFirst()).isFalse();
        });
        assertThat(register.find(io.hazardledger.register.RegisterFilter.ALL))
                .filteredOn(h -> h.hazardId().equals("h-tipped")).singleElement()
                .satisfies(h -> assertThat(h.selfReportedFirst()).isFalse());
        // as the ledger stood before the link, nothing showed the tip came first
        var beforeLink = ledger.position(beforeLinks, null);
        assertThat(register.get("h-tipped", beforeLink).orElseThrow().selfReportedFirst()).isTrue();
        assertThat(register.get("h-tipped", ledger.position(null, null)).orElseThrow().selfReportedFirst()).isFalse();

        // found by the park's inspection: not self-reported
        ReportHazard outside = hazard("h-outside", HazardSource.SUPERVISORY_INSPECTION, OFFICE);
        ledger.execute(outside, sign(outside, officeKey));
        assertThat(register.get("h-outside").orElseThrow().selfReportedFirst()).isFalse();
        // "self-inspection" claimed by someone who is not of the enterprise: refused, nothing stored (the register
        // would not count it self-reported either, should an entry recorded before the rule hold one)
        ReportHazard claimed = hazard("h-claimed", HazardSource.SELF_INSPECTION, OFFICE);
        long beforeClaimed = ledger.head().size();
        assertThatThrownBy(() -> ledger.execute(claimed, sign(claimed, officeKey)))
                .isInstanceOfSatisfying(io.hazardledger.InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source"))
                .hasMessage("source: must not be SELF_INSPECTION: p-office is of the park, and a self-inspection's "
                        + "hazard is reported by the staff of the enterprise, " + ENTERPRISE);
        // nor may the enterprise's staff report the park's finding
        ReportHazard asThePark = hazard("h-as-park", HazardSource.SUPERVISORY_INSPECTION, REPORTER);
        assertThatThrownBy(() -> ledger.execute(asThePark, sign(asThePark, reporterKey)))
                .isInstanceOfSatisfying(io.hazardledger.InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("source"))
                .hasMessageContaining("must not be SUPERVISORY_INSPECTION: " + REPORTER + " is of " + ENTERPRISE);
        assertThat(ledger.head().size()).isEqualTo(beforeClaimed);
        assertThat(register.get("h-claimed")).isEmpty();
    }

    @Test
    void aReport_isLinkedOnce_toAHazardOfItsOwnEnterprise_byTheParkOffice() {
        ledger.execute(new RegisterEnterprise("ent-other", "Other Co", "logistics", false));
        ledger.execute(new RegisterPerson("p-other", "Other", "ent-other", Set.of(Role.ENTERPRISE_STAFF)));
        PemSigner otherKey = key("p-other");
        ReportHazard elsewhere = new ReportHazard("h-else", "ent-other", HazardLevel.GENERAL,
                HazardSource.SELF_INSPECTION, null, "fire safety", "Dock", "Blocked", null,
                Instant.now().minusSeconds(60), "p-other", List.of());
        ledger.execute(elsewhere, sign(elsewhere, otherKey));
        ReportHazard here = hazard("h-here", HazardSource.WHISTLEBLOWER, OFFICE);
        ledger.execute(here, sign(here, officeKey));
        FiledReport filed = file(null);
        long size = ledger.head().size();

        LinkReport toOther = new LinkReport(filed.reportId(), "h-else", OFFICE);
        assertThatThrownBy(() -> ledger.execute(toOther, sign(toOther, officeKey)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("ent-other");
        LinkReport byStaff = new LinkReport(filed.reportId(), "h-here", REPORTER);
        assertThatThrownBy(() -> ledger.execute(byStaff, sign(byStaff, reporterKey)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("not of the park office");
        LinkReport unknown = new LinkReport(filed.reportId(), "h-none", OFFICE);
        assertThatThrownBy(() -> ledger.execute(unknown, sign(unknown, officeKey)))
                .isInstanceOf(UnknownReferenceException.class);
        assertThat(ledger.head().size()).isEqualTo(size);

        LinkReport link = new LinkReport(filed.reportId(), "h-here", OFFICE);
        ledger.execute(link, sign(link, officeKey));
        assertThat(ledger.whistleblowerReports().get(filed.reportId()).orElseThrow().hazardId()).isEqualTo("h-here");
        LinkReport again = new LinkReport(filed.reportId(), "h-here", OFFICE);
        assertThatThrownBy(() -> ledger.execute(again, sign(again, officeKey)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("already linked");
    }
}
