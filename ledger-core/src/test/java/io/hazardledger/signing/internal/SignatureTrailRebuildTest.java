package io.hazardledger.signing.internal;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.WriteCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay compares the signature trail with the rows the entries make and writes only the difference, whichever
 * ranges it reads the stored rows by: the trail it leaves is always the one the entries make.
 */
class SignatureTrailRebuildTest {

    @TempDir
    Path dir;

    DataSource ds;
    final List<RecordedEvent> events = new ArrayList<>();
    /** Counts the rows each {@link #rebuild} inserts, updates or deletes in signature_entry. */
    final WriteCounter counter = new WriteCounter("signature_entry");
    /** The rows the last {@link #rebuild} wrote, as the database counted them. */
    long written;

    @BeforeEach
    void trail() throws Exception {
        ds = TestLedgers.store(dir);
        Ledger.schemaMigrations(ds).load().migrate();
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        // indexes 0 to 8: signed at 0, 1, 3, 4, 6, 8; unsigned at 2, 5, 7; a caller named at 7 (unsigned) and 8
        for (int i = 0; i < 9; i++) {
            boolean signed = i != 2 && i != 5 && i != 7;
            Instant at = Instant.parse("2026-12-01T08:00:00Z").plusSeconds(i);
            SignedStatement signature = signed ? SignedStatement.sign(new Statement("hazard.report", "hz-" + i,
                    "c".repeat(64), "0".repeat(64), "person-" + (i % 2), key.verificationKey().keyId(), at.toString(),
                    Statement.PERSONAL), key) : null;
            String caller = i == 7 ? "admin-7" : i == 8 ? "person-0" : null;
            events.add(new RecordedEvent(i, "e".repeat(63) + i, "hz-" + i, at.plusMillis(5), null, signature)
                    .withCaller(caller));
        }
        try (Connection c = ds.getConnection()) {
            SignatureTrailView view = new SignatureTrailView(null);
            for (RecordedEvent e : events) {
                view.apply(c, e);   // as the entries' commits write it
            }
        }
    }

    @Test
    void overRowsThatAreRight_changesNone_inRangesOfAnySize() throws Exception {
        List<String> written = rows();
        assertThat(written).hasSize(7);
        for (int chunk : new int[]{1, 2, 4, 5_000}) {
            assertThat(rebuild(chunk, events)).as("chunk " + chunk).isZero();
            assertThat(this.written).as("rows written, chunk " + chunk).isZero();
            assertThat(rows()).isEqualTo(written);
        }
    }

    @Test
    void overDamagedRows_correctsEachOnce_inRangesOfAnySize() throws Exception {
        List<String> written = rows();
        for (int chunk : new int[]{1, 2, 3, 5_000}) {
            update("UPDATE signature_entry SET signer_id = 'someone-else' WHERE ledger_index = 3");   // updated
            update("UPDATE signature_entry SET recorded_at = '2020-01-01T00:00:00Z' WHERE ledger_index = 8"); // updated
            update("DELETE FROM signature_entry WHERE ledger_index = 4");                            // inserted
            update("UPDATE signature_entry SET caller_id = NULL WHERE ledger_index = 7");           // updated
            for (long index : new long[]{5, 9, 100, -1}) {   // an unsigned entry's index, beyond the last, before the first
                update("INSERT INTO signature_entry SELECT " + index + ", statement_hash, action, aggregate_id, "
                        + "signer_id, key_id, claimed_at, recorded_at, mode, caller_id FROM signature_entry "
                        + "WHERE ledger_index = 0");
            }
            assertThat(rows()).isNotEqualTo(written);
            assertThat(rebuild(chunk, events)).as("chunk " + chunk).isEqualTo(8);
            assertThat(this.written).as("rows written, chunk " + chunk).isEqualTo(8);
            assertThat(rows()).isEqualTo(written);
        }
    }

    @Test
    void ofFewerEntries_deletesTheRowsNoEntryMakes() throws Exception {
        List<String> written = rows();
        assertThat(rebuild(2, events.subList(0, 4))).isEqualTo(4);   // the rows of 4, 6, 7 and 8
        assertThat(rows()).isEqualTo(written.subList(0, 3));
        assertThat(rebuild(2, List.of())).isEqualTo(3);
        assertThat(rows()).isEmpty();
        assertThat(rebuild(3, events)).isEqualTo(7);                 // all inserted again
        assertThat(rows()).isEqualTo(written);
    }

    private long rebuild(int chunk, List<RecordedEvent> replayed) throws SQLException {
        counter.rows();
        try (Connection c = counter.over(ds).getConnection()) {
            Projection.Rebuild rebuild = new SignatureTrailView(null, chunk).rebuild(c);
            for (RecordedEvent e : replayed) {
                rebuild.apply(e);
            }
            long changed = rebuild.finish();
            written = counter.rows();
            return changed;
        }
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ledger_index, statement_hash, action, aggregate_id, signer_id, key_id, "
                     + "claimed_at, recorded_at, mode, caller_id FROM signature_entry ORDER BY ledger_index")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int k = 1; k <= 10; k++) {
                    row.append(rs.getString(k)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private void update(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
