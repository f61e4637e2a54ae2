package io.hazardledger.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of the ledger's settings a misspelled argument is held to is the one its code reads ({@code ${ledger.…}}
 * placeholders, {@code getProperty("ledger.…")}, {@code @ConditionalOnProperty(name = "ledger.…")}), so that a new
 * setting is never refused and a removed one never accepted; and a misspelled one is refused, with the one meant.
 */
class LedgerSettingsTest {

    private static final Pattern READ = Pattern.compile(
            "(?:\\$\\{|getProperty\\(\"|name = \"|prefix = \")(ledger\\.[a-zA-Z0-9.-]+)");

    @Test
    void theSettingsListed_areThoseTheCodeReads() throws IOException {
        Set<String> read = new TreeSet<>();
        for (String module : new String[] {"../ledger-api/src/main/java", "src/main/java"}) {
            try (Stream<Path> files = Files.walk(Path.of(module))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = READ.matcher(Files.readString(f));
                    while (m.find()) {
                        read.add(m.group(1));
                    }
                }
            }
        }
        assertThat(read).hasSizeGreaterThan(30);
        assertThat(new TreeSet<>(Cli.LEDGER_SETTINGS)).isEqualTo(read);
    }

    @Test
    void aMisspelledSetting_isRefused_withTheOneMeant() {
        assertThat(Cli.misplacedCommand(new String[] {"--ledger.office.sealing-key-fil=/x.pem"})).isEqualTo(
                "error: 'ledger.office.sealing-key-file' is not a setting of the ledger".replace("-file'", "-fil'")
                        + " (did you mean ledger.office.sealing-key-file?); README, \"Configuration\", lists them");
        assertThat(Cli.misplacedCommand(new String[] {"--ledger.nothing.like.it=1"})).isEqualTo("error: "
                + "'ledger.nothing.like.it' is not a setting of the ledger; README, \"Configuration\", lists them");
        assertThat(Cli.misplacedCommand(new String[] {"--ledger.office.sealing-key-file=/x.pem", "--demo"})).isNull();
        // a command refuses it too (exit 2), before it opens anything
        Run verify = Run.cli("verify", "--ledger.log.key-fil=/x.pem");
        assertThat(verify.code()).isEqualTo(2);
        assertThat(verify.err()).contains("'ledger.log.key-fil' is not a setting of the ledger (did you mean "
                + "ledger.log.key-file?)");
    }
}
