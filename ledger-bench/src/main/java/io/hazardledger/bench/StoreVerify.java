package io.hazardledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.hazardledger.Ledger;
import io.hazardledger.integrity.VerifiedLedger;

/**
 * {@code Ledger.verify()} (or {@code Ledger.replay()}) of a store filled before (by {@link Growth}, whose stores stay in
 * its work directory), timed several times in one JVM: the first run as a fresh process sees it, then warm runs. The
 * same store measured before and after a change gives the change's effect on the same entries.
 *
 * <pre>java -Xmx512m -cp ledger-bench/target/benchmarks.jar io.hazardledger.bench.StoreVerify STORE [ROUNDS] [replay|replay-empty]</pre>
 * STORE is an H2 file store's path without {@code .mv.db}, or a {@code jdbc:postgresql:} URL ({@code -Dbench.password}).
 * With {@code replay} each round rebuilds every projection (which changes the store's projection tables, not its
 * ledger: run it on a copy to keep the store as it was); with {@code replay-empty} the register, its history and the
 * weekly facts are deleted before each round (not timed), so that the replay writes every row of them, as into a
 * projection a migration added.
 */
public final class StoreVerify {

    private StoreVerify() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean replay = args.length > 2 && args[2].startsWith("replay");
        boolean empty = args.length > 2 && args[2].equals("replay-empty");
        try (HikariDataSource ds = Stores.existing(args[0], 4);
             Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            for (int round = 1; round <= rounds; round++) {
                if (empty) {
                    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
                        for (String sql : new String[] {"DELETE FROM hazard_view", "DELETE FROM weekly_fact",
                                "DELETE FROM hazard_version", "UPDATE hazard_version_head SET next_index = 0"}) {
                            s.executeUpdate(sql);
                        }
                    }
                }
                long t0 = System.nanoTime();
                if (replay) {
                    long replayed = ledger.replay();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("round %d: replayed %d entries in %.2f s: %.0f entries/s%n", round, replayed,
                            seconds, replayed / seconds);
                    continue;
                }
                VerifiedLedger v = ledger.verify();
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d: %d entries in %.2f s: %.0f entries/s (%d signature findings)%n", round,
                        v.size(), seconds, v.size() / seconds, v.signatureFindings().size());
            }
        }
    }
}
