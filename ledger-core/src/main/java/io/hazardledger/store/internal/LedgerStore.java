package io.hazardledger.store.internal;

import io.hazardledger.integrity.ChainVerifier;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.LedgerIntegrityException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the stored ledger in index order, for verification and for rebuilding projections. */
public final class LedgerStore {

    private final DataSource dataSource;
    private final Serializer eventSerializer;
    private final List<Projection> projections;
    private final int chunk;
    private final StoredSignatures signatures = new StoredSignatures();
    /** Threads that prepare a batch's checks: one a core. */
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    public LedgerStore(DataSource dataSource, Serializer eventSerializer, List<Projection> projections) {
        this(dataSource, eventSerializer, projections, EntryReader.CHUNK);
    }

    /** A store whose replays leave verified marks signed by {@code marks} (null: none): see the last constructor. */
    public LedgerStore(DataSource dataSource, Serializer eventSerializer, List<Projection> projections,
                       VerifiedMarks marks) {
        this(dataSource, eventSerializer, projections, EntryReader.CHUNK, marks);
    }

    /**
     * A store read {@code chunk} entries, events or leaves' Merkle nodes a query (the other constructor's chunks are
     * large; tests use small ones, so that a small ledger crosses their boundaries).
     */
    public LedgerStore(DataSource dataSource, Serializer eventSerializer, List<Projection> projections, int chunk) {
        this(dataSource, eventSerializer, projections, chunk, null);
    }

