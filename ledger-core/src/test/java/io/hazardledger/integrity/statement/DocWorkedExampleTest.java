package io.hazardledger.integrity.statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the shell commands of docs/FORMAT.md sections 12.10 to 12.12 exactly as the page prints them, with
 * {@code bash -e} in an empty directory, and compares what they print with the output the page shows. So the page is
 * true: the commands work, and the values are real. Skipped (not failed) without {@code bash}, {@code python3} or an
 * {@code openssl} that can verify Ed25519 and SM2.
 */
@org.junit.jupiter.api.Tag("store-independent")   // not run again on PostgreSQL (.ci/run)
class DocWorkedExampleTest {

    private static final long TIMEOUT_SECONDS = 60;
    private static FormatDoc doc;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void readThePage() {
        doc = FormatDoc.load();
    }

    @Test
    void ed25519WorkedExample_printsWhatThePageShows() throws Exception {
        assumeTools();
        String section = doc.section("### 12.11");

        Run run = bash(FormatDoc.block(section, "sh"));

        assertThat(run.exit()).as("exit status; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo(FormatDoc.block(section, "text"));
        assertThat(run.out()).contains("Signature Verified Successfully");
        // the signed bytes the page prints are what step 1 wrote
        assertThat(Files.readString(dir.resolve("statement.bin"), StandardCharsets.UTF_8))
                .isEqualTo(FormatDoc.blocks(section, "").get(0).strip())
                .hasSize(Integer.parseInt(match(section, "`statement.bin` \\((\\d+) bytes")));
    }

    @Test
    void ed25519WorkedExample_oneCharacterChanged_failsAsThePageSays() throws Exception {
        assumeTools();
        String script = FormatDoc.block(doc.section("### 12.11"), "sh");
        assertThat(count(script, "11:31:49Z")).as("the claimedAt the page tells the reader to change").isOne();

        Run run = bash(script.replace("11:31:49Z", "11:31:48Z"));

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).contains("Signature Verification Failure").doesNotContain("Verified Successfully");
    }

    @Test
    void ed25519WorkedExample_withNZeroAndTheReportersKey_checksTheReport() throws Exception {
        assumeTools();
        String section = doc.section("### 12.11");
        String script = FormatDoc.block(section, "sh");
        String reporterKey = match(section, "`PUBKEY=(\\S+)` \\(`p-reporter`'s key\\)");
        String ownerKey = match(script, "(?m)^PUBKEY=(\\S+)$");

        Run run = bash(script.replace("IN=history.json N=1", "IN=history.json N=0")
                .replace("PUBKEY=" + ownerKey, "PUBKEY=" + reporterKey));

        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("action hazard.report", "signerId p-reporter", "Signature Verified Successfully",
                "prevEntryHash is the previous entry's hash: True", "contentSha256 is the content's hash: True");
    }

    @Test
    void sm2WorkedExample_printsWhatThePageShows() throws Exception {
        assumeTools();
        String section = doc.section("### 12.12");

        Run run = bash(FormatDoc.block(section, "sh"));

        assertThat(run.exit()).as("exit status; stderr: %s", run.err()).isZero();
        assertThat(run.out()).isEqualTo(FormatDoc.block(section, "text"));
        assertThat(run.out()).contains("Signature Verified Successfully");
    }

