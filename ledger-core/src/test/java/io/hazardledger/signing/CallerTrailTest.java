package io.hazardledger.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who asked for a write: the caller an application names is stored in the entry (metadata {@code ledgerCaller}) and
 * shown in the trails, for the acts nobody signs (a registration) as for the signed ones.
 */
class CallerTrailTest {

    static final String ADMIN = "p-admin";

    @TempDir
    Path dir;

    DataSource ds;
    Ledger ledger;

    @BeforeEach
    void park() {
        ds = TestLedgers.store(dir);
        ledger = Ledger.builder().dataSource(ds).build();
        TestLedgers.park(ledger);
        ledger.execute(new RegisterPerson(ADMIN, "Ada Admin", null, Set.of(Role.ADMIN, Role.REGISTRAR)));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private JsonNode entry(long index) throws Exception {
        return new ObjectMapper().readTree(ledger.log().entries(index, index + 1).get(0));
    }

    @Test
    void anUnsignedRegistration_namesItsCaller_inTheEntryAndTheTrails() throws Exception {
        long before = ledger.log().size();
        Receipt r = ledger.execute(new RegisterPerson("p-new", "New Person", ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)),
                null, ADMIN);

        // the entry holds it, so its hash covers it
        assertThat(entry(r.index()).path("metadata").path("ledgerCaller").asText()).isEqualTo(ADMIN);
        // an entry written without a caller names none
        assertThat(entry(before - 1).path("metadata").has("ledgerCaller")).isFalse();

        List<SignedAct> chain = ledger.trail().responsibilityFor("p-new");
        assertThat(chain).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo(r.index());
            assertThat(a.status()).isEqualTo("unsigned");
            assertThat(a.signerId()).isNull();
            assertThat(a.caller()).isEqualTo(ADMIN);
            assertThat(a.eventType()).isEqualTo("PersonRegistered");
            assertThat(a.recordedAt()).isEqualTo(entry(r.index()).path("recordedAt").asText());
        });
        // the admin's acts hold it; what the admin signed does not (nothing)
        assertThat(ledger.trail().actsOf(ADMIN)).extracting(SignedAct::index).containsExactly(r.index());
        assertThat(ledger.trail().signedBy(ADMIN)).isEmpty();
        // as the ledger stood before it: not yet
        assertThat(ledger.trail().actsOf(ADMIN, ledger.position(r.index(), null))).isEmpty();
        assertThat(ledger.verify().size()).isEqualTo(r.index() + 1);
    }

    @Test
    void anUnknownCaller_isRefused_andNothingIsStored() {
        long size = ledger.log().size();
        assertThatThrownBy(() -> ledger.execute(new RegisterEnterprise("ent-x", "X", "light industry", false), null,
                "p-nobody"))
                .isInstanceOf(UnknownReferenceException.class)
                .hasMessageContaining("p-nobody");
        assertThat(ledger.log().size()).isEqualTo(size);
        assertThat(ledger.directory().enterprise("ent-x")).isEmpty();
    }

    @Test
    void aSignedActByItsCaller_isInTheirActsOnce_andAnotherCallersAct_isInBoth() {
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey(REPORTER, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(60),
                REPORTER), null, REPORTER);
        var report = TestLedgers.report("hz-c", HazardLevel.GENERAL);
        SignedStatement signed = SignedStatement.sign(ledger.statementFor(report, key.verificationKey().keyId(),
                Instant.now()), key);
        Receipt reported = ledger.execute(report, signed, REPORTER);
        List<SignedAct> acts = ledger.trail().actsOf(REPORTER);
        assertThat(acts).extracting(SignedAct::index).doesNotHaveDuplicates().contains(reported.index());
        assertThat(acts).filteredOn(a -> a.index() == reported.index()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("valid");
            assertThat(a.signerId()).isEqualTo(REPORTER);
            assertThat(a.caller()).isEqualTo(REPORTER);
        });
        // an act signed by one person and sent by another is in the trails of both, once each
        Receipt sentByAdmin = ledger.execute(new RegisterEnterprise("ent-y", "Y", "light industry", false), null, ADMIN);
        assertThat(ledger.trail().actsOf(ADMIN)).extracting(SignedAct::index).contains(sentByAdmin.index());
        assertThat(ledger.trail().actsOf(REPORTER)).extracting(SignedAct::index).doesNotContain(sentByAdmin.index());
    }

    /** An overdue notice written in a person's late submission is the ledger's own: it names no caller. */
    @Test
    void anOverdueNoticeInAPersonsWrite_namesNoCaller() throws Exception {
        ledger.execute(TestLedgers.report("hz-late", HazardLevel.GENERAL), null, REPORTER);
        ledger.execute(new io.hazardledger.hazard.PlanRectification("hz-late", "fix it", TestLedgers.OWNER,
                java.time.LocalDate.now(ledger.zone()).minusDays(2), null, null, null, TestLedgers.OWNER), null,
                TestLedgers.OWNER);
        Receipt late = ledger.execute(new io.hazardledger.hazard.SubmitRectification("hz-late", "fixed",
                List.of(TestLedgers.evidence("after")), TestLedgers.OWNER), null, TestLedgers.OWNER);
        assertThat(late.entries()).extracting(Receipt.Entry::eventType)
                .containsExactly("RectificationSubmitted", "RectificationOverdue");
        long submitted = late.entries().get(0).index();
        long overdue = late.entries().get(1).index();
        assertThat(entry(submitted).path("metadata").path("ledgerCaller").asText()).isEqualTo(TestLedgers.OWNER);
        assertThat(entry(overdue).path("metadata").has("ledgerCaller")).isFalse();
        assertThat(ledger.trail().actsOf(TestLedgers.OWNER)).extracting(SignedAct::index)
                .contains(submitted).doesNotContain(overdue);
    }

    @Test
    void replay_makesTheCallersRowsAgain_fromTheEntries() throws Exception {
        Receipt r = ledger.execute(new RegisterEnterprise("ent-z", "Z", "light industry", false), null, ADMIN);
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM signature_entry WHERE ledger_index = " + r.index());
        }
        assertThat(ledger.trail().responsibilityFor("ent-z")).singleElement()
                .satisfies(a -> assertThat(a.caller()).as("the row is gone").isNull());
        var report = ledger.replayAndReport();
        assertThat(report.projections()).filteredOn(p -> p.name().equals("signature-trail")).singleElement()
                .satisfies(p -> assertThat(p.rowsChanged()).isEqualTo(1L));
        assertThat(ledger.trail().responsibilityFor("ent-z")).singleElement()
                .satisfies(a -> assertThat(a.caller()).isEqualTo(ADMIN));
        assertThat(ledger.replayAndReport().projections()).filteredOn(p -> p.name().equals("signature-trail"))
                .singleElement().satisfies(p -> assertThat(p.rowsChanged()).as("nothing left to correct").isZero());
    }
}
