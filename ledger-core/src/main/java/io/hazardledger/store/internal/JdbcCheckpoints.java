package io.hazardledger.store.internal;

import io.hazardledger.integrity.merkle.MerkleTree;
import io.hazardledger.integrity.merkle.ProofException;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.Cosignatures;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.log.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints in the database. Making one locks the chain head, so that one node at a time signs and the size
 * signed is a committed one; the new root is checked against the latest checkpoint with a consistency proof
 * before it is signed.
 */
public final class JdbcCheckpoints implements Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(JdbcCheckpoints.class);
    private static final HexFormat HEX = HexFormat.of();

    private final DataSource dataSource;
    private final List<NoteSigner> signers;
    private final String origin;
    private final Clock clock;

    /** {@code signers}: the first is the primary key (served as the verifier key); all of them sign every checkpoint. */
    private final List<Cosignatures.Witness> witnesses;
    private io.hazardledger.integrity.tsa.TimestampClient tsa;
    private byte[] tsaCertificate;

    /** Timestamps every new checkpoint with this authority; its tokens are verified with its certificate (DER). */
    public void timestampWith(io.hazardledger.integrity.tsa.TimestampClient client, byte[] certificateDer) {
        this.tsa = client;
        this.tsaCertificate = certificateDer.clone();
    }

    /**
     * @param forced forces an embedded H2 file after a checkpoint, a timestamp or cosignatures are committed, before
     *               they are served or answered (null: the store forces its commits itself, or is not to be forced)
     */
    public JdbcCheckpoints(DataSource dataSource, List<NoteSigner> signers, String origin, Clock clock,
                           List<Cosignatures.Witness> witnesses, ForcedCommits forced) {
        this.forced = forced;
        this.witnesses = List.copyOf(witnesses);
        this.dataSource = dataSource;
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint needs at least one signing key");
        }
        this.signers = List.copyOf(signers);
        this.origin = origin;
        this.clock = clock;
        this.verifiers = this.signers.stream().map(NoteSigner::verifier).toList();
    }

    private final ForcedCommits forced;

    /** Forces an embedded H2 file after a commit on {@code c}, where the ledger does. */
    private void force(Connection c) throws SQLException {
        if (forced != null) {
            forced.afterCommit(c);
        }
    }

    /** The log's own keys, to tell the rows it signed from rows written into the table by anyone else. */
    private final List<NoteVerifier> verifiers;

    /**
     * The checkpoint a stored note signs, if one of the log's keys signed it for this origin and {@code treeSize};
     * else null.
     */
    private Checkpoint signedByLog(long treeSize, String note) {
        return Checkpoint.signedBy(note, verifiers, origin).filter(cp -> cp.size() == treeSize).orElse(null);
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public String verifierKey() {
        return signers.get(0).verifierKey();
    }

    @Override
    public List<String> verifierKeys() {
        return signers.stream().map(NoteSigner::verifierKey).toList();
    }

    /**
     * The latest checkpoint this log signed (see {@link #latestSigned}), with its cosignatures: a row the log's keys
     * did not sign is never served as the latest (a reader would refuse it, and a proof to its size would fail).
     */
    @Override
    public Optional<String> latest() {
        try (Connection c = dataSource.getConnection()) {
            Signed last = latestSigned(c);
            return last == null ? Optional.empty()
                    : Optional.of(withCosignatures(c, last.checkpoint().size(), last.note()));
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the checkpoints: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Made> latestMade() {
        try (Connection c = dataSource.getConnection()) {
            Signed last = latestSigned(c);
            if (last == null) {
                return Optional.empty();
            }
            return Sql.query(c, "SELECT tree_size, created_at FROM checkpoint WHERE tree_size = ?", rs -> new Made(
                    rs.getLong(1), java.time.Instant.parse(rs.getString(2))), last.checkpoint().size()).stream()
                    .findFirst();
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the checkpoints: " + e.getMessage(), e);
        }
    }

    /** The checkpoint of that size if the log's keys signed it (a row they did not sign is logged, not served). */
    @Override
    public Optional<String> at(long treeSize) {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> note = Sql.query(c, "SELECT note FROM checkpoint WHERE tree_size = ?",
                    rs -> rs.getString(1), treeSize).stream().findFirst();
            if (note.isEmpty()) {
                return note;
            }
            if (signedByLog(treeSize, note.get()) == null) {
                log.warn("the stored checkpoint of size {} is not signed by this log's keys for {}: not served",
                        treeSize, origin);
                return Optional.empty();
            }
            return Optional.of(withCosignatures(c, treeSize, note.get()));
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the checkpoints: " + e.getMessage(), e);
        }
    }

    /**
     * The note with the witnesses' cosignature lines it received, read on the caller's connection: a second one taken
     * while it holds the first could wait for ever on a pool that its holders exhausted (a verified history did).
     */
    private static String withCosignatures(Connection c, long treeSize, String note) throws SQLException {
        StringBuilder cosigned = new StringBuilder(note);
        Sql.query(c, "SELECT signature_line FROM checkpoint_cosignature WHERE tree_size = ? ORDER BY witness",
                rs -> rs.getString(1), treeSize).forEach(line -> cosigned.append(line).append('\n'));
        return cosigned.toString();
    }

    /** Asks the authority for a timestamp of the new checkpoint; a failure is logged and leaves it without one. */
    private void timestamp(long size, String note) {
        if (tsa == null) {
            return;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(note.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] token = tsa.timestamp(digest);
            var info = io.hazardledger.integrity.tsa.TimestampVerifier.verify(token, digest, tsaCertificate);
            try (Connection c = dataSource.getConnection()) {
                Sql.update(c, "INSERT INTO checkpoint_timestamp (tree_size, token, gen_time) VALUES (?, ?, ?)",
                        size, token, info.genTime().toString());
                force(c);
            }
            log.info("checkpoint {} timestamped by {} at {}", size, tsa.tsaUrl(), info.genTime());
        } catch (io.hazardledger.integrity.tsa.TimestampException | SQLException
                 | java.security.NoSuchAlgorithmException | LedgerStorageException e) {
            log.error("checkpoint {} could not be timestamped by {}: {}", size, tsa.tsaUrl(), e.getMessage());
        }
    }

    @Override
    public Optional<byte[]> timestamp(long treeSize) {
        return Sql.query(dataSource::getConnection, "SELECT token FROM checkpoint_timestamp WHERE tree_size = ?",
                rs -> rs.getBytes(1), treeSize).stream().findFirst();
    }

    @Override
    public List<String> witnesses() {
        return witnesses.stream().map(w -> Cosignatures.verifierKey(w.name(), lastBytes(w))).toList();
    }

    private static byte[] lastBytes(Cosignatures.Witness w) {
        byte[] spki = w.key().spki();
        return java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    @Override
    public List<String> addCosignatures(long treeSize, String signatureLines) {
        String note = Sql.query(dataSource::getConnection, "SELECT note FROM checkpoint WHERE tree_size = ?",
                rs -> rs.getString(1), treeSize).stream().findFirst().orElseThrow(() ->
                new io.hazardledger.InvalidInputException("treeSize", "no checkpoint at tree size " + treeSize));
        String text = note.substring(0, note.indexOf("\n\n") + 1);
        List<String[]> accepted = new ArrayList<>();
        for (String line : signatureLines.split("\n")) {
            if (!line.startsWith("\u2014 ")) {
                continue;
            }
            Cosignatures.Witness witness = witnesses.stream().filter(w -> w.owns(line)).findFirst().orElse(null);
            if (witness == null) {
                if (signers.stream().anyMatch(s -> line.startsWith("\u2014 " + s.name() + " "))
                        && note.contains(line)) {
                    continue; // the log's own signature, as in a whole cosigned note sent back
                }
                throw new io.hazardledger.SignatureRefusedException("unknown-witness",
                        "the line is not a cosignature of a witness this log knows: " + line);
            }
            try {
                long at = witness.verify(text, line);
                accepted.add(new String[]{witness.name(), line, String.valueOf(at)});
            } catch (io.hazardledger.integrity.sig.InvalidSignatureException e) {
                throw new io.hazardledger.SignatureRefusedException("cosignature-invalid",
                        "the cosignature of " + witness.name() + " does not verify over checkpoint " + treeSize + ": "
                                + e.getMessage());
            }
        }
        if (accepted.isEmpty()) {
            throw new io.hazardledger.InvalidInputException("cosignatures", "no cosignature line was given");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (String[] a : accepted) {
                Sql.update(c, "DELETE FROM checkpoint_cosignature WHERE tree_size = ? AND witness = ?", treeSize, a[0]);
                Sql.update(c, "INSERT INTO checkpoint_cosignature (tree_size, witness, signature_line, cosigned_at, "
                        + "received_at) VALUES (?, ?, ?, ?, ?)", treeSize, a[0], a[1], Long.parseLong(a[2]),
                        clock.instant().toString());
            }
            c.commit();
            force(c);
        } catch (SQLException e) {
            throw new LedgerStorageException("could not store cosignatures: " + e.getMessage(), e);
        }
        return accepted.stream().map(a -> a[0]).toList();
    }

    @Override
    public List<Long> sizes() {
        return Sql.query(dataSource::getConnection, "SELECT tree_size FROM checkpoint ORDER BY tree_size",
                rs -> rs.getLong(1));
    }

    /** A stored checkpoint whose note verifies under one of this log's keys, parsed from its signed text. */
    private record Signed(Checkpoint checkpoint, String note) {
    }

    /**
     * The latest stored checkpoint that this log signed: its note verifies under one of the log's keys, for this
     * origin and the row's size, and its root is the one in the signed text (the {@code root_hash} column, and a row
     * whose note does not verify, could be anyone's, so a new checkpoint is never judged against them). Rows above it
     * that do not verify are logged, but for those of other origins (a log that went before on this store); however
     * many there are, the rows below them are read until one verifies (a head set back below a signed checkpoint
     * leaves that checkpoint the latest). Null when none verifies (an empty table, or the notes of keys no longer
     * configured).
     */
    private Signed latestSigned(Connection c) throws SQLException {
        return latest(c).signed();
    }

    /**
     * {@link #latestSigned}, and when it is null, how many rows name this log's origin, whoever signed them (a log
     * whose key is not held: nothing is signed, see {@link #signIfGrown}).
     */
    private record Latest(Signed signed, long ofThisOrigin) {
    }

    private Latest latest(Connection c) throws SQLException {
        int unsigned = 0;
        long ofThisOrigin = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, note FROM checkpoint ORDER BY tree_size DESC")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long treeSize = rs.getLong(1);
                    String note = rs.getString(2);
                    Checkpoint cp = signedByLog(treeSize, note);
                    if (cp != null) {
                        return new Latest(new Signed(cp, note), 0);
                    }
                    if (note != null && note.startsWith(origin + "\n")) {
                        ofThisOrigin++;
                    } else if (note != null && note.indexOf('\n') > 0) {
                        continue;   // another log's, as of one that went before on this store: not this log's concern
                    }
                    if (unsigned++ == 0) {
                        log.warn("the stored checkpoint of size {} names this log, {}, but is not signed by its "
                                + "keys: a new checkpoint is judged against the latest one that is", treeSize, origin);
                    }
                }
            }
        }
        if (unsigned > 0) {
            log.warn("none of the {} stored checkpoints that name this log, {}, is signed by its keys: a new "
                    + "checkpoint is judged against none", unsigned, origin);
        }
        return new Latest(null, ofThisOrigin);
    }

    @Override
    public String checkpointNow() {
        Signing made = signIfGrown();
        if (made.isNew()) {
            timestamp(made.size(), made.note());   // its connection taken once the signing's is back
        }
        return made.note();
    }

    /** A checkpoint's note and size, and whether it was signed just now. */
    private record Signing(String note, long size, boolean isNew) {
    }

    /** The latest checkpoint, signed now if the tree grew past it (see {@link #checkpointNow()}). */
    private Signing signIfGrown() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            java.sql.Savepoint afterLock = null;   // the head locked: see HeadLocks
            try {
                long size;
                try (PreparedStatement ps = c.prepareStatement("SELECT size FROM ledger_head WHERE id = 1 FOR UPDATE");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    size = rs.getLong(1);
                }
                afterLock = c.setSavepoint();
                Latest latest = latest(c);
                Signed last = latest.signed();
                if (last != null && last.checkpoint().size() >= size) {
                    HeadLocks.release(c);
                    return new Signing(last.note(), last.checkpoint().size(), false);
                }
                long othersOfThisLog = latest.ofThisOrigin();
                if (othersOfThisLog > 0) {
                    // a log whose key is not held (a server restored or started elsewhere without it, an application
                    // given a new one): signing now would make a second history of this log under another key
                    log.error("REFUSING to sign checkpoint {}: none of the {} stored checkpoints of {} is signed by "
                            + "this log's keys", size, othersOfThisLog, origin);
                    throw new io.hazardledger.RuleViolationException("checkpoint-key-differs", "refused to sign a "
                            + "checkpoint: the store holds " + othersOfThisLog + " checkpoints of the log " + origin
                            + ", none of them signed by this log's keys (" + String.join(", ", verifierKeys())
                            + "): it would sign that log's next ones as another's. Give it the log's key "
                            + "(ledger.log.key-file; a key rotated out among the additional keys), or start a new "
                            + "log on this store with an origin of its own (ledger.log.origin)");
                }
                byte[] root;
                try (MerkleNodes.StoredNodes stored = MerkleNodes.source(c)) {
                    MerkleTree tree = new MerkleTree(stored);
                    root = tree.root(size);
                    if (last != null) {
                        long before = last.checkpoint().size();
                        byte[] beforeRoot = last.checkpoint().root();
                        try {
                            Proofs.verifyConsistency(before, size, beforeRoot, root,
                                    tree.consistencyProof(before, size));
                        } catch (ProofException e) {
                            log.error("REFUSING to sign checkpoint {}: the tree is not consistent with checkpoint {}:"
                                    + " {}", size, before, e.getMessage());
                            throw new io.hazardledger.RuleViolationException("checkpoint-inconsistent",
                                    "refused to sign a checkpoint: the stored tree of size " + size + " is not "
                                    + "consistent with the checkpoint of size " + before + " signed earlier ("
                                    + e.getMessage() + "): the stored history was changed; run verify");
                        }
                    }
                }
                List<String> taken = Sql.query(c, "SELECT note FROM checkpoint WHERE tree_size = ?",
                        rs -> rs.getString(1), size);
                if (!taken.isEmpty() && last == null && taken.get(0) != null
                        && !taken.get(0).startsWith(origin + "\n")) {
                    // a new log on a store that holds another's checkpoints (a restored store started as a new
                    // log): a size names one checkpoint on a store, so its first is of a size the other did not sign
                    String other = taken.get(0).substring(0, Math.max(0, taken.get(0).indexOf('\n')));
                    throw new io.hazardledger.RuleViolationException("checkpoint-size-of-another-log", "no "
                            + "checkpoint of " + origin + " yet: the store's checkpoint of " + size + " entries is "
                            + "the log " + other + "'s, and a store keeps one checkpoint a size. This log signs its "
                            + "first when the ledger holds more than " + size + " entries (the next write)");
                }
                if (!taken.isEmpty()) {
                    // stored, but not found as this log's above: another key signed it (another server of this
                    // store with a key of its own), and this one cannot sign that size too
                    throw new io.hazardledger.RuleViolationException("checkpoint-key-differs", "a checkpoint of "
                            + size + " entries is stored, signed by a key this server does not hold: every server "
                            + "of one store must sign with the same log key (ledger.log.key-file: copy the first "
                            + "server's to the others)");
                }
                String text = new Checkpoint(origin, size, root).text();
                StringBuilder note = new StringBuilder(text).append('\n');
                for (NoteSigner signer : signers) {
                    note.append(signer.signatureLine(text)).append('\n');
                }
                Sql.update(c, "INSERT INTO checkpoint (tree_size, root_hash, note, created_at) VALUES (?, ?, ?, ?)",
                        size, HEX.formatHex(root), note.toString(), clock.instant().toString());
                c.commit();
                afterLock = null;   // nothing left to undo
                force(c);   // on the disk before it is returned: a checkpoint once seen must never be lost
                log.info("checkpoint {} signed (root {})", size, HEX.formatHex(root));
                return new Signing(note.toString(), size, true);
            } catch (SQLException | RuntimeException | Error e) {
                HeadLocks.undoAfterFailure(c, afterLock, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not make a checkpoint: " + e.getMessage(), e);
        }
    }

    private volatile boolean toldOfAnotherLog;

    /** Makes a checkpoint if the tree grew; for the scheduler, which must not die on an error. */
    public void checkpointIfGrown() {
        try {
            checkpointNow();
        } catch (io.hazardledger.RuleViolationException e) {
            if (e.code().equals("checkpoint-size-of-another-log")) {
                if (!toldOfAnotherLog) {   // a new log waiting for its first entry: no failure, said once
                    toldOfAnotherLog = true;
                    log.info("{}", e.getMessage());
                }
            } else {
                log.error("checkpoint failed: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("checkpoint failed: {}", e.getMessage());
        }
    }

    /** Sizes for tests of the wiring. */
    List<Long> allSizes() {
        return new ArrayList<>(sizes());
    }
}
