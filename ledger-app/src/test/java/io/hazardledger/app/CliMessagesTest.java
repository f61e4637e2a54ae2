package io.hazardledger.app;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's one error line says what went wrong where Java's own message is a path alone (a key file the user who
 * runs an auditor's {@code verify} may not read said only "./data/office-sealing-key.pem"), and gives the database's
 * words over its cause's.
 */
@Tag("store-independent")
class CliMessagesTest {

    @Test
    void aFileThatCannotBeRead_isSaidAsSuch() {
        assertThat(Cli.rootMessage(new IllegalStateException("wrapped",
                new java.io.UncheckedIOException(new AccessDeniedException("./data/office-sealing-key.pem")))))
                .isEqualTo("permission denied: ./data/office-sealing-key.pem cannot be read or written by this "
                        + "user");
        assertThat(Cli.rootMessage(new RuntimeException(new NoSuchFileException("/keys/log-key.pem"))))
                .isEqualTo("no such file: /keys/log-key.pem");
    }

    @Test
    void aStoreTheLedgerHasNoDriverFor_isSaidWithTheStoresItTakes() {
        assertThat(Cli.rootMessage(new RuntimeException("Failed to load driver class com.mysql.cj.jdbc.Driver",
                new ClassNotFoundException("com.mysql.cj.jdbc.Driver"))))
                .isEqualTo("no database driver for com.mysql.cj.jdbc.Driver: the ledger stores its entries in H2 "
                        + "(jdbc:h2:file:…) or PostgreSQL (jdbc:postgresql://…)");
    }

    @Test
    void aLogKeyThatIsNone_isSaidUnderItsOwnOption() {
        Run r = Run.cli("verify", "--log-key", "/no/such/ledger.vkey");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --log-key /no/such/ledger.vkey: neither a file nor a verifier key")
                .doesNotContain("--key");
    }

    @Test
    void theDatabasesWords_overItsCauses() {
        java.sql.SQLException refused = new java.sql.SQLException("Connection to db.park:5433 refused. Check that "
                + "the hostname and port are correct", "08001", new java.net.ConnectException("Connection refused"));
        assertThat(Cli.rootMessage(new RuntimeException("the store failed", refused)))
                .startsWith("Connection to db.park:5433 refused.");
    }
}
