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
 * that setting is left out); a file another process holds (a server) is read through it, as the configured URL says.
 * While it reads read-only, {@code verify} holds the file: a server started meanwhile waits for it to end.
 */
final class ReadOnlyStore implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** H2's "Database may be already in use": another process holds the file. */
    private static final int IN_USE = 90020;

    private static final String HIKARI_PROPERTIES = "spring.datasource.hikari.data-source-properties";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        String url = env.getProperty("spring.datasource.url");
        String readOnly = readOnly(url);
        if (readOnly == null) {
            return;
        }
        java.util.Properties properties = new java.util.Properties();
        // the data source's own connection properties (IFEXISTS, a CIPHER), as the pool will give them
        org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind(HIKARI_PROPERTIES, org.springframework.boot.context.properties.bind.Bindable
                        .mapOf(String.class, String.class))
                .ifBound(properties::putAll);
        properties.setProperty("user", env.getProperty("spring.datasource.username", ""));
        properties.setProperty("password", env.getProperty("spring.datasource.password", ""));
        try (Connection tried = DriverManager.getConnection(readOnly, properties)) {
            useReadOnly(env, readOnly);
        } catch (SQLException e) {
            if (e.getErrorCode() != IN_USE) {
                // any other failure is the store's: said when the pool opens it read-only, never hidden by a store
                // opened for writing (which would change the file)
                useReadOnly(env, readOnly);
            }
            // held by another process (a server): read through it, as the configured URL says
        }
    }

    private static void useReadOnly(ConfigurableEnvironment env, String readOnly) {
        env.getPropertySources().addFirst(new MapPropertySource("ledger-read-only-store",
                Map.of("spring.datasource.url", readOnly)));
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
