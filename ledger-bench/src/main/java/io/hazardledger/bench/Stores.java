package io.hazardledger.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A fresh, empty store for one run, behind a HikariCP pool as the server has: {@code h2} is a new H2 file
 * database under the work directory with the server's settings ({@link #H2_SETTINGS}); a {@code jdbc:postgresql:}
 * URL is a PostgreSQL database whose {@code public} schema is dropped and made again first (user and password from
 * the system properties {@code bench.user} and {@code bench.password}).
 */
final class Stores {

    /**
     * The settings of the server's embedded store ({@code application.properties}) but its {@code AUTO_SERVER}: every
     * commit written to the file before it is acknowledged, and 64 parsed statements kept per connection (H2's
     * default, 8, is fewer than one write of the ledger runs; {@code -Dbench.h2QueryCache=N} sets another number).
     * {@code -Dbench.h2} adds to them.
     */
    static final String H2_SETTINGS = ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE="
            + Integer.getInteger("bench.h2QueryCache", 64);

    private Stores() {
    }

    static HikariDataSource fresh(String store, Path workDir, int poolSize) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setMaximumPoolSize(poolSize);
        if ("h2".equals(store)) {
            pool.setJdbcUrl("jdbc:h2:file:" + workDir.resolve("ledger-" + UUID.randomUUID()).toAbsolutePath()
                    + H2_SETTINGS + System.getProperty("bench.h2", ""));
            pool.setUsername("sa");
            return new HikariDataSource(pool);
        }
        if (!store.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a store is h2 or a jdbc:postgresql: URL, got " + store);
        }
        pool.setJdbcUrl(store);
        pool.setUsername(System.getProperty("bench.user", "postgres"));
        pool.setPassword(System.getProperty("bench.password", ""));
        HikariDataSource ds = new HikariDataSource(pool);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return ds;
    }

    /** The file of an H2 store that {@link #fresh} made, or null for PostgreSQL. */
    static Path h2File(HikariDataSource ds) {
        String url = ds.getJdbcUrl();
        return url.startsWith("jdbc:h2:file:")
                ? Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db") : null;
    }

    /** Deletes an H2 store's files (its {@code .mv.db} and {@code .trace.db}); a file that cannot be is left. */
    static void deleteH2(Path mvDb) {
        String name = mvDb.getFileName().toString();
        for (Path f : List.of(mvDb, mvDb.resolveSibling(name.substring(0, name.length() - ".mv.db".length())
                + ".trace.db"))) {
            try {
                Files.deleteIfExists(f);
            } catch (java.io.IOException e) {
                System.err.println("could not delete " + f + ": " + e.getMessage());
            }
        }
    }

    /**
     * A store that a run filled before: an H2 file store's path without {@code .mv.db}, or a {@code jdbc:postgresql:}
     * URL (kept as it is).
     */
    static HikariDataSource existing(String path, int poolSize) {
        HikariConfig pool = new HikariConfig();
        pool.setMaximumPoolSize(poolSize);
        if (path.startsWith("jdbc:postgresql:")) {
            pool.setJdbcUrl(path);
            pool.setUsername(System.getProperty("bench.user", "postgres"));
            pool.setPassword(System.getProperty("bench.password", ""));
            return new HikariDataSource(pool);
        }
        pool.setJdbcUrl("jdbc:h2:file:" + path + H2_SETTINGS + System.getProperty("bench.h2", "") + ";IFEXISTS=TRUE");
        pool.setUsername("sa");
        return new HikariDataSource(pool);
    }

    static String name(String store) {
        return "h2".equals(store) ? "H2 file" : "PostgreSQL";
    }
}
