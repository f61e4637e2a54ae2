package io.hazardledger.store;

import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.MerkleHash;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's tables read and written through plain JDBC, behind the ledger's back: what tests inspect
 * after a write, and how tamper tests damage the database. Each call runs on its own auto-commit connection.
 */
public final class LedgerTables {

    /** The projections with the key they are ordered by, so that two snapshots compare row by row. */
    private static final Map<String, String> PROJECTIONS = Map.of(
            "enterprise_view", "enterprise_id", "person_view", "person_id", "hazard_view", "hazard_id",
            "weekly_fact", "ledger_index");

    private final DataSource dataSource;

    public LedgerTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The chain head row. */
    public record Head(long size, String hash) {
    }

    /** How many rows each table holds, and the chain head. */
    public record Counts(long events, long entries, long hazards, long people, long enterprises, Head head) {
    }

    public Counts counts() throws SQLException {
        return new Counts(count("ledger_domain_event"), count("ledger_entry"), count("hazard_view"),
                count("person_view"), count("enterprise_view"), head());
    }

    public long count(String table) throws SQLException {
        return ((Number) scalar("SELECT COUNT(*) FROM " + table)).longValue();
    }

    public Head head() throws SQLException {
        List<List<Object>> rows = query("SELECT size, head_hash FROM ledger_head WHERE id = 1");
        return new Head(((Number) rows.get(0).get(0)).longValue(), (String) rows.get(0).get(1));
    }

