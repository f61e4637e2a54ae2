package io.hazardledger.app;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's folder holds the directory of people, whistleblowers' reports and tokens' hashes: a server makes
 * it readable by its owner only, whatever the umask, as it makes the keys' folder, and warns of one it finds open to
 * every user; commands leave it alone. (The whole start in the first test: the folder must be closed before H2 or a
 * key writes into it.)
 */
@Tag("store-independent")
@ExtendWith(OutputCaptureExtension.class)
class StoreFolderTest {

    @Test
    void aServer_makesTheStoresFolder_readableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("var/lib/ledger");
        Path keys = dir.resolve("etc/ledger/keys");   // the keys kept apart from the store, as SECURITY.md advises
        try (ConfigurableApplicationContext ctx = SpringApplication.run(LedgerApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("ledger") + ";WRITE_DELAY=0",
                "--ledger.log.key-file=" + keys.resolve("log-key.pem"),
                "--ledger.office.sealing-key-file=" + keys.resolve("office-sealing-key.pem"))) {
            assertThat(Files.exists(folder.resolve("ledger.mv.db"))).isTrue();
            assertThat(Files.exists(keys.resolve("log-key.pem"))).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
    }

    @Test
    void aFolderOpenToEveryUser_isSaidWithTheCommandThatClosesIt_andLeftAsItIs(@TempDir Path dir,
            CapturedOutput output) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("ledger");

        prepare(url, "--ledger.command-line=true");
        assertThat(output.getAll()).doesNotContain("open to every user");

        prepare(url);
        assertThat(output.getAll()).contains("The store's folder " + folder + " is open to every user of this machine "
                + "(rwxr-xr-x)", "chmod 700 " + folder);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void onlyAnH2FileStoresFolder_isTheStoresFolder() {
        Path here = Path.of("").toAbsolutePath();
        assertThat(StoreFolder.folderOf("jdbc:h2:file:./data/ledger;AUTO_SERVER=TRUE")).isEqualTo(here.resolve("data"));
        assertThat(StoreFolder.folderOf("jdbc:h2:/srv/l/ledger")).isEqualTo(Path.of("/srv/l"));
        assertThat(StoreFolder.folderOf("jdbc:h2:~/ledger")).isEqualTo(Path.of(System.getProperty("user.home")));
        assertThat(StoreFolder.folderOf("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isNull();
        assertThat(StoreFolder.folderOf("jdbc:h2:tcp://localhost/~/ledger")).isNull();
        assertThat(StoreFolder.folderOf("jdbc:postgresql://localhost/ledger")).isNull();
        assertThat(StoreFolder.folderOf(null)).isNull();
    }

    /** Spring Boot's environment as a start prepares it from these arguments, handed to the listener. */
    private static void prepare(String... args) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        new StoreFolder().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                new SpringApplication(), args, env));
    }
}
