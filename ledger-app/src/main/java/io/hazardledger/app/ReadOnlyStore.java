package io.hazardledger.app;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code verify} reads an H2 file store that no server holds without changing a byte of it: H2 opened for writing
 * compacts its file when it closes, so a copy an auditor hashed before verifying it would hash differently after.
 * The store is then opened read-only ({@code ACCESS_MODE_DATA=r}, which H2 does not allow with {@code AUTO_SERVER}, so
 * that setting is left out); a file a server holds is read through that server, as the configured URL says.
 */
final class ReadOnlyStore implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        String url = env.getProperty("spring.datasource.url");
        String readOnly = readOnly(url);
        if (readOnly == null) {
            return;
        }
        String user = env.getProperty("spring.datasource.username", "");
        String password = env.getProperty("spring.datasource.password", "");
        try (Connection tried = DriverManager.getConnection(readOnly + ";IFEXISTS=TRUE", user, password)) {
            env.getPropertySources().addFirst(new MapPropertySource("ledger-read-only-store",
                    Map.of("spring.datasource.url", readOnly)));
        } catch (SQLException heldOrRefused) {
            // held by a server: read through it, as the configured URL says (any other failure is said when the store
            // is opened so)
        }
    }

    /** The read-only form of an H2 file store's URL; null for any other store. */
    static String readOnly(String url) {
        if (StoreFolder.folderOf(url) == null) {
            return null;
        }
        String[] parts = url.split(";");
        String settings = Arrays.stream(parts, 1, parts.length)
                .filter(s -> !s.isBlank())
                .filter(s -> !s.strip().toUpperCase(java.util.Locale.ROOT).startsWith("AUTO_SERVER")
                        && !s.strip().toUpperCase(java.util.Locale.ROOT).startsWith("ACCESS_MODE_DATA"))
                .map(s -> ";" + s).collect(Collectors.joining());
        return parts[0] + settings + ";ACCESS_MODE_DATA=r";
    }
}
