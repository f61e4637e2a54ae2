package io.hazardledger.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store as the server ships it ({@code application.properties}), opened with exactly its settings in a
 * folder of the test's: H2 writes every commit to the file before it is acknowledged ({@code WRITE_DELAY=0}), and
 * keeps 64 parsed statements per connection ({@code QUERY_CACHE_SIZE}; H2's default, 8, is fewer than one write of the
 * ledger runs, and the others were parsed again at every write: BENCHMARKS.md, "One and four clients").
 */
class ShippedStoreSettingsTest {

    @Test
    void theShippedEmbeddedStore_writesEveryCommitToTheFile_andKeepsAWritesStatementsParsed(@TempDir Path dir)
            throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        String url = shipped.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:./data/ledger;").contains(";AUTO_SERVER=TRUE");
        // opened here in-process only: AUTO_SERVER would open a server socket, which this check does not need
        String here = url
                .replace("jdbc:h2:file:./data/ledger", "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath())
                .replace(";AUTO_SERVER=TRUE", "");

        Map<String, String> settings = new HashMap<>();
        try (Connection c = DriverManager.getConnection(here, shipped.getProperty("spring.datasource.username"),
                shipped.getProperty("spring.datasource.password"));
             ResultSet r = c.createStatement().executeQuery(
                     "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS")) {
            while (r.next()) {
                settings.put(r.getString(1), r.getString(2));
            }
        }
        assertThat(settings).containsEntry("WRITE_DELAY", "0");
        assertThat(Integer.parseInt(settings.get("QUERY_CACHE_SIZE"))).isGreaterThanOrEqualTo(64);
    }
}
