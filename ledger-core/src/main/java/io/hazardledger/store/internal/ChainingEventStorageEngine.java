package io.hazardledger.store.internal;

import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.RightEdge;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.signing.internal.SignatureMetadata;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Axon's JDBC storage engine with the hash chain. Appending events, on the unit of work's one connection:
 * <ol>
 *   <li>lock the chain head row ({@code SELECT … FOR UPDATE}), so one writer appends at a time and ledger
 *       order is commit order;</li>
 *   <li>let Axon insert the event rows;</li>
 *   <li>read those rows back and write, for each event in order, the entry built from its stored row and the
 *       previous entry's hash; write the Merkle nodes the entries complete (from the tree's right edge, kept in memory
 *       with the head this process wrote last); move the head; feed the projections.</li>
 * </ol>
 * On PostgreSQL, where each statement is a round trip and the lock is held until the commit, the event rows go in
 * before the lock; a process's writers queue for the head in a fair lock of their own; and each writes on the head it
 * wrote last, a guess: one message carries a savepoint, the event rows (inserted by this engine, with the columns and
 * values of Axon's own insert, from which it computed the entries: no insert and read-back round trips of their own),
 * a second savepoint, one statement that locks the head row and writes the entries, their Merkle nodes and the new
 * head only if the head is the guess (and fails otherwise), and the projections' updates ({@link DeferredWrites}). The
 * process's next writer may send its own as soon as this one returned: it waits for the row in the database while
 * this one commits. A wrong guess (another node wrote, or this process's last write rolled back) goes back to the
 * second savepoint, keeps the event rows and takes the path above from step 1: lock, read, compute again. A row or
 * value the database refused in the message (a taken sequence number) goes back to the first savepoint and takes the
 * whole path, Axon's insert and the read-back first, so that it fails as Axon's insert makes it fail. A process's first
 * write, and events this engine does not write itself (not an aggregate's, a text longer than its column), take that
 * path too (Axon's insert and the read-back before the guessed message, or before step 1).
 * All of it commits or rolls back with the unit of work. Reads delegate to Axon unchanged.
 */
public final class ChainingEventStorageEngine implements EventStorageEngine {

    /** Unit-of-work resource marking that its transaction has written the head (and holds its row until it ends). */
    private static final String HOLDS_HEAD = ChainingEventStorageEngine.class.getName() + ".holdsHead";

    /** Unit-of-work resource under which the entries written by a command are collected. */
    public static final String RECEIPTS = ChainingEventStorageEngine.class.getName() + ".receipts";
    private static final String RECEIPTS_BY_TRACE = ChainingEventStorageEngine.class.getName() + ".receiptsByTrace";

    private final EventStorageEngine delegate;
    private final ConnectionProvider connections;
    private final List<Projection> projections;

    private final Serializer eventSerializer;

    /**
     * @param eventSerializer the serializer {@code delegate} writes events with, for the events this engine writes
     *                        itself (PostgreSQL, on the guessed head); null: Axon writes every event row
     */
    public ChainingEventStorageEngine(EventStorageEngine delegate, ConnectionProvider connections,
                                      List<Projection> projections, Serializer eventSerializer) {
        this.delegate = delegate;
        this.connections = connections;
        this.projections = List.copyOf(projections);
        this.eventSerializer = eventSerializer;
    }

    /**
     * What a command's unit of work wrote, in ledger order: the command's result. The list fills as the unit of work
     * commits (entries are appended at commit), so it is kept as given, not copied; read it after the command returned.
     */
    public record Committed(List<Written> entries) {
    }

    /** An entry just written: index, hash and event type. */
    public record Written(long index, String entryHash, String eventType) {
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            DefaultUnitOfWork.startAndGet(null).execute(() -> appendEvents(events));
            return;
        }
        UnitOfWork<?> uow = CurrentUnitOfWork.get();
        try {
            Connection c = connections.getConnection();
            Chained chained;
            boolean postgres = postgres(c);
            if (postgres) {
                // This process's writers take turns, first come first served, so that one at a time waits for the
                // database's lock (shared with the other nodes): 16 sessions queued on the head row had a 99th
                // percentile four times the median.
                // A unit of work that appends again (events published while it commits) already holds the head row:
                // it must not queue behind the writer that waits for that row.
                boolean holdsHead = uow.root().resources().containsKey(HOLDS_HEAD);
                if (!holdsHead) {
                    localTurn.lock();
                }
                try {
                    // Written on the head this process wrote last if it still is the head (a guess), the event rows
                    // first, by this engine, with the values it chains, all in one message; where it cannot write them
                    // (an event that is not an aggregate's, a value longer than its column), Axon inserts them and they
                    // are read back first. A process's first write, and a write whose guess missed, lock the head, read
                    // it and compute again. Every event row goes in before the head row is locked (a second writer of
                    // the same aggregate waits on the first one's event row, not on the head, and loses on the
                    // sequence number). H2 keeps the original order.
                    Tip guess = tip;
                    List<OwnRow> own = guess == null ? null : ownRows(events);
                    Map<String, EntryContent> rows;
                    if (own != null) {
                        rows = contents(own);
                    } else {
                        delegate.appendEvents(events);
                        rows = readBack(c, events);
                    }
                    boolean stored = own == null;   // whether the event rows are in the transaction
                    chained = null;
                    if (guess != null) {
                        Guessed g = writeOnGuess(c, guess, events, rows, own);
                        chained = g.chained();
                        stored = stored || g.eventsKept();
                    }
                    if (chained == null) {
                        if (!stored) {
                            // the message went back to its first savepoint, the event rows with it: Axon inserts them
                            // now (and fails as it does alone, if they were what stopped the message)
                            delegate.appendEvents(events);
                            rows = readBack(c, events);
                        }
                        chained = chain(lockHead(c), events, rows);
                        writeTogether(c, chained);
                        project(c, chained, events);
                    }
                    tip = chained.after();
                } finally {
                    // This transaction now holds the head row until it ends: the next writer may send its statement,
                    // which waits for the row, while this one applies its projections and commits.
                    if (!holdsHead) {
                        uow.root().resources().put(HOLDS_HEAD, Boolean.TRUE);
                        localTurn.unlock();
                    }
                }
            } else {
                // H2: never a plain rollback once the head is locked (the undo is registered as it is locked, before
                // the head is judged: a refusal rolls back too)
                Tip head = lockHead(c, uow);
                delegate.appendEvents(events);
                chained = chain(head, events, readBack(c, events));
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_entry (ledger_index, event_id, "
                        + "aggregate_id, event_type, entry_hash, entry) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (EntryRow e : chained.entries()) {
                        e.set(insert, 1);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                MerkleNodes.insert(c, chained.nodes());
                KeyEntries.insert(c, chained.keyIndexes());
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE ledger_head SET size = ?, head_hash = ? WHERE id = 1")) {
                    update.setLong(1, chained.after().size());
                    update.setString(2, chained.after().head());
                    update.executeUpdate();
                }
                project(c, chained, events);
                tip = chained.after();   // the next writer locks the head after this one's commit and compares
            }
            receipts(uow, chained, events);
        } catch (SQLException e) {
            throw new LedgerStorageException("could not write ledger entries: " + e.getMessage(), e);
        } catch (EntryCodec.MalformedEntryException e) {
            throw new LedgerStorageException(e.getMessage(), e);
        }
    }

    /** Feeds the projections each entry, in ledger order, on the connection of the transaction that writes it. */
    private void project(Connection c, Chained chained, List<? extends EventMessage<?>> events) throws SQLException {
        for (int i = 0; i < events.size(); i++) {
            EventMessage<?> event = events.get(i);
            EntryRow entry = chained.entries().get(i);
            RecordedEvent recorded = new RecordedEvent(entry.index(), entry.hash(), entry.event().aggregateId(),
                    StoredInstants.parse(entry.event().recordedAt()), event.getPayload(),
                    SignatureMetadata.fromMetadata(event.getMetaData().get(SignatureMetadata.KEY)))
                    .withCaller(event.getMetaData().get(RecordedEvent.CALLER) instanceof String caller ? caller : null);
            for (Projection p : projections) {
                p.apply(c, recorded);
            }
        }
    }

    private static void receipts(UnitOfWork<?> uow, Chained chained, List<? extends EventMessage<?>> events) {
        List<Written> receipts = uow.root().getOrComputeResource(RECEIPTS, k -> new ArrayList<>());
        boolean group = GroupCommit.isGroup(uow.root());
        for (int i = 0; i < events.size(); i++) {
            EntryRow entry = chained.entries().get(i);
            Written written = new Written(entry.index(), entry.hash(), entry.event().eventType());
            receipts.add(written);
            if (group) {
                receiptsOfTrace(uow.root(), GroupCommit.traceOf(events.get(i))).add(written);
            }
        }
    }

    /**
     * The entries written in a group's unit of work for the events of one trace (one command of the group and what
     * its handling set off), filled as they are written; see {@link GroupCommit}.
     */
    public static List<Written> receiptsOfTrace(UnitOfWork<?> root, String trace) {
        Map<String, List<Written>> byTrace = root.getOrComputeResource(RECEIPTS_BY_TRACE, k -> new java.util.HashMap<>());
        return byTrace.computeIfAbsent(trace, k -> new ArrayList<>());
    }

    /** What a write on a guessed head did: its entries (null if it went back), and whether its event rows stayed. */
    private record Guessed(Chained chained, boolean eventsKept) {
    }

    /**
     * PostgreSQL, on the head this process wrote last, sent together in one round trip ({@link DeferredWrites}): with
     * {@code own} rows, a savepoint and the event rows; a savepoint; the entries with their Merkle nodes and the head
     * written on the condition that the head is still {@code guess}; the projections' updates; the first savepoint's
     * release. The head row is locked first (or waited for, and read as its holder left it); if it is not the guess
     * the statement fails with {@link #HEAD_MOVED}, nothing after it runs, and the transaction goes back to the second
     * savepoint: no entries, the event rows kept. A row or value the database refused (with {@code own} rows) goes back
     * to the first savepoint: nothing written. Any other failure is the write's own and is thrown (the unit of work
     * rolls back), as the locked path would.
     */
    private Guessed writeOnGuess(Connection c, Tip guess, List<? extends EventMessage<?>> events,
                                 Map<String, EntryContent> rows, List<OwnRow> own)
            throws SQLException, EntryCodec.MalformedEntryException {
        Chained chained = chain(guess, events, rows);
        DeferredWrites together = new DeferredWrites(c);
        Connection deferred = together.connection();
        try {
            if (own != null) {
                Sql.update(deferred, "SAVEPOINT hl_events");
                insertEvents(deferred, own);
            }
            Sql.update(deferred, "SAVEPOINT hl_chain");
            writeIfHeadIs(deferred, chained, guess);
            project(deferred, chained, events);
            Sql.update(deferred, own != null ? "RELEASE SAVEPOINT hl_events" : "RELEASE SAVEPOINT hl_chain");
            together.flush();
            if (own != null) {
                eventsWrittenWithChain.addAndGet(own.size());
            }
            return new Guessed(chained, own != null);
        } catch (SQLException e) {
            boolean moved = headMoved(e);
            String back;
            if (moved) {
                // the event rows this engine wrote stay: the entries are computed again from them, on the locked head
                back = own != null ? "ROLLBACK TO SAVEPOINT hl_chain; RELEASE SAVEPOINT hl_events"
                        : "ROLLBACK TO SAVEPOINT hl_chain";
            } else if (own != null && refused(e)) {
                // A value or a row the database refused (a taken sequence number, a projection's constraint): back to
                // before the event rows, so that the path without the guess runs as it always did, Axon's insert
                // first, and fails as it does there. Anything else (a timeout, a lost connection, a deadlock) is the
                // write's own and is thrown, as the locked path would.
                back = "ROLLBACK TO SAVEPOINT hl_events; RELEASE SAVEPOINT hl_events";
            } else {
                throw e;
            }
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(back);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw e;
            }
            if (moved) {
                guessesMissed.incrementAndGet();
                if (own != null) {
                    eventsWrittenWithChain.addAndGet(own.size());
                }
            }
            return new Guessed(null, moved && own != null);
        }
    }

    /** Whether the database refused a value or a row: SQLSTATE class 22 (data exception) or 23 (a constraint). */
    private static boolean refused(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private final java.util.concurrent.atomic.AtomicLong eventsWrittenWithChain = new java.util.concurrent.atomic.AtomicLong();

    /**
     * How many event rows this engine inserted itself, with the values it chains, in the message of a write on the
     * guessed head (PostgreSQL), rather than through Axon's insert and a read-back.
     */
    public long eventsWrittenWithChain() {
        return eventsWrittenWithChain.get();
    }

    /**
     * An event row as Axon's {@code JdbcEventStorageEngine} writes it (its {@code appendEvents} statement: the
     * serializer's payload and metadata bytes, the payload type's name and revision, the timestamp as
     * {@code DateTimeUtils.formatInstant}), and the entry content that row reads back as ({@link EventRows#read}).
     */
    private record OwnRow(DomainEventMessage<?> event, String timestamp, String payloadType, String payloadRevision,
                          byte[] payload, byte[] metadata) {
        EntryContent content() {
            return EventRows.content(event.getIdentifier(), event.getType(), event.getAggregateIdentifier(),
                    event.getSequenceNumber(), payloadType, payloadRevision, timestamp, metadata, payload);
        }
    }

    /**
     * The rows of {@code events} as Axon would write them; null if one is not an aggregate's event, a text does not fit
     * its column, or there are more than a thousand (or no serializer).
     */
    private List<OwnRow> ownRows(List<? extends EventMessage<?>> events) {
        // (nine parameters a row: past a thousand rows the message could pass the driver's 65,535 parameters, which it
        // refuses before sending anything; Axon's batched insert has no such bound)
        if (eventSerializer == null || events.size() > 1_000) {
            return null;
        }
        List<OwnRow> own = new ArrayList<>(events.size());
        for (EventMessage<?> e : events) {
            if (!(e instanceof DomainEventMessage<?> event)) {
                return null;
            }
            SerializedObject<byte[]> payload = event.serializePayload(eventSerializer, byte[].class);
            SerializedObject<byte[]> metadata = event.serializeMetaData(eventSerializer, byte[].class);
            OwnRow row = new OwnRow(event, DateTimeUtils.formatInstant(event.getTimestamp()),
                    payload.getType().getName(), payload.getType().getRevision(), payload.getData(), metadata.getData());
            if (!fits(row)) {
                return null;
            }
            own.add(row);
        }
        return own;
    }

    /**
     * Whether each text fits its column ({@code VARCHAR(255)}): PostgreSQL stores a longer one cut short when what is
     * cut is spaces, which would then differ from the value chained; Axon's insert and the read-back handle those.
     */
    private static boolean fits(OwnRow r) {
        for (String text : new String[] {r.event().getIdentifier(), r.event().getAggregateIdentifier(),
                r.event().getType(), r.timestamp(), r.payloadType(), r.payloadRevision()}) {
            if (text != null && text.length() > 255) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, EntryContent> contents(List<OwnRow> own) {
        Map<String, EntryContent> rows = new HashMap<>();
        for (OwnRow r : own) {
            rows.put(r.event().getIdentifier(), r.content());
        }
        return rows;
    }

    /** The event rows, in the columns and values of Axon's own insert (the global index from its sequence). */
    private static void insertEvents(Connection c, List<OwnRow> own) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_domain_event (event_identifier, "
                + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, "
                + "meta_data) VALUES " + marks(own.size(), 9))) {
            int k = 1;
            for (OwnRow r : own) {
                ps.setString(k++, r.event().getIdentifier());
                ps.setString(k++, r.event().getAggregateIdentifier());
                ps.setLong(k++, r.event().getSequenceNumber());
                ps.setString(k++, r.event().getType());
                ps.setString(k++, r.timestamp());
                ps.setString(k++, r.payloadType());
                ps.setString(k++, r.payloadRevision());
                ps.setBytes(k++, r.payload());
                ps.setBytes(k++, r.metadata());
            }
            ps.executeUpdate();
        }
    }

    /** Whether the conditional write failed because the head was not the guess (and for no other reason). */
    private static boolean headMoved(SQLException e) {
        return "22P02".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains(HEAD_MOVED);
    }

    private final java.util.concurrent.atomic.AtomicLong guessesMissed = new java.util.concurrent.atomic.AtomicLong();

    /**
     * How many writes of this engine found the head not where they guessed it (another node wrote since, or this
     * process's last write rolled back) and were computed again on the locked head.
     */
    public long guessesMissed() {
        return guessesMissed.get();
    }

    /** A chain head: the last entry's hash and the Merkle tree's right edge at its size (never grown once made). */
    private record Tip(String head, RightEdge edge) {
        long size() {
            return edge.size();
        }
    }

    /**
     * The head this process wrote last (null before its first write), as soon as it is written, before it commits: a
     * guess, which every write compares with the head row it locked (so a write that rolled back costs a reading of
     * the tree's right edge, never a wrong entry).
     */
    private volatile Tip tip;

    /** Entries computed on a head: their rows, the Merkle nodes they complete, and the head after them. */
    private record Chained(List<EntryRow> entries, List<MerkleNodes.Node> nodes, Tip after) {
        /** The indexes of the entries whose events are part of the key history (their ledger_key_entry rows). */
        List<Long> keyIndexes() {
            List<Long> keys = new ArrayList<>(0);
            for (EntryRow e : entries) {
                if (KeyEntries.isKeyEvent(e.event().eventType())) {
                    keys.add(e.index());
                }
            }
            return keys;
        }
    }

    private static Chained chain(Tip head, List<? extends EventMessage<?>> events, Map<String, EntryContent> rows)
            throws EntryCodec.MalformedEntryException {
        long index = head.size();
        String prev = head.head();
        String[] hashes = new String[events.size()];
        List<EntryRow> entries = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            EntryContent content = rows.get(event.getIdentifier());
            byte[] bytes = EntryCodec.encode(index, prev, content);
            String hash = Hashes.leafHash(bytes);
            entries.add(new EntryRow(index, content, hash, bytes));
            hashes[(int) (index - head.size())] = hash;
            prev = hash;
            index++;
        }
        RightEdge edge = head.edge().copy();
        List<MerkleNodes.Node> nodes = MerkleNodes.completed(edge, hashes);
        return new Chained(entries, nodes, new Tip(prev, edge));
    }

    /** A ledger_entry row to write: its index, the event it records, its hash and its exact bytes. */
    private record EntryRow(long index, EntryContent event, String hash, byte[] bytes) {
        /** Sets the row's six columns from parameter {@code k}; returns the next parameter. */
        int set(PreparedStatement ps, int k) throws SQLException {
            ps.setLong(k++, index);
            ps.setString(k++, event.eventId());
            ps.setString(k++, event.aggregateId());
            ps.setString(k++, event.eventType());
            ps.setString(k++, hash);
            ps.setBytes(k++, bytes);
            return k;
        }
    }

    /** PostgreSQL: the entries, the Merkle nodes they complete and the new head in one statement. */
    private static void writeTogether(Connection c, Chained chained) throws SQLException {
        StringBuilder sql = new StringBuilder("WITH e AS (INSERT INTO ledger_entry (ledger_index, event_id, "
                + "aggregate_id, event_type, entry_hash, entry) VALUES ");
        sql.append(marks(chained.entries().size(), 6));
        sql.append(" RETURNING 1)");
        if (!chained.nodes().isEmpty()) {
            sql.append(", m AS (INSERT INTO merkle_node (level, node_index, hash, leaf_index) VALUES ")
               .append(marks(chained.nodes().size(), 4))
               .append(" RETURNING 1)");
        }
        List<Long> keys = chained.keyIndexes();
        if (!keys.isEmpty()) {
            sql.append(", k AS (INSERT INTO ledger_key_entry (ledger_index) VALUES ").append(marks(keys.size(), 1))
               .append(" RETURNING 1)");
        }
        sql.append(" UPDATE ledger_head SET size = ?, head_hash = ? WHERE id = 1");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int k = setRows(ps, 1, chained, keys);
            ps.setLong(k++, chained.after().size());
            ps.setString(k, chained.after().head());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the ledger_head row is missing: the schema was not migrated");
            }
        }
    }

    /**
     * PostgreSQL: the same statement on the condition that the head is still {@code guess}: the head row is locked
     * first (or, if a writer holds it, waited for and read as that writer left it), the entries, nodes and head are
     * written only if it is the guess, and the statement fails if it did not (a text that is not a
     * number, {@value #HEAD_MOVED}, cast to one), so that nothing sent after it in the same message runs.
     */
    private static void writeIfHeadIs(Connection c, Chained chained, Tip guess) throws SQLException {
        // The head is compared as locked (o), not as the statement's snapshot saw it: the row a writer of this process
        // has just moved is not yet committed, and a comparison with the snapshot's row would fail without waiting.
        StringBuilder sql = new StringBuilder("WITH o AS (SELECT size, head_hash FROM ledger_head WHERE id = 1 FOR UPDATE), "
                + "h AS (UPDATE ledger_head SET size = ?, head_hash = ? "
                + "WHERE id = 1 AND (SELECT size FROM o) = ? AND (SELECT head_hash FROM o) = ? RETURNING 1), "
                + "e AS (INSERT INTO ledger_entry (ledger_index, event_id, aggregate_id, event_type, entry_hash, entry) "
                + "SELECT * FROM (VALUES ");
        sql.append(marks(chained.entries().size(), 6));
        sql.append(") v WHERE EXISTS (SELECT 1 FROM h) RETURNING 1)");
        if (!chained.nodes().isEmpty()) {
            sql.append(", m AS (INSERT INTO merkle_node (level, node_index, hash, leaf_index) SELECT * FROM (VALUES ")
               .append(marks(chained.nodes().size(), 4))
               .append(") v WHERE EXISTS (SELECT 1 FROM h) RETURNING 1)");
        }
        List<Long> keys = chained.keyIndexes();
        if (!keys.isEmpty()) {
            sql.append(", k AS (INSERT INTO ledger_key_entry (ledger_index) SELECT * FROM (VALUES ")
               .append(marks(keys.size(), 1))
               .append(") v WHERE EXISTS (SELECT 1 FROM h) RETURNING 1)");
        }
        sql.append(" SELECT CAST(CASE WHEN (SELECT COUNT(*) FROM h) = 1 AND (SELECT COUNT(*) FROM e) = ? THEN '1' ELSE '"
                + HEAD_MOVED + "' END AS INTEGER)");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, chained.after().size());
            ps.setString(2, chained.after().head());
            ps.setLong(3, guess.size());
            ps.setString(4, guess.head());
            int k = setRows(ps, 5, chained, keys);
            ps.setInt(k, chained.entries().size());
            ps.executeUpdate();
        }
    }

    /** What the conditional write fails with when the chain head is not the one it was computed on. */
    static final String HEAD_MOVED = "ledger head moved";

    private static int setRows(PreparedStatement ps, int k, Chained chained, List<Long> keys) throws SQLException {
        for (EntryRow e : chained.entries()) {
            k = e.set(ps, k);
        }
        for (MerkleNodes.Node n : chained.nodes()) {
            k = n.set(ps, k);
        }
        for (long index : keys) {
            ps.setLong(k++, index);
        }
        return k;
    }

    /** {@code rows} groups of {@code columns} parameter marks: "(?, ?), (?, ?)". */
    private static String marks(int rows, int columns) {
        String row = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", java.util.Collections.nCopies(rows, row));
    }

    private volatile Boolean postgres;
    /** On PostgreSQL, this process's queue for the chain head (fair); the head row's lock orders the nodes. */
    private final java.util.concurrent.locks.ReentrantLock localTurn = new java.util.concurrent.locks.ReentrantLock(true);

    private boolean postgres(Connection c) throws SQLException {
        if (postgres == null) {
            postgres = Sql.isPostgres(c);
        }
        return postgres;
    }

    /**
     * Locks the chain head row until the transaction ends and returns the head with the tree's right edge: the one this
     * process wrote last if it is the head, otherwise read from the tree.
     */
    private Tip lockHead(Connection c) throws SQLException {
        return lockHead(c, null);
    }

    /**
     * As {@link #lockHead(Connection)}; with {@code undoFrom}, its undo on rollback registered as the head is locked.
     */
    private Tip lockHead(Connection c, UnitOfWork<?> undoFrom)
            throws SQLException {
        long size;
        String head;
        try (PreparedStatement ps = c.prepareStatement("SELECT size, head_hash FROM ledger_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the ledger_head row is missing: the schema was not migrated");
            }
            size = rs.getLong(1);
            head = rs.getString(2);
        }
        if (undoFrom != null) {
            HeadLocks.undoOnRollback(undoFrom, c);
        }
        Tip known = tip;
        if (known != null && known.size() == size && known.head().equals(head)) {
            return known;
        }
        headHolds(c, size, head);
        return new Tip(head, MerkleNodes.rightEdge(c, size));
    }

    /**
     * A head this process did not write last (after a start, another node's write, or a row changed behind the
     * ledger's back) is taken only when it is the hash of the entry it names, whose stored bytes hash to it: a write
     * chained onto any other head would be acknowledged and never verify, and entries are never taken out. Refused,
     * the write stores nothing (as the readiness check, which reports the same break).
     */
    private static void headHolds(Connection c, long size, String head) throws SQLException {
        if (size == 0) {
            if (!Hashes.ZERO_HASH.equals(head)) {
                throw refusedOnHead(0, head, "no entry: the empty chain's head is 64 zeros");
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entry_hash, entry FROM ledger_entry WHERE ledger_index = ?")) {
            ps.setLong(1, size - 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw refusedOnHead(size - 1, head, "no entry");
                }
                String stored = rs.getString(1);
                if (!stored.equals(head)) {
                    throw refusedOnHead(size - 1, head, stored);
                }
                String hashed = Hashes.leafHash(rs.getBytes(2));
                if (!hashed.equals(stored)) {
                    throw new io.hazardledger.IntegrityRefusalException("refused to write onto the chain head",
                            new io.hazardledger.integrity.LedgerIntegrityException(size - 1, "entry-hash",
                                    "the stored entry bytes do not hash to the stored entry hash", stored, hashed));
                }
            }
        }
    }

    private static io.hazardledger.IntegrityRefusalException refusedOnHead(long index, String head, String last) {
        return new io.hazardledger.IntegrityRefusalException("refused to write onto the chain head",
                new io.hazardledger.integrity.LedgerIntegrityException(index, "head-mismatch",
                        "the chain head does not name its last entry", head, last));
    }

    private static Map<String, EntryContent> readBack(Connection c, List<? extends EventMessage<?>> events)
            throws SQLException {
        Map<String, EntryContent> rows = new HashMap<>();
        String marks = String.join(",", java.util.Collections.nCopies(events.size(), "?"));
        try (PreparedStatement ps = Sql.plannedEachTime(c.prepareStatement(
                "SELECT " + EventRows.COLUMNS + " FROM ledger_domain_event e WHERE e.event_identifier IN (" + marks + ")"))) {
            for (int i = 0; i < events.size(); i++) {
                ps.setString(i + 1, events.get(i).getIdentifier());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EntryContent content = EventRows.read(rs, 1);
                    rows.put(content.eventId(), content);
                }
            }
        }
        if (rows.size() != events.size()) {
            throw new SQLException("read back " + rows.size() + " of " + events.size() + " appended events");
        }
        return rows;
    }

    /** The ledger takes no snapshots: aggregate state comes from the chained events alone. */
    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        throw new UnsupportedOperationException("the ledger takes no snapshots: state comes from chained events only");
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    /** Never read a snapshot: its table is not covered by the chain, so a row there could inject state. */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
