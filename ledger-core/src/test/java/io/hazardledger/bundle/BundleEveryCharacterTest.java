package io.hazardledger.bundle;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An auditor's bundle changed in any one character is refused. Every character of a real bundle (a key
 * registration, a signed report, a closed loop, a signed checkpoint) is changed in turn, to a character of its own
 * kind where it has one (a digit to the next digit, a letter to the next letter and to its other case) so that most
 * changes still read as JSON and reach the checks behind the parser. An entry's change is named at that entry, or at
 * the next one whose link to it breaks, or for the last entry by the checkpoint's root (FORMAT.md 16). In the header
 * only its {@code origin} and {@code verifierKeys} may change unnoticed: the verifier takes the origin from the signed
 * checkpoint and the key from the auditor, as FORMAT.md 16 says, and reports the checkpoint's origin.
 */
@Tag("store-independent")   // the bundle is checked offline; not run again on PostgreSQL (.ci/run)
class BundleEveryCharacterTest {

    private static final String ORIGIN = "test.example/log";

    @TempDir
    static Path dir;

    static byte[] bundle;
    static String verifierKey;
    /** Where each line starts, and the bundle's end: line 0 is the header, line i + 1 entry i. */
    static final List<Integer> lineStarts = new ArrayList<>();

    @BeforeAll
    static void bundle() throws Exception {
        PemSigner logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir))
                .checkpoints(logKey, ORIGIN, Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
            ledger.execute(new RegisterKey(REPORTER, key.verificationKey().spkiBase64(),
                    Instant.now().minusSeconds(3600), REPORTER));
            var report = TestLedgers.report("hz-1", HazardLevel.GENERAL);
            ledger.execute(report, SignedStatement.sign(
                    ledger.statementFor(report, key.verificationKey().keyId(), Instant.now()), key));
            TestLedgers.closedLoop(ledger, "hz-2");
            var checkpoints = ledger.checkpoints().orElseThrow();
            checkpoints.checkpointNow();
            verifierKey = checkpoints.verifierKey();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BundleWriter.write(ledger.log(), checkpoints, checkpoints.sizes().get(0), out);
            bundle = out.toByteArray();
        }
        lineStarts.add(0);
        for (int i = 0; i < bundle.length; i++) {
            if (bundle[i] == '\n') {
                lineStarts.add(i + 1);
            }
        }
        assertThat(lineStarts.get(lineStarts.size() - 1)).isEqualTo(bundle.length);
        assertThat(verify(bundle).treeSize()).isEqualTo(entries()).isEqualTo(11);
    }

    private static int entries() {
        return lineStarts.size() - 2;
    }

    private static BundleReport verify(byte[] b) throws Exception {
        return BundleVerifier.verify(new ByteArrayInputStream(b), List.of(verifierKey));
    }

    /** The line the character at {@code at} belongs to (its newline included). */
    private static int lineOf(int at) {
        int line = 0;
        while (lineStarts.get(line + 1) <= at) {
            line++;
        }
        return line;
    }

    /** Other characters for the one at {@code at}: of its kind where it has one, else a space and the next byte. */
    private static byte[] changes(byte b) {
        if (b >= '0' && b <= '9') {
            return new byte[] {(byte) (b == '9' ? '0' : b + 1)};
        }
        if (b >= 'a' && b <= 'z') {
            return new byte[] {(byte) (b == 'z' ? 'a' : b + 1), (byte) (b - 'a' + 'A')};
        }
        if (b >= 'A' && b <= 'Z') {
            return new byte[] {(byte) (b == 'Z' ? 'A' : b + 1), (byte) (b - 'A' + 'a')};
        }
        return b == ' ' ? new byte[] {(byte) (b + 1)} : new byte[] {' ', (byte) (b + 1)};
    }

    /** Where {@code text} first stands in the bundle's bytes from {@code from} (the checkpoint's note is not ASCII). */
    private static int indexOf(String text, int from) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        for (int at = from; at + t.length <= bundle.length; at++) {
            if (java.util.Arrays.equals(bundle, at, at + t.length, t, 0, t.length)) {
                return at;
            }
        }
        return -1;
    }

    private static String around(int at) {
        int from = Math.max(lineStarts.get(lineOf(at)), at - 40);
        return new String(bundle, from, Math.min(bundle.length, at + 20) - from, StandardCharsets.UTF_8)
                .replace("\n", "\\n");
    }

    @Test
    void everyCharacterOfEveryEntry_changed_isRefused_atThatEntryOrItsLink() {
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (int at = lineStarts.get(1); at < bundle.length; at++) {
            long entry = lineOf(at) - 1;
            for (byte change : changes(bundle[at])) {
                byte[] changed = bundle.clone();
                changed[at] = change;
                tried++;
                try {
                    verify(changed);
                    wrong.add("passed: entry " + entry + ", byte " + at + " to '" + (char) change + "' in "
                            + around(at));
                } catch (BundleException e) {
                    boolean named = e.index() == entry || e.index() == entry + 1
                            || entry == entries() - 1 && e.check().equals("root-mismatch");
                    if (!named) {
                        wrong.add("named " + e.getMessage() + ": entry " + entry + ", byte " + at + " in "
                                + around(at));
                    }
                } catch (Exception e) {
                    wrong.add("threw " + e + ": entry " + entry + ", byte " + at + " in " + around(at));
                }
            }
        }
        assertThat(tried).isGreaterThan(10_000);
        assertThat(wrong).as("of %d changes", tried).isEmpty();
    }

    @Test
    void everyCharacterOfTheHeader_changed_isRefused_butItsOriginAndTheBundlesOwnKeys() throws Exception {
        int origin = indexOf("\"origin\":", 0);
        int originEnd = indexOf(",\"", origin);
        int keys = indexOf("\"verifierKeys\":", 0);
        int keysEnd = indexOf("]", keys);
        assertThat(origin).isPositive();
        assertThat(keys).isPositive();
        List<String> wrong = new ArrayList<>();
        int ignored = 0;
        for (int at = 0; at < lineStarts.get(1); at++) {
            boolean notRelied = at >= origin && at < originEnd || at >= keys && at < keysEnd;
            for (byte change : changes(bundle[at])) {
                byte[] changed = bundle.clone();
                changed[at] = change;
                try {
                    BundleReport report = verify(changed);
                    if (notRelied && report.origin().equals(ORIGIN)) {
                        ignored++;
                    } else {
                        wrong.add("passed: byte " + at + " to '" + (char) change + "' in " + around(at));
                    }
                } catch (BundleException e) {
                    if (e.index() != -1) {
                        wrong.add("named entry " + e.index() + " for byte " + at + " of the header");
                    }
                } catch (Exception e) {
                    wrong.add("threw " + e + " for byte " + at + " in " + around(at));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(ignored).as("changes of the origin and the bundle's own keys, which no check relies on")
                .isPositive();
    }
}
