package io.hazardledger.tamper;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;
import io.hazardledger.store.internal.VerifiedMarks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value of every table that verification reads, changed one at a time, and every row of them deleted, in a
 * signed ledger with a key revoked, a checkpoint, a verified mark and entries after both. A value is changed to one of
 * its own kind (a letter's case flipped, the last digit or letter moved on, a number plus one, a JSON text changed
 * within a string or a name, so that it stays JSON), each change on its own, rolled back after verification (which
 * runs in the changing transaction). Verification must name the entry that the row belongs to: an event or entry row
 * its entry, a key listing its index, a Merkle node the leaf that completes it. What may change unnoticed is exactly
 * what docs/FORMAT.md says verification does not read or does not rest on: an event's {@code global_index} (events are
 * matched to entries by id), a checkpoint's note when the log's keys do not sign it any more (ignored, as the log
 * ignores it), its {@code root_hash} and {@code created_at} columns, a deleted checkpoint, and the verified mark (a
 * replay's shortcut, which verification compares but cannot miss).
 */
class StoreEveryValueTest {

    private static final String ORIGIN = "test.example/log";

    @TempDir
    static Path dir;

    static DataSource ds;
    static PemSigner logKey;
    static long size;

    @BeforeAll
    static void ledger() throws LedgerIntegrityException {
        TestLedgers.h2Only();   // the rows are named by H2's _ROWID_; the tables are the same on PostgreSQL
        ds = TestLedgers.h2(dir);
        logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger ledger = Ledger.builder().dataSource(ds).checkpoints(logKey, ORIGIN, Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            PemSigner reporterKey = register(ledger, REPORTER);
            PemSigner ownerKey = register(ledger, OWNER);
            signed(ledger, TestLedgers.report("hz-1", HazardLevel.GENERAL), reporterKey);
            signed(ledger, new PlanRectification("hz-1", "replace gasket", OWNER, LocalDate.now().plusDays(30),
                    "100.00", null, null, OWNER), ownerKey);
            signed(ledger, new SubmitRectification("hz-1", "gasket replaced", List.of(), OWNER), ownerKey);
            TestLedgers.closedLoop(ledger, "hz-2");
            ledger.checkpoints().orElseThrow().checkpointNow();
            ledger.replay();
            signed(ledger, new RevokeKey(REPORTER, reporterKey.verificationKey().keyId(), "phone lost",
                    Instant.now().minusSeconds(60), REPORTER), reporterKey);
            ledger.execute(TestLedgers.report("hz-3", HazardLevel.MAJOR));
            ledger.checkpoints().orElseThrow().checkpointNow();
            ledger.execute(TestLedgers.report("hz-4", HazardLevel.GENERAL));
            VerifiedLedger verified = ledger.verify();
            size = verified.size();
            assertThat(verified.checkpoints().agreeing()).isEqualTo(2);
        }
    }

    @AfterAll
    static void close() {
        ds = null;
    }

    private static PemSigner register(Ledger ledger, String person) {
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey(person, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(3600),
                person));
        return key;
    }

    private static void signed(Ledger ledger, Object command, PemSigner key) {
        ledger.execute(command, SignedStatement.sign(ledger.statementFor(command, key.verificationKey().keyId(),
                Instant.now()), key));
    }

    /** What verification is expected to say of one change: break at this index, or hold. */
    private record Expected(Long index) {
        static final Expected HOLDS = new Expected(null);
        static final Expected ANY_BREAK = new Expected(-1L);
    }

    /** Which entry each row belongs to, by table: how verification must name a change to it. */
    private interface Owner {
        Expected of(Map<String, Object> row, String column);
    }

    @Test
    void everyValueChanged_andEveryRowDeleted_isNamedAtItsEntry_orIsWhatVerificationDoesNotReadOrRestOn()
            throws Exception {
        List<String> surprises = new ArrayList<>();
        Map<String, Long> entryOfEvent = new java.util.HashMap<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            LedgerStore store = new LedgerStore(inTransactionOf(c), LedgerSerializer.forEvents(), List.of(), 1000,
                    new VerifiedMarks(List.of(new NoteSigner(ORIGIN, logKey)), ORIGIN));
            assertThat(outcome(store)).isEqualTo("holds");
            for (Map<String, Object> row : rows(c, "ledger_entry")) {
                entryOfEvent.put((String) row.get("EVENT_ID"), ((Number) row.get("LEDGER_INDEX")).longValue());
            }
            c.rollback();
            Map<String, Owner> tables = new java.util.LinkedHashMap<>();
            tables.put("ledger_domain_event", (row, column) -> "GLOBAL_INDEX".equals(column) ? Expected.HOLDS
                    : new Expected(entryOfEvent.get((String) row.get("EVENT_IDENTIFIER"))));
            tables.put("ledger_entry", (row, column) -> "LEDGER_INDEX".equals(column) ? Expected.ANY_BREAK
                    : new Expected(((Number) row.get("LEDGER_INDEX")).longValue()));
            tables.put("ledger_key_entry", (row, column) ->
                    new Expected(((Number) row.get("LEDGER_INDEX")).longValue()));
            tables.put("merkle_node", (row, column) -> new Expected(((Number) row.get("LEAF_INDEX")).longValue()));
            tables.put("ledger_head", (row, column) -> Expected.ANY_BREAK);
            tables.put("checkpoint", (row, column) -> "TREE_SIZE".equals(column) ? Expected.ANY_BREAK : Expected.HOLDS);
            tables.put("verified_mark", (row, column) -> Expected.HOLDS);

            int changes = 0;
            for (Map.Entry<String, Owner> table : tables.entrySet()) {
                List<Map<String, Object>> rows = rows(c, table.getKey());
                c.rollback();
                assertThat(rows).as(table.getKey()).isNotEmpty();
                for (Map<String, Object> row : rows) {
                    for (Map.Entry<String, Object> value : row.entrySet()) {
                        if (value.getKey().equals("_ROWID_")) {
                            continue;
                        }
                        for (Object changed : changes(value.getValue())) {
                            String what = table.getKey() + "." + value.getKey() + " of row " + row.get("_ROWID_")
                                    + ": " + shown(value.getValue()) + " -> " + shown(changed);
                            String said;
                            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table.getKey() + " SET "
                                    + value.getKey() + " = ? WHERE _ROWID_ = ?")) {
                                ps.setObject(1, changed);
                                ps.setObject(2, row.get("_ROWID_"));
                                assertThat(ps.executeUpdate()).isOne();
                                said = outcome(store);
                            } catch (SQLException refused) {
                                said = null;   // a key taken, a value out of its column's range: the schema refuses
                            }
                            c.rollback();
                            if (said != null) {
                                changes++;
                                judge(table.getValue().of(row, value.getKey()), said, what, surprises);
                            }
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.getKey()
                            + " WHERE _ROWID_ = ?")) {
                        ps.setObject(1, row.get("_ROWID_"));
                        assertThat(ps.executeUpdate()).isOne();
                        String said = outcome(store);
                        c.rollback();
                        changes++;
                        boolean kept = table.getKey().equals("checkpoint") || table.getKey().equals("verified_mark");
                        judge(kept ? Expected.HOLDS : table.getValue().of(row, null), said,
                                table.getKey() + " row " + row.get("_ROWID_") + " deleted", surprises);
                    }
                }
            }
            org.slf4j.LoggerFactory.getLogger(StoreEveryValueTest.class).info("{} changes verified", changes);
            assertThat(changes).as("changes verified").isGreaterThan(500);
        }
        assertThat(surprises).as("changes that verification did not name as expected").isEmpty();
    }

    private static void judge(Expected expected, String said, String what, List<String> surprises) {
        boolean ok = expected.index() == null ? said.equals("holds")
                : expected.index() < 0 ? said.startsWith("breaks at ")
                : said.startsWith("breaks at " + expected.index() + " ");
        if (!ok) {
            surprises.add(what + ": expected " + (expected.index() == null ? "it to hold" : expected.index() < 0
                    ? "a break" : "a break at " + expected.index()) + ", " + said);
        }
    }

    /** What verification said: {@code holds}, or {@code breaks at INDEX CHECK}. */
    private static String outcome(LedgerStore store) {
        try {
            VerifiedLedger verified = store.verify();
            return verified.size() == size ? "holds" : "holds at another size " + verified.size();
        } catch (LedgerIntegrityException e) {
            return "breaks at " + e.index() + " " + e.check();
        }
    }

    /** A data source whose every connection is {@code c}, in its transaction: what it changed, verification reads. */
    private static DataSource inTransactionOf(Connection c) {
        Set<String> ignored = Set.of("close", "setAutoCommit", "setTransactionIsolation", "commit", "rollback",
                "setReadOnly");
        ClassLoader loader = StoreEveryValueTest.class.getClassLoader();
        Connection shared = (Connection) Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (ignored.contains(method.getName())) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return shared;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Every row of a table, with its {@code _ROWID_}, by column name. */
    private static List<Map<String, Object>> rows(Connection c, String table) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT _ROWID_, * FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A value's changes of its own kind (none for a null). */
    static List<Object> changes(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof String s) {
            for (String changed : new String[] {OneByte.flipFirstLetter(s), OneByte.nextLast(s)}) {
                if (changed != null && !out.contains(changed)) {
                    out.add(changed);
                }
            }
        } else if (value instanceof byte[] bytes) {
            changes(new String(bytes, StandardCharsets.UTF_8)).forEach(s -> out.add(((String) s)
                    .getBytes(StandardCharsets.UTF_8)));
        } else if (value instanceof Long l) {
            out.add(l + 1);
        } else if (value instanceof Integer i) {
            out.add(i + 1);
        } else if (value != null) {
            throw new IllegalStateException("no change for a " + value.getClass());
        }
        return out;
    }

    private static String shown(Object value) {
        String s = value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
        return s.length() > 50 ? s.substring(0, 50) + "…" : s;
    }
}
