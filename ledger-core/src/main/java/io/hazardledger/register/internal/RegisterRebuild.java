package io.hazardledger.register.internal;

import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.internal.Sql;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay into {@code hazard_view}: each hazard's row is folded in memory ({@link HazardRow}, the fold behind the
 * history too) and written once, where it differs from the stored row; the rows of hazards the ledger never reports are
 * deleted. The live path changes a hazard's row at each of its events (four or five in a closed loop), each change
 * rewriting the row and its indexes; a replay over a register that is right now changes no row at all.
 *
 * <p>The register's history ({@code hazard_version}, folded from the entries when a question as of an earlier position
 * needs it) is kept when the stored versions are exactly those the entries below {@code hazard_version_head} make,
 * compared as a digest of every row; otherwise it is forgotten, as a replay did before, and folded again when asked:
 * its rows deleted count among the rows that differed (a digest cannot say which rows differ, only that some do).
 *
 * <p>At most {@code capacity} rows are kept in memory: the ones changed least recently are written first (compared
 * as at the end), and read back if one of their hazard's events comes later, to be written again after it. Besides
 * them it keeps every hazard's id (and, for the history, its latest version's index) in arrays: memory that grows with
 * the number of hazards, two bytes a character of its id and about 30 more, up to twice that as the arrays grow.
 */
final class RegisterRebuild implements Projection.Rebuild {

    /** Rows kept in memory: a hazard's events mostly follow each other within a few thousand entries. */
    static final int ROWS = 8_192;
    /** Rows written (and their stored rows read) a statement. */
    private static final int BATCH = 256;
    /** Versions digested a batch. */
    private static final int DIGESTED = 2_048;
    /**
     * Stored versions read a query: on H2 rows, on PostgreSQL first indexes (the versions of hazards reported in a
     * range of 2,000 entries). A query's rows are all held in memory until read (H2's result, PostgreSQL's driver):
     * on H2 2,000 rows, a few MB, are read before a young collection ends them, where 20,000 outlived several and
     * filled the old generation, which the collector then marked again.
     */
    private static final int VERSIONS_READ = 2_000;

    /** Every column but the key (the first), then the key. */
    private static final String UPDATE = "UPDATE hazard_view SET "
            + HazardRow.COLUMNS.substring(HazardRow.COLUMNS.indexOf(',') + 2).replace(",", " = ?,")
            + " = ? WHERE hazard_id = ?";

    private final Connection c;
    private final int capacity;
    /** The park's time zone, in which a submission's day is told. */
    private final java.time.ZoneId zone;
    /** The stored versions reach the entries below this one: the versions those entries make, as a digest. */
    private final long folded;
    /** The versions the entries below {@code folded} make, digested on a thread of their own as they are folded. */
    private final HazardVersions.Digesting versions;
    /**
     * The stored versions' digest, read meanwhile on a thread and a connection of its own (the versions do not change
     * while the replay holds their head row's lock); the reading is {@code claimed} by that thread once it has its
     * connection, or by {@link #finish} on the replay's own when it comes first (a pool with no connection to spare).
     */
    private final java.util.concurrent.CompletableFuture<HazardVersions.Digest> storedVersions;
    private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * Every hazard the entries so far report, numbered in the order reported (ids in arrays, not a few objects each:
     * a replay keeps them to its end, hundreds of thousands at a million entries).
     */
    private final io.hazardledger.store.internal.KeySlots reported = new io.hazardledger.store.internal.KeySlots();
    /** Of hazard {@code n} with a version below {@code folded}, its latest version's entry plus one (0: none). */
    private long[] latestVersion = new long[1 << 4];
    /** The rows not written yet, the one changed least recently first. */
    private final LinkedHashMap<String, HazardRow> pending = new LinkedHashMap<>(16, 0.75f, true);
    /** The rows that differed from what the entries make: inserted, updated or deleted, each hazard once. */
    private long changed;
    /**
     * The hazards whose stored row was written over in passing (when their row left memory before their last event),
     * with the fingerprint of the row stored before the replay ({@link #NO_ROW}: none): whether such a row differed is
     * known only at the end, by comparing the row finally stored with it.
     */
    private final Map<String, Long> writtenInPassing = new HashMap<>();
    private static final long NO_ROW = 0;
    /** The rows' fingerprints: keyed, as the digests are, so that no altered row can be made to match one. */
    private final HazardVersions.Digest fingerprints = new HazardVersions.Digest();
    /** The entries fed so far. */
    private long entries;
    /**
     * Whether no row was stored when the replay began (a register emptied, a new store): then the only stored rows are
     * those this replay writes in passing, and nothing else needs to be looked up, compared or deleted.
     */
    private final boolean startedEmpty;