    /**
     * A store whose replays leave a verified mark signed by {@code marks} (null: none), and whose replays and
     * verifications compare the entries with the latest such mark ({@link VerifiedMarks}).
     */
    public LedgerStore(DataSource dataSource, Serializer eventSerializer, List<Projection> projections, int chunk,
                       VerifiedMarks marks) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
        }
        this.chunk = chunk;
        this.dataSource = dataSource;
        this.eventSerializer = eventSerializer;
        this.projections = List.copyOf(projections);
        this.marks = marks;
    }

    /** Signs and reads the verified marks; null for a ledger without a checkpoint key. */
    private final VerifiedMarks marks;

    /** The latest verified mark within {@code size} that this ledger signed, or null. */
    private VerifiedMarks.Mark mark(Connection c, long size) throws SQLException {
        return marks == null ? null : marks.latest(c, size).orElse(null);
    }

    /** Visits the {@code k}th entry of a batch with its event (null when the event is missing). */
    @FunctionalInterface
    private interface EntryVisitor {
        void visit(EntryReader.Batch batch, int k) throws SQLException, LedgerIntegrityException;
    }

    /**
     * Verifies the ledger up to the head committed when verification starts; writes that commit meanwhile are
     * left for the next run.
     */
    public VerifiedLedger verify() throws LedgerIntegrityException {
        return verify(null);
    }

    /**
     * The log's keys, by which verification tells the stored checkpoints that are the log's (docs/FORMAT.md, section 6,
     * check 7b): its verifier keys (public) and its origin, their name.
     */
    public record LogKeys(List<io.hazardledger.integrity.note.NoteVerifier> verifiers, String origin) {
        public LogKeys {
            verifiers = List.copyOf(verifiers);
            if (verifiers.isEmpty() || verifiers.stream().anyMatch(v -> !v.name().equals(origin))) {
                throw new IllegalArgumentException("the log's keys are one or more verifier keys named " + origin);
            }
        }
    }

    /**
     * As {@link #verify()}, the stored checkpoints compared under {@code logKeys} (null: the keys of this store's
     * verified marks, if it has any): for a verifier that holds only the log's public keys.
     */
    public VerifiedLedger verify(LogKeys logKeys) throws LedgerIntegrityException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] size = new long[1];
                String headHash = head(c, size);
                try (Audit audit = new Audit(c, size[0], false, mark(c, size[0]), false, logKeys)) {
                    EntryReader reader = new EntryReader(c, chunk, 0, size[0]);
                    scan(reader, audit, audit::check);
                    return audit.finish(headHash, reader);
                }
            } finally {
                HeadLocks.release(c);   // finish() locked the head; nothing was written
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the ledger: " + e.getMessage(), e);
        }
    }

    /** What {@link #readOnly} read: entries, the events they took, and Merkle nodes. */
    public record Read(long entries, long events, long merkleNodes) {
    }

    /**
     * Reads what {@link #verify()} reads, up to the committed head, in the same queries, batches and objects, and
     * checks nothing: the key history, the entries with their events, the Merkle nodes (after the entries, where
     * {@code verify} reads them as its checks reach them: the same queries) and the final counts (the head not read
     * again under its lock). The reading's share of a verification, which the benchmark harness measures beside it;
     * the stored checkpoints and verified mark, which the verification of a ledger with the log's key also reads, are
     * not read.
     */
    public Read readOnly() throws LedgerIntegrityException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] size = new long[1];
                head(c, size);
                count(c, MIN_INDEX);
                count(c, MIN_KEY_INDEX);
                signatures.audit(c, size[0]);
                EntryReader reader = new EntryReader(c, chunk, 0, size[0]);
                long entries = 0;
                long events = 0;
                for (EntryReader.Batch batch = reader.next(); batch.size() > 0; batch = reader.next()) {
                    entries += batch.size();
                    events += batch.events().stream().filter(java.util.Objects::nonNull).count();
                }
                long nodes = MerkleAudit.readAll(c, size[0], chunk);
                if (!reader.tookEveryEvent(count(c, COUNT_EVENTS))) {
                    count(c, COUNT_UNLEDGERED);
                }
                count(c, MAX_INDEX);
                count(c, MAX_KEY_INDEX);
                count(c, MAX_NODE_LEAF);
                return new Read(entries, events, nodes);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the ledger: " + e.getMessage(), e);
        }
    }

    private static final String COUNT_EVENTS = "SELECT COUNT(*) FROM ledger_domain_event";
    private static final String COUNT_UNLEDGERED = "SELECT COUNT(*) FROM ledger_domain_event e "
            + "WHERE NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.event_id = e.event_identifier)";
    private static final String MAX_INDEX = "SELECT COALESCE(MAX(ledger_index), -1) FROM ledger_entry";
    private static final String MAX_KEY_INDEX = "SELECT COALESCE(MAX(ledger_index), -1) FROM ledger_key_entry";
    private static final String MAX_NODE_LEAF = "SELECT COALESCE(MAX(leaf_index), -1) FROM merkle_node";
    private static final String MAX_CHECKPOINT = "SELECT COALESCE(MAX(tree_size), -1) FROM checkpoint";
    private static final String MIN_INDEX = "SELECT COALESCE(MIN(ledger_index), 0) FROM ledger_entry";
    private static final String MIN_KEY_INDEX = "SELECT COALESCE(MIN(ledger_index), 0) FROM ledger_key_entry";

    /**
     * Everything {@link #verify()} checks, entry by entry in index order and then once at the end: each entry
     * against its event and its predecessor, its Merkle nodes, its signature, its references, its event_type column,
     * and at the end events without an entry, entries at or beyond the head, and the head itself. What an entry's
     * checks need from its own rows alone (its hash, the entry recomputed from its event, its parsed payload, its
     * signature checked with the key it names) is prepared for a whole batch on worker threads, one a core, while this
     * thread reads the next batch and checks the one before; the checks are made in index order, so that the first
     * failure is reported as one pass would.
     */
    private final class Audit implements AutoCloseable {
        private final Connection c;
        private final long size;
        private final ChainVerifier verifier = new ChainVerifier();
        private final StoredSignatures.SignatureAudit signatureAudit;
        private final ReferenceAudit references = new ReferenceAudit();
        private final MerkleAudit merkle;
        /** Whether the workers also deserialise each event's payload, as a replay feeds it to the projections. */
        private final boolean decode;

        /** The verified mark that the entries must make again (null: none), and whether its signatures are trusted. */
        private final VerifiedMarks.Mark mark;
        private final boolean trustMark;
        /** The signed entries below the mark whose signatures were taken as checked. */
        private long signaturesTrusted;
        /** The stored checkpoints, compared as the entries reach their sizes (null: no checkpoint key, or table). */
        private final CheckpointAudit checkpoints;

        Audit(Connection c, long size, boolean decode, VerifiedMarks.Mark mark, boolean trustMark, LogKeys logKeys)
                throws SQLException, LedgerIntegrityException {
            this.c = c;
            this.size = size;
            this.decode = decode;
            this.mark = mark;
            this.trustMark = trustMark && mark != null;
            belowTheFirst(c);
            this.signatureAudit = signatures.audit(c, size);
            this.merkle = new MerkleAudit(c, size, chunk);
            CheckpointAudit opened = null;
            try {
                LogKeys keys = logKeys != null ? logKeys
                        : marks == null ? null : new LogKeys(marks.verifiers(), marks.origin());
                opened = keys == null ? null : CheckpointAudit.open(c, size, keys.verifiers(), keys.origin(), chunk);
                if (opened != null) {
                    opened.start();
                }
            } catch (SQLException | LedgerIntegrityException | RuntimeException e) {
                closeAll(e, opened);
                throw e;
            }
            this.checkpoints = opened;
        }

        /** Closes what the constructor opened when it fails: {@code failure} stays what is thrown. */
        private void closeAll(Exception failure, CheckpointAudit opened) {
            workers.shutdownNow();
            for (AutoCloseable each : new AutoCloseable[] {merkle, opened}) {
                try {
                    if (each != null) {
                        each.close();
                    }
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }

        /** An entry's checks made ahead (see {@link #prepare}). */
        private record Prepared(ChainVerifier.Checked chain, ReferenceAudit.References references,
                                StoredSignatures.Prepared signature, Object decoded) {
        }

        private record DecodingFailure(Throwable cause) {
        }

        private Prepared[] prepared = new Prepared[0];
        /** The stored hash of the entry before the batch being prepared. */
        private String lastHash = Hashes.ZERO_HASH;
        /** The threads that prepare batches, one a core, while this one reads and checks. */
        private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(
                THREADS, r -> {
                    Thread t = new Thread(r, "ledger-verify");
                    t.setDaemon(true);
                    return t;
                });

        /**
         * Starts preparing a batch's checks on the worker threads (in slices, so that every core takes part) and
         * returns at once; the workers take batches' slices in the order given.
         */
        java.util.concurrent.CompletableFuture<Prepared[]> prepareAhead(EntryReader.Batch batch) {
            int n = batch.size();
            Prepared[] ahead = new Prepared[n];
            String before = lastHash;
            if (n > 0) {
                lastHash = batch.entries().get(n - 1).entryHash();
            }
            int slices = Math.max(1, Math.min(n, 4 * THREADS));
            java.util.concurrent.CompletableFuture<?>[] parts = new java.util.concurrent.CompletableFuture<?>[slices];
            for (int s = 0; s < slices; s++) {
                int from = (int) ((long) n * s / slices);
                int to = (int) ((long) n * (s + 1) / slices);
                parts[s] = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    for (int k = from; k < to; k++) {
                        EntryRow entry = batch.entries().get(k);
                        EntryContent event = batch.events().get(k);
                        String prevHash = k == 0 ? before : batch.entries().get(k - 1).entryHash();
                        JsonNode payload = event == null ? null : ReferenceAudit.parse(event);
                        ahead[k] = new Prepared(ChainVerifier.check(entry.stored(), prevHash, event),
                                references.references(event == null ? null : event.eventType(), payload),
                                event == null ? null : signatureAudit.prepare(event, !trusted(entry.index())),
                                decode && event != null ? decodedOrFailure(event, payload) : null);
                    }
                }, workers);
            }
            return java.util.concurrent.CompletableFuture.allOf(parts).thenApply(done -> ahead);
        }

        /** Makes the batch that {@code ahead} prepared the one {@link #check} reads, once it is ready. */
        void use(java.util.concurrent.CompletableFuture<Prepared[]> ahead) {
            try {
                prepared = ahead.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }

        /** Stops the worker threads and closes the Merkle cursor. */
        @Override
        public void close() throws SQLException {
            workers.shutdownNow();
            try {
                // a batch read ahead may still be in preparation after a failure: no work outlives the call
                workers.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                merkle.close();
            } finally {
                if (checkpoints != null) {
                    checkpoints.close();
                }
            }
        }

        /**
         * The payload of the {@code k}th event of the batch last prepared, deserialised (a replay's audit only); a
         * payload that could not be is reported here, once its entry is checked, as it was when read on this thread.
         */
        Object decoded(int k) {
            if (prepared[k].decoded() instanceof DecodingFailure failure) {
                if (failure.cause() instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure.cause();
            }
            return prepared[k].decoded();
        }

        /**
         * The payload deserialised from {@code tree}, the JSON object it was parsed to (else from its text). The tree
         * holds every number as the entry's canonical form (RFC 8785) states it, an IEEE double, where its text may
         * spell it otherwise ({@code 1.50}, {@code -0}); the events the ledger writes have no such number where a
         * string or an instant is read (dates are written as text), so for them the two agree.
         */
        private Object decodedOrFailure(EntryContent event, JsonNode tree) {
            try {
                return tree instanceof com.fasterxml.jackson.databind.node.ObjectNode
                        ? eventSerializer.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class,
                                event.eventType(), event.payloadRevision()))
                        : payloadOf(event);
            } catch (RuntimeException | Error e) {
                return new DecodingFailure(e);
            }
        }

        /**
         * The signed statement of the {@code k}th event of the batch last prepared, as its metadata holds it (null:
         * unsigned, or a signature that is not a statement, which {@link #check} refuses), parsed by the workers.
         */
        SignedStatement signed(int k) {
            StoredSignatures.Prepared signature = prepared[k].signature();
            return signature == null ? null : signature.signed();
        }

        /** The hash of {@link #signed}'s statement (null: unsigned), computed by the workers. */
        String statementHash(int k) {
            StoredSignatures.Prepared signature = prepared[k].signature();
            return signature == null ? null : signature.statementHash();
        }

        /** Whether the entry's signature is taken as checked: below a verified mark whose signatures are trusted. */
        private boolean trusted(long index) {
            return trustMark && index >= 0 && index < mark.size();
        }

        /** Checks the {@code k}th entry of the batch last prepared. */
        void check(EntryReader.Batch batch, int k) throws SQLException, LedgerIntegrityException {
            EntryRow entry = batch.entries().get(k);
            EntryContent event = batch.events().get(k);
            Prepared ahead = prepared[k];
            verifier.accept(entry.stored(), event, ahead.chain());
            merkle.check(entry.index(), entry.entryHash());
            signatureAudit.check(entry.index(), entry.entryHash(), event, ahead.signature());
            references.check(entry.index(), ahead.references());
            // ledger_entry.event_type is a copy for queries (history); it must say what the event is.
            if (!entry.eventType().equals(event.eventType())) {
                throw new LedgerIntegrityException(entry.index(), "column-mismatch",
                        "the entry row's event_type column differs from its event", event.eventType(),
                        entry.eventType());
            }
            signatureAudit.checkListed(entry.index(), event.eventType());
            if (ahead.signature() != null && trusted(entry.index())) {
                signaturesTrusted++;
            }
            if (mark != null && entry.index() == mark.size() - 1) {
                byte[] root = merkle.root();
                if (!java.util.Arrays.equals(root, mark.root())) {
                    throw new LedgerIntegrityException(entry.index(), "verified-mark-mismatch", "the entries up to "
                            + "this one do not make the Merkle root that this ledger signed when a replay had verified "
                            + "every one of them (verified_mark): an entry below was changed since",
                            java.util.HexFormat.of().formatHex(mark.root()), java.util.HexFormat.of().formatHex(root));
                }
            }
            while (checkpoints != null && checkpoints.nextSize() <= entry.index() + 1) {
                checkpoints.check(entry.index(), merkle.root());
            }
        }

        long signaturesTrusted() {
            return signaturesTrusted;
        }

        /** The Merkle root of the entries checked, all of them once {@link #finish} passed. */
        byte[] root() {
            return merkle.root();
        }

        /** The checks once every entry passed its own, {@code reader} having read them all. */
        VerifiedLedger finish(String headHash, EntryReader reader) throws SQLException, LedgerIntegrityException {
            // Every stored event is some entry's when the entries, each with an event of its own, took as many events
            // from the scan of the events as there are stored; otherwise (events looked up by id, or more of them
            // stored, as when writers commit meanwhile) each event is looked for among the entries.
            long unledgered = reader.tookEveryEvent(count(c, COUNT_EVENTS)) ? 0 : count(c, COUNT_UNLEDGERED);
            // Entries at or beyond the head. Read the highest index first and the head after it: an append
            // moves entry and head in one transaction and heads only grow, so a legitimate append in between
            // leaves max < head, and max >= head means a head moved back or an entry forged past it. The head
            // is read under its lock, so that a writer whose entry the first read saw has finished committing
            // its head too. (Entries beyond the head, seen here on H2 in about one run in ten of many, were H2
            // putting an older head back as it rolled back a transaction that had locked the head: see HeadLocks.)
            // The same for ledger_key_entry, written with its entries: a listing at or beyond the head would make
            // the next entry written there break check 7a.
            long max = count(c, MAX_INDEX);
            long maxListed = count(c, MAX_KEY_INDEX);
            long maxNodeLeaf = count(c, MAX_NODE_LEAF);
            long maxCheckpoint = checkpoints == null ? -1 : count(c, MAX_CHECKPOINT);
            long[] later = new long[1];
            head(c, later, true);
            if (max >= later[0]) {
                throw beyondHead(later[0], max);
            }
            if (maxListed >= later[0]) {
                throw new LedgerIntegrityException(later[0], "beyond-head",
                        "ledger_key_entry lists an index at or beyond the chain head", "highest index " + (later[0] - 1),
                        "highest index listed " + maxListed);
            }
            if (maxNodeLeaf >= later[0]) {
                // a node is written with the entry that completes it: one beyond the head would stop the append
                // that completes it (its key taken)
                throw new LedgerIntegrityException(later[0], "beyond-head",
                        "merkle_node holds a node completed at or beyond the chain head", "highest leaf index "
                        + (later[0] - 1), "highest leaf index " + maxNodeLeaf);
            }
            VerifiedLedger chain = verifier.finish(unledgered, size, headHash);
            merkle.finish();
            if (checkpoints != null) {
                checkpoints.finish(maxCheckpoint, later[0]);
            }
            java.util.Optional<VerifiedMarks.Mark> lost = marks == null ? java.util.Optional.empty()
                    : marks.beyond(c, later[0]);
            if (lost.isPresent()) {
                throw CheckpointAudit.cutShort(later[0], lost.get().size(), "a replay verified",
                        " (verified_mark, signed with the log's key)");
            }
            return new VerifiedLedger(chain.size(), chain.headHash(), signatureAudit.findings(),
                    checkpoints == null ? VerifiedLedger.Checkpoints.NONE : checkpoints.outcome(), chain.clockSteps());
        }
    }

    /**
     * The committed chain head, checked against the entries beside it in one snapshot: no entry may lie at or beyond
     * the head's index (reported there, as {@link #verify()} does), and its last entry (at size - 1) must exist and
     * hash to the head. Three indexed reads (again under the head's lock if they disagree: a writer may be half way
     * through its commit): cheap enough for a health probe; it proves nothing about the entries before (that is
     * {@link #verify()}).
     *
     * @return the size and the head hash (the all-zero hash of an empty chain)
     * @throws LedgerIntegrityException when the head and its last entry disagree
     */
    public io.hazardledger.ChainHead head() throws LedgerIntegrityException {
        try {
            return checkedHead(false);
        } catch (LedgerIntegrityException seenMidCommit) {
            // H2 can show a committing writer's head a moment before its entry (or the reverse), even in one snapshot;
            // under the head's lock that writer has finished. Only then is a disagreement a break.
            return checkedHead(true);
        }
    }

    private io.hazardledger.ChainHead checkedHead(boolean locked) throws LedgerIntegrityException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int isolation = c.getTransactionIsolation();
            // one snapshot for the unlocked reads; the locked retry reads what is committed once the lock is ours
            c.setTransactionIsolation(locked ? Connection.TRANSACTION_READ_COMMITTED : Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long[] size = new long[1];
                String hash = locked ? head(c, size, true) : null;
                long max = count(c, MAX_INDEX);
                if (!locked) {
                    hash = head(c, size);
                }
                if (max >= size[0]) {
                    throw beyondHead(size[0], max);
                }
                List<String> last = Sql.query(c, "SELECT entry_hash FROM ledger_entry WHERE ledger_index = ?",
                        rs -> rs.getString(1), size[0] - 1);
                if (size[0] > 0 && (last.isEmpty() || !last.get(0).equals(hash))) {
                    throw new LedgerIntegrityException(size[0] - 1, "head-mismatch",
                            "the chain head does not name its last entry", hash, last.isEmpty() ? "no entry" : last.get(0));
                }
                return new io.hazardledger.ChainHead(size[0], hash);
            } finally {
                HeadLocks.release(c);   // nothing was written; the locked read holds the head
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the chain head: " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds the projections when a schema migration asked for it (rows in {@code projection_rebuild}: a new table
     * or column that only the entries can fill); a replay forgets the request. A ledger that does not verify is not
     * rebuilt: the request stays, and the break is returned (and logged) so that answers that need the rebuild can be
     * refused until a replay succeeds.
     *
     * @return the integrity break that stopped the rebuild, or empty
     */
    public java.util.Optional<LedgerIntegrityException> rebuildIfMigrationsAsk() {
        List<String> reasons;
        try (Connection c = dataSource.getConnection()) {
            reasons = Sql.query(c, "SELECT reason FROM projection_rebuild ORDER BY reason", rs -> rs.getString(1));
        } catch (SQLException e) {
            return java.util.Optional.empty(); // a schema that the embedding application manages without this table
        }
        if (reasons.isEmpty()) {
            return java.util.Optional.empty();
        }
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(LedgerStore.class);
        logger.info("rebuilding the projections from the ledger, as the schema migrations ask: {}", reasons);
        try {
            logger.info("rebuilt the projections from {} entries", replay().entries());
            return java.util.Optional.empty();
        } catch (LedgerIntegrityException e) {
            logger.warn("the projections were not rebuilt: the ledger does not verify at entry {} ({}); questions as of "
                    + "an earlier position and dossiers are refused until a replay succeeds", e.index(), e.getMessage());
            return java.util.Optional.of(e);
        }
    }

    /**
     * Rebuilds every projection from the ledger in one transaction: deletes their rows, then feeds them every
     * entry in ledger order, exactly as the live path does, checking everything {@link #verify()} checks in the
     * same pass; at the first entry that does not verify nothing is changed. Writers wait on the chain head
     * meanwhile.
     *
     * @return how many entries were replayed, and what each projection's rebuild changed
     * @throws LedgerIntegrityException naming the first index that does not verify (nothing was changed)
     */
    public io.hazardledger.ReplayReport replay() throws LedgerIntegrityException {
        return replay(false);
    }

    /**
     * A replay that is undone at its end: it makes every check and feeds every entry to the projections as {@link
     * #replay()} does, and says how many rows of each projection differ from what the entries make, but changes
     * nothing (nor leaves a verified mark). Writers wait on the chain head meanwhile, as they do during a replay.
     *
     * @throws LedgerIntegrityException naming the first index that does not verify
     */
    public io.hazardledger.ReplayReport compareProjections() throws LedgerIntegrityException {
        return replay(true);
    }

    private io.hazardledger.ReplayReport replay(boolean dryRun) throws LedgerIntegrityException {
        try {
            return replay(true, dryRun);
        } catch (MarkNotMadeAgain e) {
            org.slf4j.LoggerFactory.getLogger(LedgerStore.class).warn("the ledger did not verify in a replay that took "
                    + "the signatures below its verified mark as checked: replaying again, checking every signature, "
                    + "to name the first entry that breaks");
            return replay(false, dryRun);
        }
    }

    /**
     * Thrown by a replay that took the signatures below a verified mark as checked, when the ledger did not verify
     * (the entries did not make the mark's root, or another check failed): a signature not checked may break it at an
     * earlier index, and only checking every signature can name the first.
     */
    private static final class MarkNotMadeAgain extends RuntimeException {
        MarkNotMadeAgain() {
            super(null, null, false, false);
        }
    }

    /**
     * A replay; with {@code trustMark}, the signatures below the latest verified mark are taken as checked; with {@code
     * dryRun}, its writes are undone at the end (to the savepoint after its locks, then committed to free them, as
     * after a failure).
     */
    private io.hazardledger.ReplayReport replay(boolean trustMark, boolean dryRun) throws LedgerIntegrityException {
        boolean trusted = false;   // whether this replay takes a mark's signatures as checked
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Projection.Rebuild> rebuilds = new ArrayList<>();
            java.sql.Savepoint afterLock = null;
            try {
                long[] size = new long[1];
                String headHash = head(c, size, true);
                // a savepoint after each lock: a failure to take a projection's lock undoes to the last lock taken
                // and commits (HeadLocks), and the locks taken are kept with the head's if the replay fails later
                afterLock = c.setSavepoint();
                for (Projection p : projections) {
                    p.lockForReplay(c);
                    afterLock = c.setSavepoint();
                }
                for (Projection p : projections) {
                    rebuilds.add(p.rebuild(c));
                }
                long signaturesTrusted;
                VerifiedMarks.Mark mark = mark(c, size[0]);
                trusted = trustMark && mark != null;
                try (Audit audit = new Audit(c, size[0], true, mark, trusted, null)) {
                    EntryReader reader = new EntryReader(c, chunk, 0, size[0]);
                    scan(reader, audit, (batch, k) -> {
                        // A projection is rebuilt only from entries that verify: the first break rolls it all back.
                        audit.check(batch, k);
                        RecordedEvent recorded = recorded(batch.entries().get(k), batch.events().get(k),
                                audit.decoded(k), audit.signed(k), audit.statementHash(k));
                        for (Projection.Rebuild r : rebuilds) {
                            r.apply(recorded);
                        }
                    });
                    audit.finish(headHash, reader);
                    signaturesTrusted = audit.signaturesTrusted();
                    if (marks != null && size[0] > 0 && !dryRun) {
                        marks.record(c, size[0], audit.root());   // committed with the projections, or not at all
                    }
                }
                List<io.hazardledger.ReplayReport.Rebuilt> rebuilt = new ArrayList<>();
                for (int i = 0; i < rebuilds.size(); i++) {
                    long changed = rebuilds.get(i).finish();
                    boolean rewritten = changed == Projection.Rebuild.REWRITTEN;
                    rebuilt.add(new io.hazardledger.ReplayReport.Rebuilt(projections.get(i).name(), rewritten,
                            rewritten ? null : changed));
                }
                if (dryRun) {
                    HeadLocks.undoSince(c, afterLock);
                } else {
                    forgetRebuildRequests(c);
                    c.commit();
                }
                afterLock = null;   // nothing left to undo
                org.slf4j.LoggerFactory.getLogger(LedgerStore.class).info("{} {} entries ({} signatures verified "
                        + "by an earlier replay); {}", dryRun ? "compared the projections with" : "replayed", size[0],
                        signaturesTrusted, String.join(", ", rebuilt.stream()
                        .map(r -> r.name() + ": " + (r.rewritten() ? "rewritten" : r.rowsChanged() + " rows changed"))
                        .toList()));
                rebuilds.clear();
                return new io.hazardledger.ReplayReport(size[0], rebuilt, signaturesTrusted);
            } catch (SQLException | LedgerIntegrityException | RuntimeException | Error e) {
                HeadLocks.undoAfterFailure(c, afterLock, e);
                if (trusted && e instanceof LedgerIntegrityException) {
                    // a signature below the mark that was not checked may break the ledger before the index named
                    throw new MarkNotMadeAgain();
                }
                throw e;
            } finally {
                rebuilds.forEach(Projection.Rebuild::abort);
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("replay failed: " + e.getMessage(), e);
        }
    }

    /** A replay satisfies every rebuild a migration asked for; a store without the request table has none. */
    private static void forgetRebuildRequests(Connection c) throws SQLException {
        if (Sql.tableExists(c, "projection_rebuild")) {
            Sql.update(c, "DELETE FROM projection_rebuild");
        }
    }

    /**
     * Rows below index 0, which the scan from index 0 never reaches: an entry there is the first row in ledger order
     * and is not index 0 ({@code missing-entry} at 0); a key listing there names no entry the scan checks (and would
     * put a key forged there into the key history), {@code key-index-mismatch} at 0.
     */
    private static void belowTheFirst(Connection c) throws SQLException, LedgerIntegrityException {
        // in FORMAT's order: the key listing at the start, the entries as the first of them is checked
        long lowestListed = count(c, MIN_KEY_INDEX);
        if (lowestListed < 0) {
            throw new LedgerIntegrityException(0, "key-index-mismatch", "ledger_key_entry lists an index below 0",
                    "lowest index listed 0 or more", "lowest index listed " + lowestListed);
        }
        long lowest = count(c, MIN_INDEX);
        if (lowest < 0) {
            throw new LedgerIntegrityException(0, "missing-entry", "an entry is stored below index 0",
                    "ledger_index 0", "ledger_index " + lowest);
        }
    }

    /** Entries stored at or beyond the head: reported at the head's index, by verify() and the head check alike. */
    private static LedgerIntegrityException beyondHead(long size, long highest) {
        return new LedgerIntegrityException(size, "beyond-head", "entries are stored at or beyond the chain head",
                "highest index " + (size - 1), "highest index " + highest);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String head(Connection c, long[] size) throws SQLException, LedgerIntegrityException {
        return head(c, size, false);
    }

    /** The chain head; with {@code locked}, read under its row lock (held until this transaction ends). */
    private static String head(Connection c, long[] size, boolean locked) throws SQLException, LedgerIntegrityException {
        try (PreparedStatement ps = c.prepareStatement("SELECT size, head_hash FROM ledger_head WHERE id = 1"
                + (locked ? " FOR UPDATE" : ""));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new LedgerIntegrityException(0, "head-missing", "the chain head row is missing",
                        "a ledger_head row", "none");
            }
            size[0] = rs.getLong(1);
            if (size[0] < 0) {   // no ledger has fewer than no entries: the row is not a head (it was -5 in a probe)
                throw new LedgerIntegrityException(0, "head-missing", "the chain head row counts " + size[0]
                        + " entries", "a size of 0 or more", String.valueOf(size[0]));
            }
            return rs.getString(2);
        }
    }

    /** An entry with its event, as projections are fed it. */
    private RecordedEvent recorded(EntryRow entry, EntryContent event) {
        return new RecordedEvent(entry.index(), entry.entryHash(), event.aggregateId(),
                StoredInstants.parse(event.recordedAt()), payloadOf(event), signatures.signatureOf(event))
                .withCaller(StoredSignatures.callerOf(event));
    }

    /** The event's payload, deserialised. */
    private Object payloadOf(EntryContent event) {
        return eventSerializer.deserialize(new SimpleSerializedObject<>(
                event.payloadJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), byte[].class,
                event.eventType(), event.payloadRevision()));
    }

    /** An entry with its event, whose payload is deserialised, signature read and statement hashed already. */
    private static RecordedEvent recorded(EntryRow entry, EntryContent event, Object payload, SignedStatement signed,
                                          String statementHash) {
        return new RecordedEvent(entry.index(), entry.entryHash(), event.aggregateId(),
                StoredInstants.parse(event.recordedAt()), payload, signed, statementHash,
                StoredSignatures.callerOf(event));
    }

    /**
     * Feeds {@code consumer} the committed entries from {@code from} (inclusive) to {@code to} (exclusive, at most
     * the head) in index order, with their events, as projections are fed them; returns how many. Reads what is
     * stored without verifying it ({@link #verify()} does that).
     */
    public long read(long from, long to, java.util.function.Consumer<RecordedEvent> consumer) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return read(c, from, to, consumer);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the ledger: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #read(long, long, java.util.function.Consumer)}, on the caller's connection and in its transaction (the
     * caller ends it): for a reader that holds a connection already (a second one taken meanwhile could wait for ever
     * on a pool its holders exhausted).
     */
    public long read(Connection c, long from, long to, java.util.function.Consumer<RecordedEvent> consumer)
            throws SQLException {
        try {
            long[] size = new long[1];
            head(c, size);
            long count = 0;
            EntryReader reader = new EntryReader(c, chunk, from, Math.min(to, size[0]));
            for (EntryReader.Batch batch = reader.next(); batch.size() > 0; batch = reader.next()) {
                for (int k = 0; k < batch.size(); k++) {
                    EntryRow entry = batch.entries().get(k);
                    EntryContent event = batch.events().get(k);
                    if (event == null) {
                        throw new LedgerIntegrityException(entry.index(), "event-missing",
                                "the entry's event is not stored", entry.eventId(), "none");
                    }
                    consumer.accept(recorded(entry, event));
                    count++;
                }
            }
            return count;
        } catch (LedgerIntegrityException e) {
            throw new LedgerStorageException("could not read the ledger: " + e.getMessage(), e);
        }
    }

    /** Hands each entry of a batch to {@code visitor}, in index order. */
    private static void visit(EntryReader.Batch batch, EntryVisitor visitor)
            throws SQLException, LedgerIntegrityException {
        for (int k = 0; k < batch.size(); k++) {
            visitor.visit(batch, k);
        }
    }

    /**
     * Reads the entries in batches and hands each of them to {@code visitor} in index order, each batch once {@code
     * audit} has prepared it. While the worker threads prepare a batch, this thread reads the next one, and while it
     * checks a batch they prepare the next: reading, checking and preparing overlap, at most three batches in memory.
     */
    private static void scan(EntryReader reader, Audit audit, EntryVisitor visitor)
            throws SQLException, LedgerIntegrityException {
        EntryReader.Batch batch = reader.next();
        java.util.concurrent.CompletableFuture<Audit.Prepared[]> ahead = audit.prepareAhead(batch);
        while (batch.size() > 0) {
            EntryReader.Batch next;
            try {
                next = reader.next();
            } catch (SQLException | RuntimeException readingAhead) {
                // a later range that cannot be read does not hide a break in this one: this batch is checked first
                audit.use(ahead);
                visit(batch, visitor);
                throw readingAhead;
            }
            java.util.concurrent.CompletableFuture<Audit.Prepared[]> nextAhead = audit.prepareAhead(next);
            audit.use(ahead);
            visit(batch, visitor);
            batch = next;
            ahead = nextAhead;
        }
    }
}
