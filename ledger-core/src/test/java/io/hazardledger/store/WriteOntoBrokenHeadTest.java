package io.hazardledger.store;

import io.hazardledger.IntegrityRefusalException;
import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.Hashes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A write is never chained onto a chain head that does not hold: a head row changed behind the ledger's back (to
 * another hash, or together with its last entry's stored hash) refuses the write, naming the index and the check, and
 * stores nothing, where it was acknowledged and could never verify; the head put back, writes go on.
 */
class WriteOntoBrokenHeadTest {

    @TempDir
    Path dir;

    Ledger ledger;
    LedgerTables db;

    @BeforeEach
    void park() {
        DataSource store = TestLedgers.store(dir);
        ledger = Ledger.builder().dataSource(store).requireSignatures(false).build();
        db = new LedgerTables(store);
        TestLedgers.park(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private void refused(String check, long index) throws Exception {
        LedgerTables.Counts before = db.counts();
        assertThatExceptionOfType(IntegrityRefusalException.class)
                .isThrownBy(() -> ledger.execute(new RegisterPerson("p-late", "Late", null, Set.of(Role.AUDITOR))))
                .satisfies(e -> {
                    assertThat(e.index()).isEqualTo(index);
                    assertThat(e.getMessage()).startsWith("refused to write onto the chain head: ").contains(check);
                });
        assertThat(db.counts()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aHeadThatDoesNotNameItsLastEntry_refusesTheWrite_andNothingIsStored() throws Exception {
        LedgerTables.Head head = db.head();
        db.update("UPDATE ledger_head SET head_hash = ? WHERE id = 1", "0".repeat(63) + "1");
        refused("head-mismatch", head.size() - 1);
        refused("head-mismatch", head.size() - 1);   // and again: nothing was cached from the refused one
        db.update("UPDATE ledger_head SET head_hash = ? WHERE id = 1", head.hash());
        long index = ledger.execute(new RegisterPerson("p-late", "Late", null, Set.of(Role.AUDITOR))).index();
        assertThat(index).isEqualTo(head.size());
        assertThat(ledger.verify().size()).isEqualTo(head.size() + 1);
    }

    @Test
    void aHeadChangedWithItsLastEntrysHash_refusesTheWrite() throws Exception {
        LedgerTables.Head head = db.head();
        String forged = Hashes.leafHash("forged".getBytes());
        db.update("UPDATE ledger_entry SET entry_hash = ? WHERE ledger_index = ?", forged, head.size() - 1);
        db.update("UPDATE ledger_head SET head_hash = ? WHERE id = 1", forged);
        refused("entry-hash", head.size() - 1);
    }

    @Test
    void aHeadBeyondItsEntries_refusesTheWrite() throws Exception {
        LedgerTables.Head head = db.head();
        db.update("UPDATE ledger_head SET size = ? WHERE id = 1", head.size() + 3);
        refused("head-mismatch", head.size() + 2);
    }
}
