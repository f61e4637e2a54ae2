package io.hazardledger.store.internal;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 never forces its file to disk when it commits; the housekeeping's runs do. H2 frees a dead chunk's space for
 * new chunks as soon as its retention time has passed since the chunk was <em>written</em>, however recently it died.
 * If a power loss then kept the new chunk written over it but not the chunks that replaced its pages, the file could
 * no longer be opened. So a chunk that died after a run must stay allocated until a later run has forced its
 * successors to disk; and once the runs stop, H2's own rules apply again.
 */
class DeadChunkReuseTest {

    private static final int ROWS = 60;

    @Test
    void aChunkThatDiedSinceTheLastRunStaysAllocatedUntilARunHasForcedItsSuccessorsToDisk(@TempDir Path dir)
            throws Exception {
        JdbcDataSource ds = fileStore(dir);
        // between runs H2 has no retention time: a chunk may be freed as soon as it is dead, so only the runs keep it
        H2Housekeeping housekeeping = new H2Housekeeping(ds, Duration.ZERO);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try {
                fill(s);
                housekeeping.run();
                MVStore store = H2Housekeeping.store(c);
                Set<String> atRun = chunks(store);

                rewriteEveryRow(s, "a");
                assertThat(chunks(store)).as("chunks after writes that made some of them dead, no run since")
                        .containsAll(atRun);
                housekeeping.run();
                rewriteEveryRow(s, "b");
                Set<String> freed = new TreeSet<>(atRun);
                freed.removeAll(chunks(store));
                assertThat(freed).as("chunks of the first run freed once a later run forced their successors to disk")
                        .isNotEmpty();
            } finally {
                housekeeping.stop();   // before the database closes with the connection: H2 asserts no version held
            }
        }
    }

    @Test
    void onceTheRunsStop_H2FreesDeadChunksAgainOnItsOwn(@TempDir Path dir) throws Exception {
        JdbcDataSource ds = fileStore(dir);
        H2Housekeeping housekeeping = new H2Housekeeping(ds, Duration.ZERO);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            fill(s);
            housekeeping.run();
            housekeeping.stop();
            MVStore store = H2Housekeeping.store(c);
            store.getFileStore().setRetentionTime(0);   // as H2's own 45 s would have passed
            Set<String> atStop = chunks(store);

            rewriteEveryRow(s, "a");
            rewriteEveryRow(s, "b");
            Set<String> freed = new TreeSet<>(atStop);
            freed.removeAll(chunks(store));
            assertThat(freed).as("chunks dead since the runs stopped, freed without another run").isNotEmpty();
        }
    }

    /**
     * After a power loss H2 finds its newest chunk by following the chunks from the one its file header names; H2
     * rewrites the header only now and then (not while it appends at the end of the file). A run must leave the
     * header naming the newest chunk, so that the header it forces does not lead through chunks freed since.
     */
    @Test
    void aRunLeavesTheFileHeaderNamingTheNewestChunk(@TempDir Path dir) throws Exception {
        JdbcDataSource ds = fileStore(dir);
        H2Housekeeping housekeeping = new H2Housekeeping(ds, Duration.ZERO);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try {
                fill(s);
                MVStore store = H2Housekeeping.store(c);
                rewriteEveryRow(s, "a");
                assertThat(headerVersion(store)).as("H2's own header, after appending chunks")
                        .isLessThan(store.getFileStore().lastChunkVersion());
                housekeeping.run();
                assertThat(headerVersion(store)).as("the header after a run")
                        .isEqualTo(store.getFileStore().lastChunkVersion());
            } finally {
                housekeeping.stop();
            }
        }
    }

    /** The version of the chunk that H2's file header, as last written, names (-1: none, as in a new file's). */
    private static long headerVersion(MVStore store) {
        Object version = store.getFileStore().getStoreHeader().get("version");   // as read (hex) or written
        return version == null ? -1 : version instanceof Number n ? n.longValue()
                : Long.parseLong(String.valueOf(version), 16);
    }

    private static void fill(Statement s) throws SQLException {
        s.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(2000))");
        for (int i = 0; i < ROWS; i++) {
            s.execute("INSERT INTO t VALUES (" + i + ", REPEAT('x', 1500))");
        }
    }

    /** Every row written again, each in a commit of its own: every page of the table is replaced. */
    private static void rewriteEveryRow(Statement s, String letter) throws SQLException {
        for (int i = 0; i < ROWS; i++) {
            s.execute("UPDATE t SET v = REPEAT('" + letter + "', 1500) WHERE id = " + i);
        }
    }

    /** The chunks H2 keeps allocated in the file: its layout map names each one until it frees it. */
    private static Set<String> chunks(MVStore store) {
        Set<String> ids = new TreeSet<>();
        for (String key : store.getLayoutMap().keySet()) {
            if (key.startsWith("chunk.")) {
                ids.add(key);
            }
        }
        return ids;
    }

    private static JdbcDataSource fileStore(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }
}