    RegisterRebuild(Connection c, int capacity, long folded, ConnectionProvider connections, java.time.ZoneId zone)
            throws SQLException {
        this(c, capacity, folded, connections, zone, DIGESTED);
    }

    /** As the other constructor, the history's versions digested {@code digested} a batch. */
    RegisterRebuild(Connection c, int capacity, long folded, ConnectionProvider connections, java.time.ZoneId zone,
                    int digested) throws SQLException {
        if (capacity < 1) {
            throw new IllegalArgumentException("at least one row is kept in memory, not " + capacity);
        }
        this.c = c;
        try (PreparedStatement any = c.prepareStatement("SELECT hazard_id FROM hazard_view LIMIT 1");
             ResultSet rs = any.executeQuery()) {
            this.startedEmpty = !rs.next();   // the replay holds the ledger head's lock: no writer changes it now
        }
        this.capacity = capacity;
        this.zone = zone;
        this.folded = folded;
        this.versions = new HazardVersions.Digesting(digested);
        this.storedVersions = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (Connection own = connections.getConnection()) {
                return claimed.compareAndSet(false, true) ? HazardVersions.Digest.stored(own, folded, VERSIONS_READ)
                        : null;
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, task -> {
            Thread reader = new Thread(task, "ledger-replay-history");
            reader.setDaemon(true);
            reader.start();
        });
    }

    @Override
    public void apply(RecordedEvent ev) throws SQLException {
        entries = ev.index() + 1;
        HazardRow made = HazardRow.reported(ev);
        int hazard;
        if (made != null) {
            if (made.hazardId() == null) {
                throw new SQLException("entry " + ev.index() + " reports a hazard without an id", "23502");
            }
            if (reported.find(made.hazardId()) >= 0) {
                // the live path's insert would break the row's key, and with it the replay
                throw new SQLException("hazard " + made.hazardId() + " is reported again at entry " + ev.index(),
                        "23505");
            }
            int n = reported.add(made.hazardId());
            if (latestVersion.length <= n) {
                latestVersion = java.util.Arrays.copyOf(latestVersion, latestVersion.length * 2);
            }
            pending.put(made.hazardId(), made);
            version(n, made, ev.index());
        } else if (HazardRow.changes(ev.payload()) && (hazard = reported.find(ev.aggregateId())) >= 0) {
            // (an event of a hazard not reported before it changes no row, as the live path's update changes none)
            HazardRow before = pending.get(ev.aggregateId());
            if (before == null) {
                before = stored(ev.aggregateId());   // written when it left memory
            }
            HazardRow after = before.after(ev, zone);
            pending.put(ev.aggregateId(), after);
            version(hazard, after, ev.index());
        } else {
            return;
        }
        if (pending.size() > capacity) {
            int leaving = Math.min(BATCH, Math.max(1, capacity / 2));
            List<HazardRow> oldest = new ArrayList<>(leaving);
            Iterator<HazardRow> it = pending.values().iterator();
            while (oldest.size() < leaving && it.hasNext()) {
                oldest.add(it.next());
                it.remove();
            }
            write(oldest, true);
        }
    }

    /** A replay that does not finish: the thread does not read the history if it has not started to. */
    @Override
    public void abort() {
        claimed.set(true);
        versions.abort();
    }

    @Override
    public long finish() throws SQLException {
        try {
            return finishRows();
        } finally {
            versions.abort();   // its thread ends however this ends (a history beyond the ledger never takes the digest)
        }
    }

    private long finishRows() throws SQLException {
        List<HazardRow> rows = new ArrayList<>(pending.values());
        pending.clear();
        for (int from = 0; from < rows.size(); from += BATCH) {
            write(rows.subList(from, Math.min(rows.size(), from + BATCH)), false);
        }
        changed += differFromBefore();
        if (!startedEmpty) {
            changed += deleteUnreported();
        }
        for (int n = 0; n < reported.size(); n++) {
            if (latestVersion[n] != 0) {
                versions.end(reported.id(n), latestVersion[n] - 1, HazardVersions.CURRENT);
            }
        }
        // (a history said to reach beyond the ledger would never fold the entries appended up to there)
        if (folded == HazardVersions.MISSING || folded > entries || !storedDigest().sameAs(versions.finish())) {
            // folded again from the first entry when next asked; until then, questions as of an earlier position were
            // answered from rows the entries do not make: each row deleted counts, and the head's reach set back (or
            // its row written again)
            changed += HazardVersions.reset(c) + (folded != 0 ? 1 : 0);
        }
        return changed;
    }

