package io.hazardledger.tamper;

import io.hazardledger.Ledger;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.store.LedgerTables;
import io.hazardledger.store.TestDatabase;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damages a stored ledger through plain JDBC, behind the ledger's back, and expects {@code verify()} to name
 * the first index that no longer verifies and the check that caught it.
 * <p>
 * Every test starts from the 23 entries of {@link SampleLedger}.
 */
class TamperedLedgerTest {

    static final long SIZE = SampleLedger.SIZE;
    static final long MIDDLE = SampleLedger.MIDDLE;
    static final long LAST = SampleLedger.LAST;

    @TempDir
    Path dir;

    private TestDatabase database;
    private Ledger ledger;
    private LedgerTables db;

    @BeforeEach
    void buildLedger() throws SQLException {
        database = TestDatabase.in(dir);
        ledger = database.ledger();
        db = database.tables();
        SampleLedger.fill(ledger);
    }

    @AfterEach
    void closeLedger() throws SQLException {
        ledger.close();
        database.close();
    }

    @Test
    void cleanLedger_verifies_withTheLastEntryAsHead() throws Exception {
        VerifiedLedger verified = ledger.verify();

        assertThat(verified.size()).isEqualTo(SIZE);
        assertThat(db.indexes()).hasSize((int) SIZE).startsWith(0L).endsWith(LAST);
        assertThat(verified.headHash()).isEqualTo(db.entryHash(LAST)).isEqualTo(db.head().hash());
        assertThat(db.eventColumn(MIDDLE, "payload_type")).isEqualTo("RectificationSubmitted");
    }

    /** One tampering: what it does, and the index and check that verify must report. */
    record Tampering(String what, long index, String check, Change change) {
        @Override
        public String toString() {
            return what + " -> " + check + " at " + index;
        }
    }

    @FunctionalInterface
    interface Change {
        void apply(LedgerTables db) throws Exception;
    }