    /** Every row of every projection, in key order, each row rendered as {@code column=value|…}. */
    public Map<String, List<String>> projections() throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : List.of("enterprise_view", "person_view", "hazard_view", "weekly_fact")) {
            out.put(table, rendered("SELECT * FROM " + table + " ORDER BY " + PROJECTIONS.get(table)));
        }
        return out;
    }

    /** The ledger indexes stored, in order. */
    public List<Long> indexes() throws SQLException {
        return query("SELECT ledger_index FROM ledger_entry ORDER BY ledger_index").stream()
                .map(r -> ((Number) r.get(0)).longValue()).toList();
    }

    public String entryHash(long index) throws SQLException {
        return (String) scalar("SELECT entry_hash FROM ledger_entry WHERE ledger_index = ?", index);
    }

    public byte[] entryBytes(long index) throws SQLException {
        return (byte[]) scalar("SELECT entry FROM ledger_entry WHERE ledger_index = ?", index);
    }

    /** The id of the event that the entry at {@code index} records. */
    public String eventIdAt(long index) throws SQLException {
        return (String) scalar("SELECT event_id FROM ledger_entry WHERE ledger_index = ?", index);
    }

    /** One column of the event that the entry at {@code index} records: byte[], String or Long as stored. */
    public Object eventColumn(long index, String column) throws SQLException {
        return scalar("SELECT " + column + " FROM ledger_domain_event WHERE event_identifier = ?", eventIdAt(index));
    }

    /** Overwrites one column of the event that the entry at {@code index} records. */
    public void setEventColumn(long index, String column, Object value) throws SQLException {
        int n = update("UPDATE ledger_domain_event SET " + column + " = ? WHERE event_identifier = ?", value, eventIdAt(index));
        if (n != 1) {
            throw new IllegalStateException("updated " + n + " event rows for entry " + index);
        }
    }

    /**
     * Replaces text in a bytes column ({@code payload}, {@code meta_data}) of the event that the entry at
     * {@code index} records, read and written back from Java so that it works on every store.
     */
    public void replaceInEvent(long index, String column, String from, String to) throws SQLException {
        String stored = new String((byte[]) eventColumn(index, column), java.nio.charset.StandardCharsets.UTF_8);
        if (!stored.contains(from)) {
            throw new IllegalStateException(column + " of entry " + index + " holds no '" + from + "'");
        }
        setEventColumn(index, column, stored.replace(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Overwrites one column of the entry row at {@code index}. */
    public void setEntryColumn(long index, String column, Object value) throws SQLException {
        int n = update("UPDATE ledger_entry SET " + column + " = ? WHERE ledger_index = ?", value, index);
        if (n != 1) {
            throw new IllegalStateException("updated " + n + " entry rows at index " + index);
        }
    }

    public Object scalar(String sql, Object... params) throws SQLException {
        List<List<Object>> rows = query(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException(rows.size() + " rows for " + sql);
        }
        return rows.get(0).get(0);
    }

    /** Each row rendered as {@code column=value|…}; values through {@code getString}. */
    public List<String> rendered(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(md.getColumnLabel(i).toLowerCase()).append('=').append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    public List<List<Object>> query(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    public int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** Takes the chain head row lock on {@code c}, as a writer does; it holds until {@code c} ends its transaction. */
    public void lockHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT size FROM ledger_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
        }
    }

    /**
     * Waits until {@code n} sessions wait for a lock that {@code holder}'s session holds (H2's
     * {@code INFORMATION_SCHEMA.SESSIONS.BLOCKER_ID}, PostgreSQL's {@code pg_blocking_pids}). Bounded: fails after 8
     * seconds, below H2's lock timeout.
     */
    public void awaitWaitingFor(Connection holder, int n) throws SQLException {
        boolean postgres = holder.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        long session;
        try (PreparedStatement ps = holder.prepareStatement(postgres ? "SELECT pg_backend_pid()" : "SELECT SESSION_ID()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            session = rs.getLong(1);
        }
        // On PostgreSQL a second writer of the same aggregate may wait for the first one's uncommitted event row
        // rather than for the holder itself: there, count the sessions of this database that wait for any lock, the
        // holder's or one that waits for it (the holder keeps its lock, so every such wait leads back to it).
        String waiting = postgres
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND cardinality(pg_blocking_pids(pid)) > 0 AND CAST(? AS INTEGER) IS NOT NULL"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = ?";
        long deadline = System.nanoTime() + 8_000_000_000L;
        while (((Number) scalar(waiting, session)).intValue() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(n + " sessions did not come to wait for session " + session);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Rewrites the entries from {@code first} on from their events as the ledger writes them, each linked to the one
     * before, then every Merkle node and the head: a change that the entries' links and nodes alone cannot show (what
     * someone who can write the database does to make an edited event verify).
     */
    public void rewriteFrom(long first) throws SQLException, EntryCodec.MalformedEntryException {
        long size = head().size();
        for (long i = first; i < size; i++) {
            List<Object> e = query("SELECT event_identifier, type, aggregate_identifier, sequence_number, "
                    + "payload_type, payload_revision, time_stamp, meta_data, payload FROM ledger_domain_event "
                    + "WHERE event_identifier = ?", eventIdAt(i)).get(0);
            EntryContent content = new EntryContent((String) e.get(0), (String) e.get(1), (String) e.get(2),
                    ((Number) e.get(3)).longValue(), (String) e.get(4), (String) e.get(5), (String) e.get(6),
                    new String((byte[]) e.get(7), StandardCharsets.UTF_8),
                    new String((byte[]) e.get(8), StandardCharsets.UTF_8));
            byte[] entry = EntryCodec.encode(i, i == 0 ? Hashes.ZERO_HASH : entryHash(i - 1), content);
            update("UPDATE ledger_entry SET entry = ?, entry_hash = ? WHERE ledger_index = ?", entry,
                    Hashes.leafHash(entry), i);
        }
        // every node, as the ledger stores them: each with the leaf that completes it (section 13.3)
        update("DELETE FROM merkle_node");
        for (long leaf = 0; leaf < size; leaf++) {
            // the leaf completes the node above each level at which its subtree is a right child
            for (int level = 1; ((leaf >> (level - 1)) & 1) == 1; level++) {
                long index = leaf >> level;
                update("INSERT INTO merkle_node (level, node_index, hash, leaf_index) VALUES (?, ?, ?, ?)", level,
                        index, rootOf(index << level, 1L << level), leaf);
            }
        }
        update("UPDATE ledger_head SET head_hash = ? WHERE id = 1", entryHash(size - 1));
    }

    /**
     * Cuts the ledger short to its first {@code size} entries, as someone who can write the database would: the later
     * entries with their events, key listings and Merkle nodes deleted, the head set back to the last entry kept.
     * Every link that remains holds.
     */
    public void cutTo(long size) throws SQLException {
        for (String id : query("SELECT event_id FROM ledger_entry WHERE ledger_index >= ?", size).stream()
                .map(r -> (String) r.get(0)).toList()) {
            update("DELETE FROM ledger_domain_event WHERE event_identifier = ?", id);
        }
        update("DELETE FROM ledger_entry WHERE ledger_index >= ?", size);
        update("DELETE FROM ledger_key_entry WHERE ledger_index >= ?", size);
        update("DELETE FROM merkle_node WHERE leaf_index >= ?", size);
        update("UPDATE ledger_head SET size = ?, head_hash = ? WHERE id = 1", size,
                size == 0 ? Hashes.ZERO_HASH : entryHash(size - 1));
    }

    /** The Merkle root (hex) over the entries below {@code size}, from their stored hashes (RFC 9162, 2.1.1). */
    public String rootOf(long size) throws SQLException {
        return rootOf(0, size);
    }

    /** The root (hex) of the {@code count} leaves from {@code from}. */
    private String rootOf(long from, long count) throws SQLException {
        List<byte[]> leaves = new ArrayList<>();
        for (long i = from; i < from + count; i++) {
            leaves.add(HexFormat.of().parseHex(entryHash(i)));
        }
        return HexFormat.of().formatHex(root(leaves));
    }

    private static byte[] root(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleHash.node(root(leaves.subList(0, k)), root(leaves.subList(k, leaves.size())));
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