    /** Deletes the stored rows of hazards the entries never reported; how many. */
    private long deleteUnreported() throws SQLException {
        List<String> unreported = new ArrayList<>();
        // every stored row's key, in key order, as many a query as rows are kept in memory (a large result H2 copies
        // to disk first)
        try (PreparedStatement first = c.prepareStatement("SELECT hazard_id FROM hazard_view ORDER BY hazard_id "
                + "LIMIT " + capacity);
             PreparedStatement next = c.prepareStatement("SELECT hazard_id FROM hazard_view WHERE hazard_id > ? "
                + "ORDER BY hazard_id LIMIT " + capacity)) {
            String after = null;
            for (int read = capacity; read == capacity; ) {
                if (after != null) {
                    next.setString(1, after);
                }
                read = 0;
                try (ResultSet rs = (after == null ? first : next).executeQuery()) {
                    while (rs.next()) {
                        after = rs.getString(1);
                        read++;
                        if (reported.find(after) < 0) {
                            unreported.add(after);
                        }
                    }
                }
            }
        }
        if (!unreported.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hazard_view WHERE hazard_id = ?")) {
                for (String id : unreported) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return unreported.size();
    }

    private HazardVersions.Digest storedDigest() throws SQLException {
        if (claimed.compareAndSet(false, true)) {
            return HazardVersions.Digest.stored(c, folded, VERSIONS_READ);
        }
        try {
            return storedVersions.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw new SQLException("could not read the stored hazard versions: " + cause.getMessage(),
                        cause.getSQLState(), cause);
            }
            throw e;
        }
    }

    /** The version the entry at {@code index} makes (of hazard {@code n}), if the stored versions reach it. */
    private void version(int n, HazardRow row, long index) {
        if (index < folded) {
            versions.row(row.valuesShared());
            if (latestVersion[n] != 0) {
                versions.end(row.hazardId(), latestVersion[n] - 1, index);
            }
            latestVersion[n] = index + 1;
        }
    }

    /**
     * Writes the rows that differ from the stored ones: inserted where none is stored, updated where one differs.
     * {@code inPassing}: the rows leave memory, and their hazards may change again.
     */
    private void write(List<HazardRow> rows, boolean inPassing) throws SQLException {
        Map<String, HazardRow> stored = storedRows(rows.stream().map(HazardRow::hazardId)
                .filter(id -> !startedEmpty || writtenInPassing.containsKey(id)).toList());
        List<HazardRow> inserts = new ArrayList<>();
        List<HazardRow> updates = new ArrayList<>();
        long counted = 0;
        for (HazardRow row : rows) {
            HazardRow was = stored.get(row.hazardId());
            if (was != null && was.sameAs(row)) {
                continue;
            }
            (was == null ? inserts : updates).add(row);
            if (inPassing) {
                writtenInPassing.putIfAbsent(row.hazardId(), was == null ? NO_ROW : fingerprints.fingerprint(was.values()));
            } else if (!writtenInPassing.containsKey(row.hazardId())) {
                counted++;   // its last write, over the row stored before the replay
            }
        }
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(HazardRegisterView.INSERT)) {
                for (HazardRow row : inserts) {
                    Sql.bind(ps, row.values());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                for (HazardRow row : updates) {
                    Sql.bind(ps, Sql.keyLast(row.values()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        changed += counted;
    }

    /** Of the hazards whose rows were written over in passing, those whose rows now differ from the rows before. */
    private long differFromBefore() throws SQLException {
        if (startedEmpty) {
            long written = writtenInPassing.size();   // each stands where no row stood
            writtenInPassing.clear();
            return written;
        }
        List<String> ids = new ArrayList<>(writtenInPassing.keySet());
        long differ = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            for (HazardRow now : storedRows(ids.subList(from, Math.min(ids.size(), from + BATCH))).values()) {
                long before = writtenInPassing.get(now.hazardId());
                if (before == NO_ROW || before != fingerprints.fingerprint(now.values())) {
                    differ++;
                }
            }
        }
        writtenInPassing.clear();
        return differ;
    }

    /** The stored rows of these hazards (at most {@link #BATCH}), by hazard id. */
    private Map<String, HazardRow> storedRows(List<String> ids) throws SQLException {
        Map<String, HazardRow> stored = new HashMap<>();
        if (ids.isEmpty()) {
            return stored;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HazardRow.COLUMNS + " FROM hazard_view WHERE "
                + "hazard_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    HazardRow row = HazardRow.read(rs, 1);
                    stored.put(row.hazardId(), row);
                }
            }
        }
        return stored;
    }

    /** The row of a hazard written earlier in this replay. */
    private HazardRow stored(String hazardId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HazardRow.COLUMNS + " FROM hazard_view "
                + "WHERE hazard_id = ?")) {
            ps.setString(1, hazardId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the register row of hazard " + hazardId + " left memory and is not stored");
                }
                return HazardRow.read(rs, 1);
            }
        }
    }
}
