package io.hazardledger.integrity.tsa;

import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hazardledger.integrity.tsa.TsaTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability with {@code openssl ts} (written against OpenSSL 3.0.19): OpenSSL parses our queries, the replies
 * and the tokens our client returns, and verifies those tokens; and a token issued by OpenSSL acting as the TSA
 * passes our client and verifier. Every test is skipped (not failed) when {@code openssl} is not on the PATH.
 *
 * <p>Checking a ledger timestamp by hand, with the DER token (as {@link TimestampClient} returns it) in
 * {@code token.der} and the trusted TSA certificate in {@code tsa.pem}:
 *
 * <pre>{@code
 * openssl ts -verify -data checkpoint.bin -in token.der -token_in -CAfile tsa.pem
 * # or, with the SHA-256 digest instead of the data
 * openssl ts -verify -digest "$SHA256_HEX" -in token.der -token_in -CAfile tsa.pem
 * openssl ts -reply -in token.der -token_in -text        # show genTime, serial, policy, nonce, TSA name
 * }</pre>
 *
 * Success prints "Verification: OK" and exits 0. A self-signed TSA certificate needs no extra flag: OpenSSL 3.0
 * accepts it as its own trust anchor from {@code -CAfile}, and the token carries it (certReq), so neither
 * {@code -untrusted} nor {@code -partial_chain} is required. (If the TSA certificate is issued by a CA, pass the CA
 * as {@code -CAfile} and any intermediates as {@code -untrusted}.) OpenSSL also requires what RFC 3161 §2.3 does: a
 * critical extended key usage with only timeStamping, and a key usage, if present, of digitalSignature and/or
 * nonRepudiation only.
 */
class TimestampOpenSslInteropTest {

    private static final long OPENSSL_TIMEOUT_SECONDS = 60;

    private static TsaCredentials credentials;
    private static TestTsa tsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTsa() throws Exception {
        credentials = TsaCredentials.rsa("Interop TSA");
        tsa = TestTsa.start(credentials);
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    @Test
    void opensslVerifiesOurToken_againstTheData() throws Exception {
        assumeOpenSsl();
        byte[] data = "checkpoint tree size 1024, root 7f...".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("checkpoint.bin"), data);
        obtainToken(sha256(data));

        Result result = openssl("ts", "-verify", "-data", "checkpoint.bin", "-in", "token.der", "-token_in",
                "-CAfile", "tsa.pem");

        assertThat(result.output()).contains("Verification: OK");
        assertThat(result.exit()).isZero();
    }

    @Test
    void opensslVerifiesOurToken_againstTheDigest() throws Exception {
        assumeOpenSsl();
        byte[] digest = sha256("by digest".getBytes(StandardCharsets.UTF_8));
        obtainToken(digest);

        Result result = openssl("ts", "-verify", "-digest", Hex.toHexString(digest), "-in", "token.der",
                "-token_in", "-CAfile", "tsa.pem");

        assertThat(result.output()).contains("Verification: OK");
        assertThat(result.exit()).isZero();
    }

