package io.hazardledger.store.internal;

import io.hazardledger.InvalidInputException;
import io.hazardledger.integrity.merkle.MerkleTree;
import io.hazardledger.log.MerkleLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Merkle log over the stored entries and nodes; every read is of committed, complete subtrees.
 *
 * <p>The tree's upper nodes are kept in memory once read: a stored node never changes, every proof needs the upper
 * ones, and there are few of them, so a proof reads from the database only its nodes below {@link #cachedFrom}
 * (six to ten reads instead of twenty to thirty at a million entries).
 */
public final class JdbcMerkleLog implements MerkleLog {

    /** The most entries one {@link #entries} call returns. */
    public static final int MAX_ENTRIES = 10_000;

    /** The most upper nodes kept (about 100 bytes each). */
    static final int MAX_CACHED_NODES = 1 << 19;

    private final DataSource dataSource;
    private final ConcurrentHashMap<Long, byte[]> upperNodes = new ConcurrentHashMap<>();
    private volatile Boolean inProcess;

    public JdbcMerkleLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long size() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT size FROM ledger_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            } catch (SQLException e) {
                throw new LedgerStorageException("could not read the chain head: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public byte[] root(long size) {
        requireSize("treeSize", size);
        return read(c -> withNodes(c, size, tree -> tree.root(size)));
    }

    @Override
    public byte[] leafHash(long index) {
        requireIndex("index", index, size());
        return read(c -> {
            try (MerkleNodes.StoredNodes stored = MerkleNodes.source(c)) {
                return stored.node(0, index);
            }
        });
    }

    @Override
    public List<byte[]> inclusionProof(long index, long treeSize) {
        requireSize("treeSize", treeSize);
        requireIndex("index", index, treeSize);
        return read(c -> withNodes(c, treeSize, tree -> tree.inclusionProof(index, treeSize)));
    }

    @Override
    public List<byte[]> consistencyProof(long from, long to) {
        requireSize("to", to);
        if (from < 0 || from > to) {
            throw new InvalidInputException("from", "must be between 0 and to (" + to + ")");
        }
        return read(c -> withNodes(c, to, tree -> tree.consistencyProof(from, to)));
    }

    @Override
    public List<byte[]> entries(long from, long to) {
        requireSize("to", to);
        if (from < 0 || from > to) {
            throw new InvalidInputException("from", "must be between 0 and to (" + to + ")");
        }
        if (to - from > MAX_ENTRIES) {
            throw new InvalidInputException("to", "at most " + MAX_ENTRIES + " entries at a time");
        }
        return read(c -> {
            List<byte[]> out = new ArrayList<>((int) (to - from));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entry FROM ledger_entry WHERE ledger_index >= ? AND ledger_index < ? ORDER BY ledger_index")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                }
            } catch (SQLException e) {
                throw new LedgerStorageException("could not read entries: " + e.getMessage(), e);
            }
            return out;
        });
    }

    /**
     * The lowest level kept in memory for a tree of {@code size} leaves: level 6 and up (under 2 * size / 64 nodes)
     * while that is under {@link #MAX_CACHED_NODES} / 2 nodes, higher levels for bigger trees.
     */
    static int cachedFrom(long size) {
        int depth = 64 - Long.numberOfLeadingZeros(size);
        return Math.max(6, depth - 17);
    }

    /**
     * Runs {@code work} on the tree of {@code size} leaves, the upper nodes from the in-memory copy.
     * <ul>
     * <li>On H2 in this process (no round trips), each node below them is read as the work asks for it, by one of
     * two statements whose parsed form H2 keeps for the connection: H2 keeps a plain SELECT parsed, never a UNION,
     * and parsing a proof's UNION took more of its time than the reads.</li>
     * <li>On any other database (PostgreSQL, or H2 through its TCP server), the nodes it needs are read in one
     * query: a first run over placeholder hashes records which nodes it asks for (which depends only on the sizes and
     * indexes, never on the hashes), they are read together (one round trip), and a second run computes the answer
     * from them.</li>
     * </ul>
     */
    private <T> T withNodes(Connection c, long size, java.util.function.Function<MerkleTree, T> work) {
        int cachedFrom = cachedFrom(size);
        if (inProcess(c)) {
            try (MerkleNodes.StoredNodes stored = MerkleNodes.source(c)) {
                return work.apply(new MerkleTree((level, index) -> {
                    if (level < cachedFrom) {
                        return stored.node(level, index);
                    }
                    Long key = MerkleNodes.key(level, index);
                    byte[] hash = upperNodes.get(key);
                    if (hash != null) {
                        return hash.clone();
                    }
                    hash = stored.node(level, index);
                    keep(key, hash);
                    return hash;
                }));
            }
        }
        java.util.Set<Long> wanted = new java.util.LinkedHashSet<>();
        byte[] placeholder = new byte[32];
        work.apply(new MerkleTree((level, index) -> {
            Long key = MerkleNodes.key(level, index);
            if (level < cachedFrom || !upperNodes.containsKey(key)) {
                wanted.add(key);
            }
            return placeholder;
        }));
        java.util.Map<Long, byte[]> read = MerkleNodes.readAll(c, wanted);
        return work.apply(new MerkleTree((level, index) -> {
            Long key = MerkleNodes.key(level, index);
            byte[] hash = read.get(key);
            if (hash == null) {
                hash = upperNodes.get(key);
                if (hash == null) { // asked for in the second run only: cannot happen, the runs ask alike
                    throw new LedgerStorageException("Merkle node (" + level + ", " + index + ") was not read", null);
                }
                return hash.clone();
            }
            if (level >= cachedFrom) {
                keep(key, hash);
            }
            return hash;
        }));
    }

    /** Keeps a copy of an upper node read from the store, while there is room (a stored node never changes). */
    private void keep(Long key, byte[] hash) {
        if (upperNodes.size() < MAX_CACHED_NODES) {
            upperNodes.putIfAbsent(key, hash.clone());
        }
    }

    /** Whether the store is H2 in this process, asked once. */
    private boolean inProcess(Connection c) {
        Boolean local = inProcess;
        if (local == null) {
            try {
                local = Sql.isH2(c) && H2Housekeeping.inProcess(c);
            } catch (SQLException e) {
                throw new LedgerStorageException("could not tell the database: " + e.getMessage(), e);
            }
            inProcess = local;
        }
        return local;
    }

    private void requireSize(String field, long size) {
        long current = size();
        if (size < 0 || size > current) {
            throw new InvalidInputException(field, "must be between 0 and the tree size " + current + ", got " + size);
        }
    }

    private static void requireIndex(String field, long index, long size) {
        if (index < 0 || index >= size) {
            throw new InvalidInputException(field, "must be below the tree size " + size + ", got " + index);
        }
    }

    private <T> T read(Function<Connection, T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the log: " + e.getMessage(), e);
        }
    }
}
