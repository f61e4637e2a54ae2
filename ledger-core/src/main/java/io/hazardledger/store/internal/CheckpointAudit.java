package io.hazardledger.store.internal;

import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoints stored in {@code checkpoint}, compared with the entries as a verification reaches their sizes
 * (docs/FORMAT.md section 6, checks 7b and 13). The log signed each one's root for its first entries, so a history
 * rewritten below a stored checkpoint, links, Merkle nodes and head included, breaks at that checkpoint's last entry,
 * and a history cut short below one is missing entries. A row is first compared by its note's text: one that states
 * the root the entries make needs no signature checked (whoever signed it, it shows no change). Only a row that does
 * not is checked: signed by one of the log's keys for its origin, the disagreement is a break; otherwise the row is no
 * checkpoint of this log (the log serves none such either), and it is ignored, with a warning. Once every entry is
 * checked, the largest agreeing row must be the log's too, so that what is reported as the latest checkpoint is one the
 * log signed: walking down the {@value #KEPT} largest agreeing rows, each that is not the log's is counted ignored
 * instead. Rows are read in order of size, {@code chunk} a query.
 */
final class CheckpointAudit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckpointAudit.class);

    /** How many of the largest agreeing rows are kept, to find the largest of them that the log signed. */
    static final int KEPT = 16;

    private record Row(long treeSize, String note) {
    }

    private final Connection c;
    private final List<NoteVerifier> verifiers;
    private final String origin;
    /** Rows up to this size are compared while the entries are scanned: those below the verified head. */
    private final long size;
    private final int chunk;
    private final PreparedStatement first;
    private final PreparedStatement next;
    private final ArrayDeque<Row> read = new ArrayDeque<>();
    /** The size of the last row read, null before the first query; rows above it are read next. */
    private Long readUpTo;
    private boolean exhausted;
    /** The largest agreeing rows, the largest last. */
    private final ArrayDeque<Row> agreed = new ArrayDeque<>();
    private long agreeing;
    /** The largest agreeing row's size that the log signed; null while none is known. */
    private Long latest;
    private long ignored;

    /**
     * Compares the stored checkpoints of size up to {@code size} with the entries below it, for the log
     * {@code origin} whose notes {@code verifiers} check; null when the store has no checkpoint table.
     */
    static CheckpointAudit open(Connection c, long size, List<NoteVerifier> verifiers, String origin, int chunk)
            throws SQLException {
        return Sql.tableExists(c, "checkpoint") ? new CheckpointAudit(c, size, verifiers, origin, chunk) : null;
    }

    private CheckpointAudit(Connection c, long size, List<NoteVerifier> verifiers, String origin, int chunk)
            throws SQLException {
        this.c = c;
        this.size = size;
        this.verifiers = verifiers;
        this.origin = origin;
        this.chunk = chunk;
        this.first = c.prepareStatement("SELECT tree_size, note FROM checkpoint WHERE tree_size <= ? "
                + "ORDER BY tree_size");
        try {
            this.next = c.prepareStatement("SELECT tree_size, note FROM checkpoint WHERE tree_size > ? "
                    + "AND tree_size <= ? ORDER BY tree_size");
        } catch (SQLException e) {
            first.close();
            throw e;
        }
    }

    /** The rows of size 0 (and any below, which the log never writes): against the empty tree, before any entry. */
    void start() throws SQLException, LedgerIntegrityException {
        while (nextSize() <= 0) {
            compare(read.poll(), 0, 0, MerkleHash.empty());
        }
    }

    /** The size of the next row not compared yet, up to the verified size; {@link Long#MAX_VALUE} when none is left. */
    long nextSize() throws SQLException {
        if (read.isEmpty() && !exhausted) {
            PreparedStatement query = readUpTo == null ? first : next;
            int column = 1;
            if (readUpTo != null) {
                query.setLong(column++, readUpTo);
            }
            query.setLong(column, size);
            query.setMaxRows(chunk);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    read.add(new Row(rs.getLong(1), rs.getString(2)));
                }
            }
            exhausted = read.size() < chunk;
            readUpTo = read.isEmpty() ? Long.valueOf(Long.MIN_VALUE) : Long.valueOf(read.peekLast().treeSize());
        }
        return read.isEmpty() ? Long.MAX_VALUE : read.peek().treeSize();
    }

    /**
     * After the entry at {@code index} passed its checks, the rows up to size {@code index + 1} not compared yet (call
     * while {@link #nextSize()} is at most that), against {@code root}, the root of the entries up to it.
     */
    void check(long index, byte[] root) throws SQLException, LedgerIntegrityException {
        compare(read.poll(), index, index + 1, root);
    }

    /** A row against the root of the first {@code entries} entries, a break reported at {@code index}. */
    private void compare(Row row, long index, long entries, byte[] root) throws LedgerIntegrityException {
        Checkpoint claimed = claimed(row.note());
        if (claimed != null && claimed.origin().equals(origin) && claimed.size() == row.treeSize()
                && row.treeSize() == entries && Arrays.equals(claimed.root(), root)) {
            agreeing++;
            agreed.addLast(row);
            if (agreed.size() > KEPT) {
                agreed.removeFirst();
            }
            return;
        }
        Optional<Checkpoint> signed = signedByLog(row.note());
        if (signed.isEmpty()) {
            ignore(row.treeSize());
            return;
        }
        Checkpoint checkpoint = signed.get();
        if (checkpoint.size() != row.treeSize() || row.treeSize() != entries) {
            throw new LedgerIntegrityException(index, "checkpoint-mismatch", "the checkpoint stored for a tree of "
                    + row.treeSize() + " entries is the log's signed checkpoint of " + checkpoint.size(),
                    "size " + row.treeSize(), "size " + checkpoint.size());
        }
        throw new LedgerIntegrityException(index, "checkpoint-mismatch", "the entries up to this one do not make the "
                + "Merkle root that the log signed in its checkpoint of " + row.treeSize() + " entries: an entry up to "
                + "here was changed, added or removed since", HexFormat.of().formatHex(checkpoint.root()),
                HexFormat.of().formatHex(root));
    }

    /**
     * After the last entry, with the head read again under its lock ({@code head}): a row of a larger tree that the
     * log signed means that entries it committed to are gone ({@code missing-entry} at {@code head}). {@code highest}
     * is the largest stored size, read before that head: a checkpoint is signed under the head's lock for the size the
     * head then had, and heads only grow, so only a head set back leaves one beyond it. Rows between the verified size
     * and {@code head} were made while the entries were verified, and are left for the next verification. Then the
     * largest agreeing row that the log signed is found (see the class).
     */
    void finish(long highest, long head) throws SQLException, LedgerIntegrityException {
        if (highest > head) {
            beyond(head);
        }
        while (!agreed.isEmpty()) {
            Row row = agreed.removeLast();
            if (signedByLog(row.note()).isPresent()) {
                latest = row.treeSize();
                return;
            }
            agreeing--;
            ignore(row.treeSize());
        }
    }

    private void beyond(long head) throws SQLException, LedgerIntegrityException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, note FROM checkpoint WHERE tree_size > ? "
                + "ORDER BY tree_size")) {
            ps.setLong(1, head);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long treeSize = rs.getLong(1);
                    Optional<Checkpoint> signed = signedByLog(rs.getString(2));
                    if (signed.isEmpty()) {
                        ignore(treeSize);
                    } else if (signed.get().size() > head) {
                        throw cutShort(head, signed.get().size(), "the log signed a checkpoint of", " (the ledger was "
                                + "cut short, or restored from a backup older than that checkpoint)");
                    } else {
                        throw new LedgerIntegrityException(Math.max(0, signed.get().size() - 1), "checkpoint-mismatch",
                                "the checkpoint stored for a tree of " + treeSize + " entries is the log's signed "
                                + "checkpoint of " + signed.get().size(), "size " + treeSize,
                                "size " + signed.get().size());
                    }
                }
            }
        }
    }

    /**
     * {@code missing-entry} at {@code head}: {@code what} (a signed checkpoint, a verified mark) covers {@code covered}
     * entries, more than the ledger holds.
     */
    static LedgerIntegrityException cutShort(long head, long covered, String what, String why) {
        return new LedgerIntegrityException(head, "missing-entry", what + " " + covered + " entries, but the ledger "
                + "holds " + head + ": " + (covered - head == 1 ? "entry " + head + " is" : "entries " + head + " to "
                + (covered - 1) + " are") + " missing" + why, "at least " + covered + " entries", head + " entries");
    }

    private void ignore(long treeSize) {
        if (ignored++ == 0) {
            log.warn("the stored checkpoint of size {} is not a checkpoint of this log (its keys do not sign it for "
                    + "{}): ignored, as the log ignores it (it serves no such checkpoint)", treeSize, origin);
        }
    }

    /** What was compared (after {@link #finish}): see {@link VerifiedLedger.Checkpoints}. */
    VerifiedLedger.Checkpoints outcome() {
        return new VerifiedLedger.Checkpoints(agreeing, latest, ignored);
    }

    /** The checkpoint a note's text states, its signatures not checked; null when the text is not one. */
    private static Checkpoint claimed(String note) {
        int end = note == null ? -1 : note.lastIndexOf("\n\n");
        if (end < 0) {
            return null;
        }
        try {
            return Checkpoint.parse(note.substring(0, end + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The checkpoint of this log that the note signs, if one of the log's keys signed it for its origin. */
    private Optional<Checkpoint> signedByLog(String note) {
        return Checkpoint.signedBy(note, verifiers, origin);
    }

    @Override
    public void close() throws SQLException {
        try {
            first.close();
        } finally {
            next.close();
        }
    }
}
