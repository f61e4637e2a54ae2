package io.hazardledger.store.internal;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.LedgerIntegrityException;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.REPORTER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A signed statement copied from one act to a later act of the same aggregate, by someone who could then rebuild the
 * whole chain after it (entries, hashes, Merkle nodes, head): every hash checks, and {@code verify} names the reuse
 * at that entry. The statement was signed for the aggregate's earlier history, so the statement's own check fails too.
 */
class ReusedStatementTest {

    @TempDir
    Path dir;

    private DataSource ds;
    private Ledger ledger;
    private final List<Receipt> submissions = new ArrayList<>();

    @BeforeEach
    void twoSubmissionsOfOneRectification() {
        ds = TestLedgers.store(dir);
        ledger = Ledger.builder().dataSource(ds).requireSignatures(true).build();
        TestLedgers.park(ledger);
        PemSigner reporter = key(REPORTER);
        PemSigner owner = key(OWNER);
        PemSigner verifier = key(VERIFIER);
        signed(TestLedgers.report("hz-r", HazardLevel.GENERAL), reporter);
        signed(new PlanRectification("hz-r", "replace gasket", OWNER, LocalDate.now().plusDays(30), "100.00", null,
                null, OWNER), owner);
        submissions.add(signed(new SubmitRectification("hz-r", "gasket replaced", List.of(), OWNER), owner));
        signed(new VerifyRectification("hz-r", false, "still leaking", VERIFIER), verifier);
        submissions.add(signed(new SubmitRectification("hz-r", "gasket replaced again", List.of(), OWNER), owner));
        signed(TestLedgers.report("hz-later", HazardLevel.GENERAL), reporter); // an entry after it, to chain again
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aStatementCopiedToALaterAct_andTheChainRebuilt_failsAsReused() throws Exception {
        long first = submissions.get(0).index();
        long second = submissions.get(1).index();
        try (Connection c = ds.getConnection()) {
            String metadata = Sql.query(c, "SELECT e.meta_data FROM ledger_domain_event e JOIN ledger_entry l "
                    + "ON l.event_id = e.event_identifier WHERE l.ledger_index = ?", rs -> new String(rs.getBytes(1),
                    java.nio.charset.StandardCharsets.UTF_8), first).get(0);
            Sql.update(c, "UPDATE ledger_domain_event SET meta_data = ? WHERE event_identifier = (SELECT event_id "
                    + "FROM ledger_entry WHERE ledger_index = ?)", metadata.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    second);
            chainAgainFrom(c, second);
        }

        assertThatExceptionOfType(LedgerIntegrityException.class).isThrownBy(ledger::verify)
                .satisfies(e -> assertThat(e.index() + " " + e.check()).as(e.getMessage())
                        .isEqualTo(second + " signature-reused"));
    }

    @Test
    void theChainRebuiltWithoutAChange_stillVerifies() throws Exception {
        try (Connection c = ds.getConnection()) {
            chainAgainFrom(c, submissions.get(1).index());
        }

        assertThat(ledger.verify().holds()).isTrue();
    }

    /** What a forger with the database would do: entries from {@code from} on encoded again, the tree and head too. */
    private static void chainAgainFrom(Connection c, long from) throws Exception {
        List<String> hashes = Sql.query(c, "SELECT entry_hash FROM ledger_entry ORDER BY ledger_index", rs -> rs.getString(1));
        for (long i = from; i < hashes.size(); i++) {
            byte[] entry;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EventRows.COLUMNS + " FROM ledger_domain_event e "
                    + "JOIN ledger_entry l ON l.event_id = e.event_identifier WHERE l.ledger_index = ?")) {
                ps.setLong(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    entry = EntryCodec.encode(i, hashes.get((int) i - 1), EventRows.read(rs, 1));
                }
            }
            hashes.set((int) i, Hashes.leafHash(entry));
            Sql.update(c, "UPDATE ledger_entry SET entry = ?, entry_hash = ? WHERE ledger_index = ?", entry,
                    hashes.get((int) i), i);
        }
        Sql.update(c, "DELETE FROM merkle_node");
        MerkleNodes.insert(c, MerkleNodes.completed(new io.hazardledger.integrity.merkle.RightEdge(), hashes.toArray(String[]::new)));
        Sql.update(c, "UPDATE ledger_head SET head_hash = ?", hashes.get(hashes.size() - 1));
    }

    private PemSigner key(String person) {
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey(person, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(3600), person));
        return key;
    }

    private Receipt signed(Object command, PemSigner key) {
        Statement s = ledger.statementFor(command, key.verificationKey().keyId(), Instant.now());
        return ledger.execute(command, SignedStatement.sign(s, key));
    }
}