    static Stream<Tampering> tamperings() {
        return Stream.of(
                // One byte of each column of the middle event.
                new Tampering("event payload: one letter of a string value", MIDDLE, "entry-mismatch",
                        db -> flipEventBytes(db, "payload", "\"summary\":\"")),
                new Tampering("event meta_data: one letter of the trace id", MIDDLE, "entry-mismatch",
                        db -> flipEventBytes(db, "meta_data", "\"traceId\":\"")),
                new Tampering("event time_stamp: last millisecond digit", MIDDLE, "entry-mismatch",
                        db -> db.setEventColumn(MIDDLE, "time_stamp", OneByte.lastDigit(eventText(db, "time_stamp")))),
                new Tampering("event payload_type: case of its first letter", MIDDLE, "entry-mismatch",
                        db -> db.setEventColumn(MIDDLE, "payload_type", OneByte.firstLetter(eventText(db, "payload_type")))),
                new Tampering("event aggregate_identifier: hz-2 to Hz-2", MIDDLE, "entry-mismatch",
                        db -> db.setEventColumn(MIDDLE, "aggregate_identifier", OneByte.firstLetter(eventText(db, "aggregate_identifier")))),
                new Tampering("event sequence_number: one bit (2 to 66)", MIDDLE, "entry-mismatch",
                        db -> db.setEventColumn(MIDDLE, "sequence_number", ((Number) db.eventColumn(MIDDLE, "sequence_number")).longValue() ^ 0x40)),
                new Tampering("event type: Hazard to hazard", MIDDLE, "entry-mismatch",
                        db -> db.setEventColumn(MIDDLE, "type", OneByte.firstLetter(eventText(db, "type")))),
                new Tampering("event event_identifier: case of one hex letter", MIDDLE, "missing-event",
                        db -> db.setEventColumn(MIDDLE, "event_identifier", OneByte.firstLetter(eventText(db, "event_identifier")))),
                new Tampering("event payload_revision: null to \"1\"", MIDDLE, "entry-mismatch",
                        db -> db.setEventColumn(MIDDLE, "payload_revision", "1")),
                new Tampering("event payload: opening brace to bracket, no longer JSON", MIDDLE, "malformed-event",
                        db -> {
                            byte[] payload = eventBytes(db, "payload");
                            payload[0] = '[';
                            db.setEventColumn(MIDDLE, "payload", payload);
                        }),

                // The JSON columns must each hold exactly one JSON object.
                new Tampering("event payload: a member repeated with another value", MIDDLE, "malformed-event",
                        db -> db.setEventColumn(MIDDLE, "payload", replaceInPayload(db, "\"summary\":\"gasket replaced\"",
                                "\"summary\":\"gasket replaced\",\"summary\":\"nothing done\""))),
                new Tampering("event payload: an array, not an object", MIDDLE, "malformed-event",
                        db -> db.setEventColumn(MIDDLE, "payload", utf8("[1,2]"))),
                // deeper than any event the ledger writes, and than a reader's stack: refused, not a crash
                new Tampering("event payload: arrays nested 100,000 deep", MIDDLE, "malformed-event",
                        db -> db.setEventColumn(MIDDLE, "payload", replaceInPayload(db,
                                "\"summary\":\"gasket replaced\"",
                                "\"summary\":" + "[".repeat(100_000) + "]".repeat(100_000)))),
                new Tampering("event meta_data: objects nested 65 deep", MIDDLE, "malformed-event",
                        db -> db.setEventColumn(MIDDLE, "meta_data", utf8(text(eventBytes(db, "meta_data"))
                                .replaceFirst("\\{", "{\"deep\":" + "{\"a\":".repeat(64) + "1" + "}".repeat(64)
                                        + ",")))),
                // the key history is read before the scan: a key's event that does not read is its entry's failure
                new Tampering("event listed as a key's, its payload not JSON", MIDDLE, "malformed-event",
                        db -> {
                            db.update("INSERT INTO ledger_key_entry (ledger_index) VALUES (?)", MIDDLE);
                            db.setEventColumn(MIDDLE, "payload_type", "KeyRegistered");
                            byte[] payload = eventBytes(db, "payload");
                            payload[0] = '[';
                            db.setEventColumn(MIDDLE, "payload", payload);
                        }),
                new Tampering("event meta_data: a member spliced in after the object", MIDDLE, "malformed-event",
                        db -> db.setEventColumn(MIDDLE, "meta_data", utf8(text(eventBytes(db, "meta_data")) + ",\"injected\":1"))),
                new Tampering("event meta_data: NULL (read as {})", MIDDLE, "entry-mismatch",
                        db -> db.setEventColumn(MIDDLE, "meta_data", null)),

                // The entry row.
                new Tampering("entry bytes: one letter of the payload", MIDDLE, "entry-hash",
                        db -> {
                            byte[] before = db.entryBytes(MIDDLE);
                            byte[] after = OneByte.letterAfter(before, "\"summary\":\"");
                            assertThat(OneByte.differences(before, after)).isOne();
                            db.setEntryColumn(MIDDLE, "entry", after);
                        }),
                new Tampering("entry_hash: one hex digit", MIDDLE, "entry-hash",
                        db -> db.setEntryColumn(MIDDLE, "entry_hash", otherFirstDigit(db.entryHash(MIDDLE)))),
                new Tampering("entry aggregate_id: hz-2 to Hz-2", MIDDLE, "aggregate-mismatch",
                        db -> db.setEntryColumn(MIDDLE, "aggregate_id", "Hz-2")),
                new Tampering("entry event_type column: says HazardClosedOut", MIDDLE, "column-mismatch",
                        db -> db.setEntryColumn(MIDDLE, "event_type", "HazardClosedOut")),
                new Tampering("ledger_key_entry: lists an entry that is not a key's", MIDDLE, "key-index-mismatch",
                        db -> db.update("INSERT INTO ledger_key_entry (ledger_index) VALUES (?)", MIDDLE)),
                new Tampering("entry event_id: names no stored event", MIDDLE, "missing-event",
                        db -> db.setEntryColumn(MIDDLE, "event_id", OneByte.firstLetter(db.eventIdAt(MIDDLE)))),

                // Rows removed, swapped or added.
                new Tampering("event row deleted", MIDDLE, "missing-event",
                        db -> db.update("DELETE FROM ledger_domain_event WHERE event_identifier = ?", db.eventIdAt(MIDDLE))),
                new Tampering("entry row deleted in the middle", MIDDLE, "missing-entry",
                        db -> db.update("DELETE FROM ledger_entry WHERE ledger_index = ?", MIDDLE)),
                new Tampering("first entry row deleted", 0, "missing-entry",
                        db -> db.update("DELETE FROM ledger_entry WHERE ledger_index = 0")),
                new Tampering("last entry row deleted", LAST, "missing-entry",
                        db -> db.update("DELETE FROM ledger_entry WHERE ledger_index = ?", LAST)),
                new Tampering("entry bytes and hash of 5 and 16 swapped", 5, "entry-mismatch",
                        db -> swapEntries(db, 5, 16)),
                new Tampering("payloads of the events of 10 and 15 swapped (both RectificationPlanned)", 10, "entry-mismatch",
                        db -> {
                            Object ten = db.eventColumn(10, "payload");
                            db.setEventColumn(10, "payload", db.eventColumn(15, "payload"));
                            db.setEventColumn(15, "payload", ten);
                        }),
                new Tampering("extra event row that no entry records", SIZE, "unledgered-events",
                        db -> db.update(ForgedRows.INSERT_EVENT_LIKE, "hz-5", 1L, "forged-event", db.eventIdAt(LAST))),
                new Tampering("ledger_key_entry: lists the index the next entry will take", SIZE, "beyond-head",
                        db -> db.update("INSERT INTO ledger_key_entry (ledger_index) VALUES (?)", SIZE)),
                new Tampering("well-formed event and entry forged beyond the head", SIZE, "beyond-head",
                        db -> ForgedRows.appendBeyondTheHead(db, SIZE)),
                // Rows below the first index: read first, in ascending order, so the first row is not index 0.
                new Tampering("well-formed event and entry forged at index -1", 0, "missing-entry",
                        ForgedRows::forgeBeforeTheFirst),
                new Tampering("ledger_key_entry: lists index -1", 0, "key-index-mismatch",
                        db -> db.update("INSERT INTO ledger_key_entry (ledger_index) VALUES (?)", -1L)),
                // MIDDLE is odd: the entry completes a Merkle node, which was stored from its original hash.
                new Tampering("entry and event rewritten consistently, hash recomputed", MIDDLE, "merkle-node-mismatch",
                        TamperedLedgerTest::rewriteMiddleConsistently),

                // The stored Merkle tree: node (2, 1) covers leaves 4..7 and is completed by entry 7.
                new Tampering("Merkle node hash changed", 7, "merkle-node-mismatch",
                        db -> db.update("UPDATE merkle_node SET hash = ? WHERE level = 2 AND node_index = 1", "0".repeat(64))),
                // the same digits in upper case, and one digit fewer: a stored node is its hash's lower-case hex
                new Tampering("Merkle node hash in upper case", 7, "merkle-node-mismatch",
                        db -> db.update("UPDATE merkle_node SET hash = UPPER(hash) WHERE level = 2 AND node_index = 1")),
                new Tampering("Merkle node hash one digit short", 7, "merkle-node-mismatch",
                        db -> db.update("UPDATE merkle_node SET hash = LEFT(hash, 63) WHERE level = 2 AND node_index = 1")),
                new Tampering("Merkle node deleted", 7, "merkle-node-mismatch",
                        db -> db.update("DELETE FROM merkle_node WHERE level = 2 AND node_index = 1")),
                // SIZE is odd: the next entry, at SIZE, completes node (1, SIZE / 2); forged before it, that append
                // would fail on the node's key
                new Tampering("Merkle node forged at the index the next entry will take", SIZE, "beyond-head",
                        db -> db.update("INSERT INTO merkle_node (level, node_index, hash, leaf_index) VALUES (1, ?, ?, ?)",
                                SIZE / 2, "0".repeat(64), SIZE)),

                // The chain head.
                new Tampering("head hash: one hex digit", LAST, "head-mismatch",
                        db -> db.update("UPDATE ledger_head SET head_hash = ?", otherFirstDigit(db.head().hash()))),
                new Tampering("head size one more than stored", SIZE, "missing-entry",
                        db -> db.update("UPDATE ledger_head SET size = size + 1")),
                new Tampering("head size one less, hash left", LAST, "beyond-head",
                        db -> db.update("UPDATE ledger_head SET size = size - 1")),
                new Tampering("head moved back consistently to the entry before the last", LAST, "beyond-head",
                        db -> db.update("UPDATE ledger_head SET size = ?, head_hash = ?", LAST, db.entryHash(LAST - 1))),
                new Tampering("head reset to an empty ledger", 0, "beyond-head",
                        db -> db.update("UPDATE ledger_head SET size = 0, head_hash = ?", Hashes.ZERO_HASH)),
                new Tampering("head row deleted", 0, "head-missing",
                        db -> db.update("DELETE FROM ledger_head")),
                new Tampering("head size negative", 0, "head-missing",
                        db -> db.update("UPDATE ledger_head SET size = -5")),
                new Tampering("last entry and head truncated together, its event left", LAST, "unledgered-events",
                        db -> {
                            String lastButOne = db.entryHash(LAST - 1);
                            db.update("DELETE FROM ledger_entry WHERE ledger_index = ?", LAST);
                            db.update("UPDATE ledger_head SET size = ?, head_hash = ?", LAST, lastButOne);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tampering_isCaughtAtTheFirstIndexItBreaks(Tampering tampering) throws Exception {
        ledger.verify();

        tampering.change().apply(db);

        assertThatExceptionOfType(LedgerIntegrityException.class)
                .isThrownBy(ledger::verify)
                .satisfies(e -> {
                    assertThat(e.index()).as("index, in: %s", e.getMessage()).isEqualTo(tampering.index());
                    assertThat(e.check()).as("check, in: %s", e.getMessage()).isEqualTo(tampering.check());
                });
    }

    /**
     * The same tamperings, read three entries, events and leaves' Merkle nodes a query: the 23 entries cross the
     * chunks' boundaries, and three chunks of events read ahead without an entry's event make it looked up by its id.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tampering_isCaughtAtTheSameIndex_whenReadInSmallChunks(Tampering tampering) throws Exception {
        LedgerStore store = readInChunksOf(3);
        store.verify();

        tampering.change().apply(db);

        assertThatExceptionOfType(LedgerIntegrityException.class)
                .isThrownBy(store::verify)
                .satisfies(e -> {
                    assertThat(e.index()).as("index, in: %s", e.getMessage()).isEqualTo(tampering.index());
                    assertThat(e.check()).as("check, in: %s", e.getMessage()).isEqualTo(tampering.check());
                });
    }

    /**
     * Bytes of a payload changed into bytes that are not UTF-8, where its text held U+FFFD: read leniently they would
     * decode to that same character, and the entry would still match. Axon reads such bytes otherwise (it refuses
     * 0xFF; it reads the overlong C1 81 as "A"), so the event is not what its entry says: malformed at its index.
     */
    @Test
    void payloadBytesThatAreNotUtf8_areMalformed_whereTheTextHeldAReplacementCharacter() throws Exception {
        long index = ledger.execute(new io.hazardledger.hazard.ReportHazard("hz-fffd",
                io.hazardledger.TestLedgers.ENTERPRISE, io.hazardledger.hazard.HazardLevel.GENERAL,
                io.hazardledger.hazard.HazardSource.SELF_INSPECTION, null, "labels", "Drum store",
                "Label unreadable: \uFFFD\uFFFD, drawn on it: \uD83D\uDCA9", null,
                java.time.Instant.parse("2026-11-01T08:00:00Z"), io.hazardledger.TestLedgers.REPORTER, List.of()))
                .index();
        ledger.verify();
        byte[] stored = (byte[]) db.eventColumn(index, "payload");
        String text = new String(stored, StandardCharsets.UTF_8);
        byte[] twoReplaced = "\uFFFD\uFFFD".getBytes(StandardCharsets.UTF_8);
        // Jackson writes a character beyond the BMP as the escapes of its two halves (JsonWriteFeature's
        // COMBINE_UNICODE_SURROGATES_IN_UTF8 is off)
        String escaped = text.contains("\\uDCA9") ? "\\uDCA9" : "\\udca9";
        assertThat(text).as("the pair as stored").contains(escaped);
        List<byte[]> tamperings = List.of(
                replaced(stored, twoReplaced, new byte[]{(byte) 0xFF, (byte) 0xFE}),   // bytes no UTF-8 text holds
                replaced(stored, twoReplaced, new byte[]{(byte) 0xC1, (byte) 0x81}),   // "A", overlong: Jackson's "A"
                // the escape of the pair's second half replaced by one byte, A9: escaped as U+DCA9 (as Python's
                // "surrogateescape" does), it would complete the pair again
                replaced(stored, escaped.getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xA9}));
        for (int k = 0; k < tamperings.size(); k++) {
            byte[] tampered = tamperings.get(k);
            if (k < 2) {
                assertThat(new String(tampered, StandardCharsets.UTF_8)).as("read leniently, the same text")
                        .isEqualTo(text);
            }
            db.setEventColumn(index, "payload", tampered);
            int at = text.indexOf(k < 2 ? "\uFFFD" : escaped);
            assertThatExceptionOfType(LedgerIntegrityException.class).isThrownBy(ledger::verify).satisfies(e -> {
                assertThat(e.index()).as(e.getMessage()).isEqualTo(index);
                assertThat(e.check()).as(e.getMessage()).isEqualTo("malformed-event");
                assertThat(e.getMessage()).contains("has payload that is not UTF-8 JSON text: it holds a byte that "
                        + "is not UTF-8 (or a raw U+0000) at character " + at);
            });
            assertThatExceptionOfType(LedgerIntegrityException.class).isThrownBy(readInChunksOf(3)::verify)
                    .satisfies(e -> assertThat(e.index()).isEqualTo(index));
        }
        db.setEventColumn(index, "payload", stored);
        ledger.verify();
    }

    /** {@code bytes} with the first occurrence of {@code what} replaced by {@code with}. */
    private static byte[] replaced(byte[] bytes, byte[] what, byte[] with) {
        for (int at = 0; at + what.length <= bytes.length; at++) {
            if (java.util.Arrays.equals(bytes, at, at + what.length, what, 0, what.length)) {
                byte[] out = new byte[bytes.length - what.length + with.length];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(with, 0, out, at, with.length);
                System.arraycopy(bytes, at + what.length, out, at + with.length, bytes.length - at - what.length);
                return out;
            }
        }
        throw new AssertionError("not found");
    }

    /** Events are read in their own order and matched to entries by id: an event stored last still verifies. */
    @Test
    void firstEventStoredAfterAllOthers_stillVerifies_inChunksOrNot() throws Exception {
        long last = ((Number) db.eventColumn(LAST, "global_index")).longValue();
        db.update("UPDATE ledger_domain_event SET global_index = ? WHERE event_identifier = ?", last + 1000, db.eventIdAt(0));

        assertThat(ledger.verify().size()).isEqualTo(SIZE);
        assertThat(readInChunksOf(3).verify().size()).isEqualTo(SIZE);
        assertThat(readInChunksOf(1).verify().size()).isEqualTo(SIZE);
    }

    /**
     * Two breaks in different chunks: the first is reported, though the chunks after it were read and prepared while
     * it was checked. One is found when a chunk is prepared (an entry's bytes), the other when it is checked in order
     * (a Merkle node), each before the other in turn.
     */
    @Test
    void twoBreaks_inDifferentChunks_theFirstIsReported() throws Exception {
        db.update("DELETE FROM merkle_node WHERE level = 2 AND node_index = 1"); // completed by entry 7
        db.setEntryColumn(MIDDLE, "entry_hash", otherFirstDigit(db.entryHash(MIDDLE)));
        String second = db.entryHash(2);
        db.setEntryColumn(2, "entry_hash", otherFirstDigit(second));
        db.setEntryColumn(LAST, "entry_hash", otherFirstDigit(db.entryHash(LAST)));

        for (int chunk : new int[] {1, 2, 3, 5}) {
            assertThatExceptionOfType(LedgerIntegrityException.class).isThrownBy(readInChunksOf(chunk)::verify)
                    .satisfies(e -> assertThat(e.index() + " " + e.check()).as("chunks of %d", chunk).isEqualTo("2 entry-hash"));
        }
        db.setEntryColumn(2, "entry_hash", second);
        for (int chunk : new int[] {1, 2, 3, 5}) {
            assertThatExceptionOfType(LedgerIntegrityException.class).isThrownBy(readInChunksOf(chunk)::verify)
                    .satisfies(e -> assertThat(e.index() + " " + e.check()).as("chunks of %d", chunk)
                            .isEqualTo("7 merkle-node-mismatch"));
        }
    }

    /**
     * A break in one chunk, and the next chunk cannot be read (an event row without its aggregate, as a damaged page
     * could give): the break is still reported, though the next chunk is read before it is checked.
     */
    @Test
    void aBreak_isReported_thoughTheChunkAfterItCannotBeRead() throws Exception {
        db.update("ALTER TABLE ledger_domain_event ALTER COLUMN aggregate_identifier DROP NOT NULL");
        db.update("UPDATE ledger_domain_event SET aggregate_identifier = NULL WHERE event_identifier = ?", db.eventIdAt(10));
        assertThatThrownBy(readInChunksOf(3)::verify).as("the unreadable chunk alone").isNotInstanceOf(LedgerIntegrityException.class);

        db.setEntryColumn(7, "entry_hash", otherFirstDigit(db.entryHash(7))); // chunks of 3: entry 7 is read before 10

        assertThatExceptionOfType(LedgerIntegrityException.class).isThrownBy(readInChunksOf(3)::verify)
                .satisfies(e -> assertThat(e.index() + " " + e.check()).isEqualTo("7 entry-hash"));
    }

    /**
     * The reading alone that the benchmark harness sets beside a verification reads every entry with its event and
     * every stored Merkle node, whatever the chunks (one a query up to more than the ledger holds).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3, 7, 1000})
    void readOnly_readsEveryEntryEventAndMerkleNode_acrossChunks(int chunk) throws Exception {
        long nodes = db.count("merkle_node");

        assertThat(readInChunksOf(chunk).readOnly()).isEqualTo(new LedgerStore.Read(SIZE, SIZE, nodes));
        assertThat(nodes).isEqualTo(SIZE - Long.bitCount(SIZE));
    }

    private LedgerStore readInChunksOf(int chunk) {
        return new LedgerStore(database.dataSource(), LedgerSerializer.forEvents(), List.of(), chunk);
    }

    /** An entry commits to the value of its payload, not the column's bytes (docs/FORMAT.md, section 6). */
    @Test
    void payloadReformattedWithoutChangingItsValue_stillVerifies() throws Exception {
        db.setEventColumn(MIDDLE, "payload", replaceInPayload(db, "\"summary\":\"gasket replaced\"",
                "\"summary\" :  \"gasket r\\u0065placed\"\n"));

        assertThat(ledger.verify().size()).isEqualTo(SIZE);
    }

    /**
     * Flips one letter of the middle event's payload and the same letter of its entry, and stores the new entry
     * hash: entry 11 verifies on its own, but entry 12 was chained to the old hash.
     */
    private static void rewriteMiddleConsistently(LedgerTables db) throws SQLException {
        db.setEventColumn(MIDDLE, "payload", OneByte.letterAfter(eventBytes(db, "payload"), "\"summary\":\""));
        byte[] entry = OneByte.letterAfter(db.entryBytes(MIDDLE), "\"summary\":\"");
        db.setEntryColumn(MIDDLE, "entry", entry);
        db.setEntryColumn(MIDDLE, "entry_hash", Hashes.leafHash(entry));
    }

    private static void flipEventBytes(LedgerTables db, String column, String marker) throws SQLException {
        byte[] before = eventBytes(db, column);
        byte[] after = OneByte.letterAfter(before, marker);
        assertThat(OneByte.differences(before, after)).as("bytes changed").isOne();
        db.setEventColumn(MIDDLE, column, after);
    }

    private static void swapEntries(LedgerTables db, long a, long b) throws SQLException {
        byte[] aBytes = db.entryBytes(a);
        String aHash = db.entryHash(a);
        db.setEntryColumn(a, "entry", db.entryBytes(b));
        db.setEntryColumn(a, "entry_hash", db.entryHash(b));
        db.setEntryColumn(b, "entry", aBytes);
        db.setEntryColumn(b, "entry_hash", aHash);
    }

    private static byte[] eventBytes(LedgerTables db, String column) throws SQLException {
        return (byte[]) db.eventColumn(MIDDLE, column);
    }

    private static String eventText(LedgerTables db, String column) throws SQLException {
        return (String) db.eventColumn(MIDDLE, column);
    }

    private static byte[] replaceInPayload(LedgerTables db, String target, String replacement) throws SQLException {
        String payload = text(eventBytes(db, "payload"));
        assertThat(payload).contains(target);
        return utf8(payload.replace(target, replacement));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String otherFirstDigit(String hex) {
        return (hex.charAt(0) == '0' ? '1' : '0') + hex.substring(1);
    }
}
