import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plain H2, no ledger: a rollback that undoes a row twice, the second time over another transaction's commit.
 *
 * <p>Three writers append under a head row's lock (lock the head, insert the entry at its size, move the head on,
 * commit). Beside them a reader locks the head and ends its transaction; a third kind of thread has H2 store its maps
 * ({@code CHECKPOINT}), as H2's background writer and commits do. Afterwards the head must name as many entries as
 * there are. When the reader ends by a rollback, it does not: the head falls behind the entries, and writers are
 * refused on an index already taken (the head they locked had been put back). When the reader commits, or rolls back
 * while holding the store's lock (so that no other thread stores during the rollback), it does.
 *
 * <pre>
 * java -cp h2-2.4.240.jar DoubleUndo.java /tmp/du/db 7 rollback   # or commit, or guarded
 * </pre>
 */
public class DoubleUndo {

    public static void main(String[] args) throws Exception {
        String url = "jdbc:h2:" + args[0] + ";LOCK_TIMEOUT=10000";
        long seconds = Long.parseLong(args[1]);
        String ending = args.length > 2 ? args[2] : "rollback";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS head");
            s.execute("DROP TABLE IF EXISTS entry");
            s.execute("CREATE TABLE head (id INT PRIMARY KEY, size BIGINT NOT NULL)");
            s.execute("CREATE TABLE entry (idx BIGINT PRIMARY KEY, payload VARCHAR(200))");
            s.execute("INSERT INTO head VALUES (1, 0)");
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong refused = new AtomicLong();
        AtomicLong appended = new AtomicLong();
        AtomicLong readerEnds = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread[] threads = new Thread[5];
        for (int w = 0; w < 3; w++) {
            threads[w] = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    PreparedStatement lock = c.prepareStatement("SELECT size FROM head WHERE id = 1 FOR UPDATE");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO entry VALUES (?, ?)");
                    PreparedStatement update = c.prepareStatement("UPDATE head SET size = ? WHERE id = 1");
                    while (System.nanoTime() < end) {
                        long size;
                        try (ResultSet rs = lock.executeQuery()) {
                            rs.next();
                            size = rs.getLong(1);
                        }
                        try {
                            insert.setLong(1, size);
                            insert.setString(2, "entry " + size);
                            insert.executeUpdate();
                        } catch (SQLException e) {
                            refused.incrementAndGet();   // the index is taken: the head went back
                            c.rollback();
                            continue;
                        }
                        update.setLong(1, size + 1);
                        update.executeUpdate();
                        c.commit();
                        appended.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
        }
        threads[3] = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                PreparedStatement lock = c.prepareStatement("SELECT size FROM head WHERE id = 1 FOR UPDATE");
                org.h2.mvstore.MVStore store = ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class)
                        .getSession()).getDatabase().getStore().getMvStore();
                java.lang.reflect.Field lockField = org.h2.mvstore.MVStore.class.getDeclaredField("storeLock");
                lockField.setAccessible(true);   // H2 has no public way to take it
                java.util.concurrent.locks.ReentrantLock storeLock =
                        (java.util.concurrent.locks.ReentrantLock) lockField.get(store);
                while (System.nanoTime() < end) {
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                    }
                    switch (ending) {
                        case "commit" -> c.commit();
                        case "guarded" -> {
                            storeLock.lock();   // as H2's own stores take it: none runs during the rollback
                            try {
                                c.rollback();
                            } finally {
                                storeLock.unlock();
                            }
                        }
                        default -> c.rollback();
                    }
                    readerEnds.incrementAndGet();
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        threads[4] = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                while (System.nanoTime() < end) {
                    s.execute("CHECKPOINT");
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT size FROM head), (SELECT COUNT(*) FROM entry)")) {
            rs.next();
            System.out.printf("H2 %s, the reader's ending: %s; appended %d, refused on a taken index %d, reader's "
                            + "transactions %d; the head names %d entries, %d stored%s%n",
                    org.h2.engine.Constants.FULL_VERSION, ending, appended.get(), refused.get(), readerEnds.get(),
                    rs.getLong(1), rs.getLong(2), failed.get() == null ? "" : "; failed: " + failed.get());
        }
    }
}
