package io.hazardledger.store.internal;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 opens a file that was not closed from the chunk its header names. Between the housekeeping's runs, chunks may be
 * freed as soon as they die (no retention time), so the chunk a stale header names could be written over by a later
 * commit's chunk, and a process killed before H2 wrote the header again opened the file at an older version, without
 * acknowledged commits (CrashSafetyTest once, `PowerLoss … kill` about one kill in seventy). After each force the
 * header on disk names the newest chunk, which is there, at the block it names.
 */
class HeaderAtForceTest {

    @Test
    void afterEachForce_theHeaderOnDiskNamesTheNewestChunk_atItsBlock(@TempDir Path dir) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0");
        ds.setUser("sa");
        ds.setPassword("");
        Path file = dir.resolve("ledger.mv.db");
        H2Housekeeping housekeeping = new H2Housekeeping(ds, Duration.ZERO);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try {
                s.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(2000))");
                for (int i = 0; i < 40; i++) {
                    s.execute("INSERT INTO t VALUES (" + i + ", REPEAT('x', 1500))");
                }
                housekeeping.run();
                MVStore store = H2Housekeeping.store(c);
                for (int i = 0; i < 60; i++) {
                    s.execute("UPDATE t SET v = REPEAT('" + (char) ('a' + i % 26) + "', 1500) WHERE id = " + i % 40);
                    housekeeping.forceAfterCommit(store);
                    byte[] bytes = Files.readAllBytes(file);
                    Map<String, String> header = fields(bytes, 0);
                    long newest = store.getFileStore().lastChunkVersion();
                    assertThat(Long.parseLong(header.get("version"), 16)).as("the header's version after force %d", i)
                            .isEqualTo(newest);
                    int block = Integer.parseInt(header.get("block"), 16);
                    Map<String, String> chunk = fields(bytes, block * 4096);
                    assertThat(chunk.get("chunk")).as("the chunk at the header's block after force %d", i)
                            .isEqualTo(header.get("chunk"));
                }
            } finally {
                housekeeping.stop();   // before the database closes with the connection: H2 asserts no version held
            }
        }
    }

    /** The {@code key:value,…} fields of the header or chunk header at {@code offset}. */
    private static Map<String, String> fields(byte[] file, int offset) {
        int end = offset;
        while (end < file.length && file[end] != '\n' && file[end] != 0) {
            end++;
        }
        Map<String, String> fields = new HashMap<>();
        for (String field : new String(file, offset, end - offset, StandardCharsets.ISO_8859_1).split(",")) {
            int colon = field.indexOf(':');
            if (colon > 0) {
                fields.put(field.substring(0, colon), field.substring(colon + 1));
            }
        }
        return fields;
    }
}
