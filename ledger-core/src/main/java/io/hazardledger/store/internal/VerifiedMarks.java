package io.hazardledger.store.internal;

import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.note.NoteVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a replay that checked every entry leaves for the next one: a note signed with the ledger's own checkpoint key
 * saying "every entry below this size verified, signatures included, and they make this Merkle root" (docs/FORMAT.md,
 * verified marks). A later replay takes the signatures below a mark as checked, once the entries it reads make that
 * root again; everything else it still checks. Anyone who can write the database but does not hold the key can
 * neither make a mark nor change an entry below one without the root telling: the entry's bytes, its signature
 * among them, are in its leaf.
 */
public final class VerifiedMarks {

    private static final Logger log = LoggerFactory.getLogger(VerifiedMarks.class);
    /**
     * The note's first line. A checkpoint's (and a weekly report's) first line is the origin, a key name, which has no
     * space ({@link io.hazardledger.integrity.note.NoteKeys#checkName}); and a mark's third line, a decimal size, is
     * never a checkpoint's base64 root.
     */
    static final String FIRST_LINE = "hazard-ledger verified every entry below";

    /** A mark: the entries below {@code size} verified, and make {@code root}. */
    record Mark(long size, byte[] root) {
    }

    private final NoteSigner signer;
    private final List<NoteVerifier> verifiers;
    private final String origin;

    /** Marks signed with the first of {@code signers} and accepted from any of them, for the log {@code origin}. */
    public VerifiedMarks(List<NoteSigner> signers, String origin) {
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a verified mark needs a signing key");
        }
        this.signer = signers.get(0);
        this.verifiers = signers.stream().map(NoteSigner::verifier).toList();
        this.origin = origin;
    }

    /** The log's keys, which also sign its checkpoints. */
    List<NoteVerifier> verifiers() {
        return verifiers;
    }

    /** The log's origin, the name of its keys. */
    String origin() {
        return origin;
    }

    static String text(String origin, long size, byte[] root) {
        return FIRST_LINE + "\n" + origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** At most this many rows are read for a mark: the ledger keeps one, so more are someone else's. */
    private static final int ROWS_READ = 4;

    /**
     * The mark of the largest size not above {@code size} that this ledger's keys signed, among the
     * {@value #ROWS_READ} largest; a row they did not sign is skipped, with a warning (nobody but the ledger writes
     * that table). Empty too on a schema without the table.
     */
    Optional<Mark> latest(Connection c, long size) throws SQLException {
        return largestSigned(c, "tree_size <= ?", size, true);
    }

    /**
     * The largest mark that this ledger's keys signed for more entries than {@code head} holds: a replay verified
     * entries that are gone (a mark is written with the head it covers, in one transaction, and heads only grow). Read
     * with the head locked. Rows the keys did not sign are skipped, as {@link #latest} skips them.
     */
    Optional<Mark> beyond(Connection c, long head) throws SQLException {
        return largestSigned(c, "tree_size > ?", head, false);
    }

    /** The largest signed mark among the {@value #ROWS_READ} largest rows where {@code condition} holds of a size. */
    private Optional<Mark> largestSigned(Connection c, String condition, long size, boolean warn) throws SQLException {
        if (!Sql.tableExists(c, "verified_mark")) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, note FROM verified_mark "
                + "WHERE " + condition + " ORDER BY tree_size DESC")) {
            ps.setLong(1, size);
            ps.setMaxRows(ROWS_READ);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long treeSize = rs.getLong(1);
                    Optional<Mark> mark = signed(treeSize, rs.getString(2), rs.getString(3));
                    if (mark.isPresent()) {
                        return mark;
                    }
                    if (warn) {
                        log.warn("verified_mark holds a row for size {} that this ledger's keys did not sign for {}: "
                                + "ignored (the replay checks every signature); nobody but the ledger writes that "
                                + "table", treeSize, origin);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Mark> signed(long treeSize, String rootHex, String note) {
        if (treeSize < 1 || rootHex == null || note == null) {
            return Optional.empty();
        }
        byte[] root;
        try {
            root = HexFormat.of().parseHex(rootHex);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return NoteVerifier.verifyWithAny(verifiers, note)
                .filter(text -> root.length == 32 && text.equals(text(origin, treeSize, root)))
                .map(text -> new Mark(treeSize, root));
    }

    /** Records, in the caller's transaction, that the entries below {@code size} verified and make {@code root}. */
    void record(Connection c, long size, byte[] root) throws SQLException {
        if (size < 1 || !Sql.tableExists(c, "verified_mark")) {
            return;
        }
        String note = signer.sign(text(origin, size, root));
        // one mark is enough: the latest covers every entry an earlier one did
        Sql.update(c, "DELETE FROM verified_mark");
        Sql.update(c, "INSERT INTO verified_mark (tree_size, root_hash, note) VALUES (?, ?, ?)", size,
                HexFormat.of().formatHex(root), note);
    }
}
