package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The read that every {@code verify} and replay makes first, of the key history, timed the way it was made before V17
 * (a scan of every entry for its {@code event_type}: the column has no index) and the way it is made since (through
 * {@code ledger_key_entry}), alternated, each on a session of its own: H2 hands a session that asks the same query
 * again, with nothing written since, its last result, which a live ledger, written between two verifications, never
 * gets. Reads only; the store must be at V17 (a ledger of this version opened it once).
 *
 * <pre>java -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.KeyHistoryRead STORE [ROUNDS]</pre>
 * STORE as for {@link StoreVerify}.
 */
public final class KeyHistoryRead {

    /** The key history's query before V17 (StoredSignatures at 4819463). */
    static final String SCAN = "SELECT l.ledger_index, l.event_type, e.payload FROM ledger_entry l "
            + "JOIN ledger_domain_event e ON e.event_identifier = l.event_id "
            + "WHERE l.ledger_index < ? AND l.event_type IN ('KeyRegistered', 'KeyRevoked') ORDER BY l.ledger_index";
    /** Its query since V17 (StoredSignatures.audit). */
    static final String LISTED = "SELECT k.ledger_index, e.payload_type, e.payload "
            + "FROM ledger_key_entry k JOIN ledger_entry l ON l.ledger_index = k.ledger_index "
            + "JOIN ledger_domain_event e ON e.event_identifier = l.event_id "
            + "WHERE k.ledger_index < ? ORDER BY k.ledger_index";

    private KeyHistoryRead() {
    }

    /** One timed query: before V17 ({@code scan}) or since, the key events it read, and its time. */
    public record Round(int round, boolean scan, int keyEvents, double millis) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: KeyHistoryRead STORE [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        run(args[0], rounds, r -> System.out.printf("round %d: %s %d key events in %.1f ms%n", r.round(),
                r.scan() ? "before V17, every entry scanned:" : "since V17, through ledger_key_entry:",
                r.keyEvents(), r.millis()));
    }

    /** Both queries, alternated, {@code rounds} times each, every one on a session of its own. */
    public static java.util.List<Round> run(String store, int rounds, java.util.function.Consumer<Round> each)
            throws Exception {
        java.util.List<Round> measured = new java.util.ArrayList<>();
        // a pool of one kept open holds the H2 database open (its page cache) between the measured sessions
        try (HikariDataSource holder = Stores.existing(store, 1); Connection held = holder.getConnection()) {
            long size;
            try (PreparedStatement ps = held.prepareStatement("SELECT size FROM ledger_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                size = rs.getLong(1);
            }
            System.out.println("key history of " + size + " entries, " + rounds + " rounds, each query on a session of its own");
            for (int round = 1; round <= rounds; round++) {
                for (boolean scan : new boolean[] {true, false}) {
                    try (HikariDataSource ds = Stores.existing(store, 1); Connection c = ds.getConnection()) {
                        c.setAutoCommit(false);
                        long start = System.nanoTime();
                        int rows = 0;
                        try (PreparedStatement ps = c.prepareStatement(scan ? SCAN : LISTED)) {
                            ps.setLong(1, size);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    rs.getBytes(3);
                                    rows++;
                                }
                            }
                        }
                        Round r = new Round(round, scan, rows, (System.nanoTime() - start) / 1e6);
                        c.rollback();
                        measured.add(r);
                        each.accept(r);
                    }
                }
            }
        }
        return measured;
    }
}