    @Test
    void sm2WorkedExample_withoutTheDistid_failsAsThePageSays() throws Exception {
        assumeTools();
        String script = FormatDoc.block(doc.section("### 12.12"), "sh");
        assertThat(count(script, " -pkeyopt distid:1234567812345678")).isOne();

        Run run = bash(script.replace(" -pkeyopt distid:1234567812345678", ""));

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).contains("Signature Verification Failure");
    }

    /**
     * Step 5 of 12.10, in Python, on an entry of every event type whose content it checks (as the aggregate writes it
     * for a sample command), agrees with the code: each holds the content its command hashes to; a changed one does
     * not.
     */
    @Test
    void step5_checksTheContentOfEveryEventType_asTheCodeDoes() throws Exception {
        assumeTrue(bash("command -v python3").exit() == 0, "python3 is not on the PATH");
        String step5 = FormatDoc.blocks(doc.section("### 12.10"), "sh").get(5);
        var json = io.hazardledger.store.internal.LedgerSerializer.objectMapper();
        List<String> cases = new ArrayList<>();
        List<Boolean> holds = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        java.util.function.BiConsumer<Object[], Boolean> add = (c, expected) -> {
            int k = cases.size();
            try {
                var entry = json.createObjectNode().put("aggregateId", "agg").put("eventType", (String) c[0]);
                entry.set("payload", json.readTree((String) c[1]));
                entry.putObject("metadata").putObject("ledgerSignature").putObject("statement")
                        .put("action", (String) c[2]).put("aggregateId", "agg").put("contentSha256", (String) c[3]);
                Files.writeString(dir.resolve("e" + k + ".json"), json.writeValueAsString(entry));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            cases.add(c[0] + " " + c[1]);
            holds.add(expected);
            script.append("IN=e").append(k).append(".json N=\n").append(step5).append('\n');
        };
        for (var pair : io.hazardledger.signing.internal.SampleRecords.COMMAND_OF.entrySet()) {
            Record command = io.hazardledger.signing.internal.SampleRecords.of(pair.getValue(), java.util.Map.of());
            String payload = json.writeValueAsString(
                    io.hazardledger.signing.internal.SampleRecords.eventOf(pair.getKey(), command));
            String action = io.hazardledger.signing.internal.SignedActions.of(command).orElseThrow().name();
            String digest = io.hazardledger.signing.internal.ContentDigest.of(command);
            add.accept(new Object[] {pair.getKey().getSimpleName(), payload, action, digest}, true);
            add.accept(new Object[] {pair.getKey().getSimpleName(), payload.replaceFirst("\"v-", "\"w-"), action,
                    digest}, false);
        }
        // the office's acts without a command: the content is the payload
        for (Class<? extends Record> type : List.of(io.hazardledger.hazard.HazardEscalated.class,
                io.hazardledger.supervision.SupervisionGradeChanged.class)) {
            String payload = json.writeValueAsString(io.hazardledger.signing.internal.SampleRecords.of(type,
                    java.util.Map.of()));
            String action = type.getSimpleName().equals("HazardEscalated") ? "hazard.escalate" : "enterprise.grade";
            String digest = io.hazardledger.integrity.Hashes.sha256Hex(
                    io.hazardledger.integrity.CanonicalJson.canonicalize(payload).getBytes(StandardCharsets.UTF_8));
            add.accept(new Object[] {type.getSimpleName(), payload, action, digest}, true);
        }
        // a revocation that left its time to the ledger
        var revoke = new io.hazardledger.directory.RevokeKey("p-1", "k-1", "card lost", null, "p-1");
        String revoked = json.writeValueAsString(new io.hazardledger.directory.KeyRevoked("p-1", "k-1", "card lost",
                java.time.Instant.parse("2026-11-29T10:41:14.123Z"), "p-1"));
        add.accept(new Object[] {"KeyRevoked", revoked, "key.revoke",
                io.hazardledger.signing.internal.ContentDigest.of(revoke)}, true);
        // its time moved still fits (the command left it to the ledger: section 11); a time given and moved does not
        String movedTime = revoked.replace("2026-11-29T10", "2026-11-28T10");
        add.accept(new Object[] {"KeyRevoked", movedTime, "key.revoke",
                io.hazardledger.signing.internal.ContentDigest.of(revoke)}, true);
        var given = new io.hazardledger.directory.RevokeKey("p-1", "k-1", "card lost",
                java.time.Instant.parse("2026-11-29T10:41:14.123Z"), "p-1");
        add.accept(new Object[] {"KeyRevoked", movedTime, "key.revoke",
                io.hazardledger.signing.internal.ContentDigest.of(given)}, false);
        add.accept(new Object[] {"KeyRevoked", revoked, "key.revoke",
                io.hazardledger.signing.internal.ContentDigest.of(given)}, true);

        Run run = bash(script.toString());

        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        List<String> verdicts = run.out().lines().filter(l -> l.startsWith("contentSha256 is the content's hash: "))
                .toList();
        assertThat(verdicts).hasSameSizeAs(cases);
        for (int k = 0; k < cases.size(); k++) {
            assertThat(verdicts.get(k)).as(cases.get(k))
                    .isEqualTo("contentSha256 is the content's hash: " + (holds.get(k) ? "True" : "False"));
            String payload = cases.get(k).substring(cases.get(k).indexOf(' ') + 1);
            String eventType = cases.get(k).substring(0, cases.get(k).indexOf(' '));
            var read = json.readTree(Files.readString(dir.resolve("e" + k + ".json")));
            String action = read.path("metadata").path("ledgerSignature").path("statement").path("action").asText();
            String digest = read.path("metadata").path("ledgerSignature").path("statement").path("contentSha256")
                    .asText();
            assertThat(io.hazardledger.signing.internal.SignedContent.expectedDigests(action, eventType, payload)
                    .orElseThrow().contains(digest)).as("the code, on " + cases.get(k)).isEqualTo(holds.get(k));
        }
    }

    @Test
    void everyCommandOfTheHandCheck_isRunByAWorkedExample() {
        List<String> run = new ArrayList<>();
        run.addAll(FormatDoc.block(doc.section("### 12.11"), "sh").lines().toList());
        run.addAll(FormatDoc.block(doc.section("### 12.12"), "sh").lines().toList());

        List<String> steps = FormatDoc.blocks(doc.section("### 12.10"), "sh");

        assertThat(steps).as("steps 1 to 5, step 4 twice").hasSize(6);
        for (String block : steps) {
            for (String line : block.lines().filter(l -> !l.isBlank()).toList()) {
                assertThat(run).as("a line of FORMAT.md 12.10 that no worked example runs").contains(line);
            }
        }
    }

    @Test
    void contentSha256AndKeyIdExamples_printWhatThePageSays() throws Exception {
        assumeTools();
        String content = FormatDoc.block(doc.section("### 12.3"), "sh");
        Run run = bash(content);
        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(expectedFromComments(content));

        String keys = doc.section("### 12.5");
        String command = match(keys, "\\(`(printf '%s' \\S+ \\| openssl base64 -d -A \\| sha256sum \\| cut -c1-32)`\\)");
        Run keyId = bash(command);
        assertThat(keyId.out().strip()).isEqualTo(match(keys, "the key ID `([0-9a-f]{32})`"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The lines of a block that are comments, without "# ": the output the page says the commands print. */
    private static String expectedFromComments(String block) {
        return String.join("\n", block.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2)).toList());
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            fail("docs/FORMAT.md: nothing matches " + regex);
        }
        return m.group(1);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private void assumeTools() throws Exception {
        Run probe;
        try {
            probe = bash("command -v python3 >/dev/null && command -v openssl >/dev/null && openssl version");
        } catch (IOException e) {
            assumeTrue(false, "bash cannot run: " + e.getMessage());
            return;
        }
        assumeTrue(probe.exit() == 0, "python3 or openssl is not on the PATH");
        assumeTrue(probe.out().startsWith("OpenSSL 3"), "needs OpenSSL 3 (pkeyutl -rawin): " + probe.out());
        Run sm2 = bash("openssl genpkey -algorithm SM2 -out probe.pem && printf x > probe.msg && openssl pkeyutl -sign "
                + "-inkey probe.pem -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in probe.msg -out probe.sig && "
                + "openssl genpkey -algorithm ed25519 -out probe-ed.pem && rm -f probe*");
        assumeTrue(sm2.exit() == 0, "this openssl cannot sign with SM2 and Ed25519: " + sm2.err());
    }

    /** Runs a script with {@code bash -e} in the temporary directory, stdin empty, bounded by a timeout. */
    private Run bash(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "script", ".sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder("bash", "-e", file.toString())
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out after " + TIMEOUT_SECONDS + "s:\n" + script);
        }
        Files.delete(file);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