    @Test
    void opensslRefusesOurToken_forOtherData_orAnotherTsaCertificate() throws Exception {
        assumeOpenSsl();
        obtainToken(sha256("original".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("other.bin"), "tampered");
        Files.writeString(dir.resolve("other-tsa.pem"), TsaCredentials.ed25519("Other TSA").certificatePem());

        Result otherData = openssl("ts", "-verify", "-data", "other.bin", "-in", "token.der", "-token_in",
                "-CAfile", "tsa.pem");
        Result otherCa = openssl("ts", "-verify", "-digest", Hex.toHexString(sha256("original".getBytes(
                StandardCharsets.UTF_8))), "-in", "token.der", "-token_in", "-CAfile", "other-tsa.pem");

        assertThat(otherData.exit()).isNotZero();
        assertThat(otherData.output()).contains("Verification: FAILED").contains("message imprint mismatch");
        assertThat(otherCa.exit()).isNotZero();
        assertThat(otherCa.output()).contains("Verification: FAILED");
    }

    @Test
    void opensslParsesTheReply_andTheToken() throws Exception {
        assumeOpenSsl();
        byte[] digest = sha256("parse me".getBytes(StandardCharsets.UTF_8));
        obtainToken(digest);
        Files.write(dir.resolve("resp.tsr"), tsa.lastReply());
        String nonce = new TimeStampRequest(tsa.lastQuery()).getNonce().toString(16);

        Result reply = openssl("ts", "-reply", "-in", "resp.tsr", "-text");
        Result token = openssl("ts", "-reply", "-in", "token.der", "-token_in", "-text");

        assertThat(reply.exit()).isZero();
        assertThat(reply.output()).contains("Status: Granted.", "Hash Algorithm: sha256",
                "Policy OID: " + TestTsa.DEFAULT_POLICY, "TSA: DirName:/CN=Interop TSA/O=hazard-ledger tests");
        assertThat(reply.output().toLowerCase(Locale.ROOT)).containsPattern("nonce: 0x0*" + nonce + "\\b");
        assertThat(messageData(reply.output())).isEqualTo(digest);
        assertThat(token.exit()).isZero();
        assertThat(messageData(token.output())).isEqualTo(digest);
    }

    @Test
    void opensslParsesOurQuery() throws Exception {
        assumeOpenSsl();
        byte[] digest = sha256("query".getBytes(StandardCharsets.UTF_8));
        new TimestampClient(tsa.uri(), TIMEOUT, TestTsa.OTHER_POLICY).timestamp(digest);
        Files.write(dir.resolve("req.tsq"), tsa.lastQuery());

        Result query = openssl("ts", "-query", "-in", "req.tsq", "-text");

        assertThat(query.exit()).isZero();
        assertThat(query.output()).contains("Hash Algorithm: sha256", "Certificate required: yes",
                "Policy OID: " + TestTsa.OTHER_POLICY).containsPattern("Nonce: 0x[0-9A-F]+");
        assertThat(messageData(query.output())).isEqualTo(digest);
    }

    @Test
    void aTokenIssuedByOpensslAsTsa_passesOurClientAndVerifier() throws Exception {
        assumeOpenSsl();
        Files.writeString(dir.resolve("tsa.pem"), credentials.certificatePem());
        Files.writeString(dir.resolve("tsa.key"), credentials.privateKeyPem());
        Files.writeString(dir.resolve("tsaserial"), "0A\n");
        Files.writeString(dir.resolve("tsa.cnf"), String.join("\n",
                "[ tsa ]",
                "default_tsa = tsa_config",
                "[ tsa_config ]",
                "serial = " + dir.resolve("tsaserial"),
                "crypto_device = builtin",
                "signer_digest = sha256",
                "default_policy = " + TestTsa.DEFAULT_POLICY,
                "other_policies = " + TestTsa.OTHER_POLICY,
                "digests = sha256",
                "accuracy = secs:1",
                "ordering = no",
                "tsa_name = yes",
                "ess_cert_id_chain = no",
                "ess_cert_id_alg = sha256",
                ""));
        byte[] digest = sha256("openssl is the TSA".getBytes(StandardCharsets.UTF_8));

        try (TestTsa opensslTsa = TestTsa.start(credentials).respondWith(this::opensslReply)) {
            byte[] token = new TimestampClient(opensslTsa.uri(), TIMEOUT, TestTsa.OTHER_POLICY).timestamp(digest);
            TimestampInfo info = TimestampVerifier.verify(token, digest, credentials.certificatePem());

            assertThat(info.policyOid()).isEqualTo(TestTsa.OTHER_POLICY);
            assertThat(info.serialNumber()).isEqualTo("b");
            assertThat(info.tsaName()).isEqualTo("CN=Interop TSA,O=hazard-ledger tests");
            assertThat(info.genTime()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        }
    }

    private byte[] opensslReply(byte[] query) {
        try {
            Files.write(dir.resolve("in.tsq"), query);
            Result result = openssl("ts", "-reply", "-config", "tsa.cnf", "-queryfile", "in.tsq",
                    "-signer", "tsa.pem", "-inkey", "tsa.key", "-out", "out.tsr");
            assertThat(result.exit()).as(result.output()).isZero();
            return Files.readAllBytes(dir.resolve("out.tsr"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Timestamps {@code digest} with our client; writes {@code token.der} and {@code tsa.pem} into the temp dir. */
    private void obtainToken(byte[] digest) throws Exception {
        byte[] token = new TimestampClient(tsa.uri(), TIMEOUT).timestamp(digest);
        TimestampVerifier.verify(token, digest, credentials.certificateDer());
        Files.write(dir.resolve("token.der"), token);
        Files.writeString(dir.resolve("tsa.pem"), credentials.certificatePem());
    }

    /** The bytes of OpenSSL's "Message data:" hex dump ({@code 0000 - 58 91 b5 ...-... ascii}). */
    private static byte[] messageData(String text) {
        Matcher line = Pattern.compile("^\\s+[0-9a-f]{4} - ((?:[0-9a-f]{2}[ -]){1,16})", Pattern.MULTILINE)
                .matcher(text.substring(text.indexOf("Message data:")));
        StringBuilder hex = new StringBuilder();
        while (line.find()) {
            hex.append(line.group(1).replaceAll("[ -]", ""));
        }
        return Hex.decode(hex.toString());
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private record Result(int exit, String output) {
    }

    private Result openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    private static void assumeOpenSsl() {
        boolean available;
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            available = process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        assumeTrue(available, "openssl is not on the PATH");
    }
}
