package io.hazardledger.integrity.sig;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hazardledger.integrity.sig.SigTestSupport.flipBit;
import static io.hazardledger.integrity.sig.SigTestSupport.pem;
import static io.hazardledger.integrity.sig.SigTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability with the {@code openssl} command line (written against OpenSSL 3.0.19): keys, SubjectPublicKeyInfo
 * and key IDs agree, and signatures made on either side verify on the other. Every test is skipped (not failed) when
 * {@code openssl} is not on the PATH or cannot do the algorithm.
 *
 * <p>Checking a ledger signature by hand. The public key is the base64 DER SubjectPublicKeyInfo the ledger stores;
 * {@code msg} holds the exact bytes that were signed and {@code sig} the raw signature bytes:
 *
 * <pre>{@code
 * printf '%s' "$SPKI_BASE64" | openssl base64 -d -A -out pub.der
 * openssl pkey -pubin -inform DER -in pub.der -out pub.pem                       # optional: PEM form
 * openssl dgst -sha256 -r pub.der | cut -c1-32                                   # the key ID
 *
 * # Ed25519 (raw 64-byte signature; OpenSSL 3.0 cannot do an empty message this way)
 * openssl pkeyutl -verify -pubin -inkey pub.der -keyform DER -rawin -in msg -sigfile sig
 *
 * # SM2 with SM3 (DER signature). The distid is REQUIRED: OpenSSL 3.0 otherwise uses an EMPTY user ID, not
 * # the GB/T 35276 default 1234567812345678, and every ledger signature reports "Signature Verification Failure".
 * openssl pkeyutl -verify -pubin -inkey pub.der -keyform DER -rawin -digest sm3 \
 *     -pkeyopt distid:1234567812345678 -in msg -sigfile sig
 * # or, equivalently
 * openssl dgst -sm3 -verify pub.der -keyform DER -sigopt distid:1234567812345678 -signature sig msg
 * }</pre>
 *
 * Success prints "Signature Verified Successfully" (pkeyutl) or "Verified OK" (dgst) and exits 0. Signing by hand:
 * {@code openssl genpkey -algorithm ed25519 -out key.pem} (or {@code -algorithm SM2}), then
 * {@code openssl pkeyutl -sign -inkey key.pem -rawin -in msg -out sig}, adding
 * {@code -digest sm3 -pkeyopt distid:1234567812345678} for SM2.
 */
class OpenSslInteropTest {

    private static final long TIMEOUT_SECONDS = 60;
    private static final String SM2_DISTID = "distid:" + VerificationKey.SM2_DEFAULT_USER_ID;

    @TempDir
    Path dir;

    private final AtomicInteger runs = new AtomicInteger();
    private final Random random = new Random(32918);

    @Nested
    class Ed25519 {

        @Test
        void anOpensslKey_loadsInPemSigner_withTheSameSpkiAndKeyId() throws Exception {
            assumeOpenSsl("ed25519");
            ok(openssl("genpkey", "-algorithm", "ed25519", "-out", "key.pem"));
            ok(openssl("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der"));

            PemSigner signer = PemSigner.fromFile(dir.resolve("key.pem"));
            byte[] opensslSpki = Files.readAllBytes(dir.resolve("pub.der"));

            assertThat(signer.verificationKey().algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
            assertThat(signer.verificationKey().spki()).isEqualTo(opensslSpki);
            assertThat(signer.verificationKey().keyId())
                    .isEqualTo(VerificationKey.keyIdOf(opensslSpki))
                    .isEqualTo(opensslKeyId("pub.der"));
        }

        @Test
        void ourSignature_verifiesWithOpenssl_andTamperingIsCaught() throws Exception {
            assumeOpenSsl("ed25519");
            ok(openssl("genpkey", "-algorithm", "ed25519", "-out", "key.pem"));
            PemSigner signer = PemSigner.fromFile(dir.resolve("key.pem"));
            byte[] message = statement();
            write("msg", message);
            write("sig", signer.sign(message));
            // the public key as the ledger stores it, decoded the way a person would
            write("pub.b64", signer.verificationKey().spkiBase64().getBytes(StandardCharsets.US_ASCII));
            ok(openssl("base64", "-d", "-A", "-in", "pub.b64", "-out", "pub.der"));
            write("pub.pem", pem("PUBLIC KEY", signer.verificationKey().spki()).getBytes(StandardCharsets.US_ASCII));

            Result pemVerify = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                    "-in", "msg", "-sigfile", "sig");
            Result derVerify = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.der", "-keyform", "DER",
                    "-rawin", "-in", "msg", "-sigfile", "sig");

            ok(pemVerify);
            assertThat(pemVerify.out()).contains("Signature Verified Successfully");
            ok(derVerify);
            assertThat(derVerify.out()).contains("Signature Verified Successfully");

            write("bad-sig", flipBit(signer.sign(message), 77));
            assertThat(openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                    "-in", "msg", "-sigfile", "bad-sig").exit()).isNotZero();
            write("bad-msg", flipBit(message, 3));
            assertThat(openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                    "-in", "bad-msg", "-sigfile", "sig").exit()).isNotZero();
        }

        @Test
        void anOpensslSignature_verifiesWithVerificationKey_andEqualsOurs() throws Exception {
            assumeOpenSsl("ed25519");
            ok(openssl("genpkey", "-algorithm", "ed25519", "-out", "key.pem"));
            ok(openssl("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der"));
            byte[] message = statement();
            write("msg", message);

            ok(openssl("pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "msg", "-out", "sig"));

            byte[] signature = Files.readAllBytes(dir.resolve("sig"));
            VerificationKey key = VerificationKey.fromSpki(Files.readAllBytes(dir.resolve("pub.der")));
            assertThat(signature).hasSize(64);
            assertThatCode(() -> key.verify(message, signature)).doesNotThrowAnyException();
            // Ed25519 is deterministic: the same key signs to the same bytes on both sides
            assertThat(PemSigner.fromFile(dir.resolve("key.pem")).sign(message)).isEqualTo(signature);
        }

        @Test
        void aKeyFromKeyPairs_isReadByOpenssl_withTheSamePublicKey() throws Exception {
            assumeOpenSsl("ed25519");
            KeyPairs.Generated generated = KeyPairs.generate(SignatureAlgorithm.ED25519);
            write("ours.pem", generated.privateKeyPem().getBytes(StandardCharsets.US_ASCII));

            ok(openssl("pkey", "-in", "ours.pem", "-pubout", "-outform", "DER", "-out", "pub.der"));

            assertThat(Files.readAllBytes(dir.resolve("pub.der"))).isEqualTo(generated.verificationKey().spki());
            byte[] message = statement();
            write("msg", message);
            ok(openssl("pkeyutl", "-sign", "-inkey", "ours.pem", "-rawin", "-in", "msg", "-out", "sig"));
            assertThat(Files.readAllBytes(dir.resolve("sig"))).isEqualTo(generated.signer().sign(message));
        }
    }

    @Nested
    class Sm2 {

        @Test
        void anOpensslKey_loadsInPemSigner_withTheSameSpkiAndKeyId() throws Exception {
            assumeOpenSsl("SM2");
            ok(openssl("genpkey", "-algorithm", "SM2", "-out", "key.pem"));
            ok(openssl("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der"));

            PemSigner signer = PemSigner.fromFile(dir.resolve("key.pem"));
            byte[] opensslSpki = Files.readAllBytes(dir.resolve("pub.der"));

            assertThat(signer.verificationKey().algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
            assertThat(signer.verificationKey().spki()).isEqualTo(opensslSpki);
            assertThat(signer.verificationKey().keyId())
                    .isEqualTo(VerificationKey.keyIdOf(opensslSpki))
                    .isEqualTo(opensslKeyId("pub.der"));
        }

        @Test
        void ourSignature_verifiesWithOpenssl_givenTheDefaultDistid() throws Exception {
            assumeOpenSsl("SM2");
            ok(openssl("genpkey", "-algorithm", "SM2", "-out", "key.pem"));
            PemSigner signer = PemSigner.fromFile(dir.resolve("key.pem"));
            byte[] message = statement();
            write("msg", message);
            write("sig", signer.sign(message));
            write("pub.b64", signer.verificationKey().spkiBase64().getBytes(StandardCharsets.US_ASCII));
            ok(openssl("base64", "-d", "-A", "-in", "pub.b64", "-out", "pub.der"));
            write("pub.pem", pem("PUBLIC KEY", signer.verificationKey().spki()).getBytes(StandardCharsets.US_ASCII));

            Result pkeyutl = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.der", "-keyform", "DER",
                    "-rawin", "-digest", "sm3", "-pkeyopt", SM2_DISTID, "-in", "msg", "-sigfile", "sig");
            Result pkeyutlPem = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem",
                    "-rawin", "-digest", "sm3", "-pkeyopt", SM2_DISTID, "-in", "msg", "-sigfile", "sig");
            Result dgst = openssl("dgst", "-sm3", "-verify", "pub.der", "-keyform", "DER",
                    "-sigopt", SM2_DISTID, "-signature", "sig", "msg");

            ok(pkeyutl);
            assertThat(pkeyutl.out()).contains("Signature Verified Successfully");
            ok(pkeyutlPem);
            ok(dgst);
            assertThat(dgst.out()).contains("Verified OK");

            write("bad-msg", flipBit(message, 9));
            assertThat(openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.der", "-keyform", "DER",
                    "-rawin", "-digest", "sm3", "-pkeyopt", SM2_DISTID, "-in", "bad-msg", "-sigfile", "sig").exit())
                    .isNotZero();
        }

        @Test
        void anOpensslSignature_verifiesWithVerificationKey() throws Exception {
            assumeOpenSsl("SM2");
            ok(openssl("genpkey", "-algorithm", "SM2", "-out", "key.pem"));
            ok(openssl("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der"));
            VerificationKey key = VerificationKey.fromSpki(Files.readAllBytes(dir.resolve("pub.der")));
            byte[] message = statement();
            write("msg", message);

            for (int i = 0; i < 5; i++) {
                ok(openssl("pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3",
                        "-pkeyopt", SM2_DISTID, "-in", "msg", "-out", "sig"));
                byte[] signature = Files.readAllBytes(dir.resolve("sig"));

                assertThat(Sm2Reference.strictDer(signature)).as("DER").isNotNull();
                assertThatCode(() -> key.verify(message, signature)).doesNotThrowAnyException();
            }
        }

        @Test
        void aKeyFromKeyPairs_isReadByOpenssl_andSignsForUs() throws Exception {
            assumeOpenSsl("SM2");
            KeyPairs.Generated generated = KeyPairs.generate(SignatureAlgorithm.SM2_SM3);
            write("ours.pem", generated.privateKeyPem().getBytes(StandardCharsets.US_ASCII));

            ok(openssl("pkey", "-in", "ours.pem", "-pubout", "-outform", "DER", "-out", "pub.der"));

            assertThat(Files.readAllBytes(dir.resolve("pub.der"))).isEqualTo(generated.verificationKey().spki());
            byte[] message = statement();
            write("msg", message);
            ok(openssl("pkeyutl", "-sign", "-inkey", "ours.pem", "-rawin", "-digest", "sm3",
                    "-pkeyopt", SM2_DISTID, "-in", "msg", "-out", "sig"));
            byte[] signature = Files.readAllBytes(dir.resolve("sig"));
            assertThatCode(() -> generated.verificationKey().verify(message, signature)).doesNotThrowAnyException();
        }

        @Test
        void theGmT0003Example_verifiesWithOpenssl() throws Exception {
            assumeOpenSsl("SM2");
            write("pub.der", Sm2KnownAnswerTest.SPKI);
            write("sig", Sm2KnownAnswerTest.SIGNATURE);
            write("msg", Sm2KnownAnswerTest.MESSAGE);

            ok(openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.der", "-keyform", "DER",
                    "-rawin", "-digest", "sm3", "-pkeyopt", SM2_DISTID, "-in", "msg", "-sigfile", "sig"));
            assertThat(opensslKeyId("pub.der")).isEqualTo(VerificationKey.keyIdOf(Sm2KnownAnswerTest.SPKI));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    record Result(int exit, String out, String err) {
    }

    /** Skips the test unless {@code openssl} runs and can make a key of, and sign with, the algorithm. */
    private void assumeOpenSsl(String algorithm) throws Exception {
        Result version;
        try {
            version = openssl("version");
        } catch (IOException e) {
            assumeTrue(false, "openssl is not on the PATH: " + e.getMessage());
            return;
        }
        assumeTrue(version.exit() == 0, "openssl version failed: " + version.err());
        Result gen = openssl("genpkey", "-algorithm", algorithm, "-out", "probe-key.pem");
        assumeTrue(gen.exit() == 0, "openssl cannot generate " + algorithm + ": " + gen.err());
        write("probe-msg", utf8("probe"));
        List<String> sign = new ArrayList<>(List.of("pkeyutl", "-sign", "-inkey", "probe-key.pem", "-rawin"));
        if (algorithm.equals("SM2")) {
            sign.addAll(List.of("-digest", "sm3", "-pkeyopt", SM2_DISTID));
        }
        sign.addAll(List.of("-in", "probe-msg", "-out", "probe-sig"));
        Result probe = openssl(sign.toArray(String[]::new));
        assumeTrue(probe.exit() == 0, version.out().strip() + " cannot sign raw input with " + algorithm
                + ": " + probe.err());
    }

    /** Runs openssl in the temporary directory, stdin empty, bounded by a timeout. */
    private Result openssl(String... args) throws IOException, InterruptedException {
        int n = runs.incrementAndGet();
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path stdin = dir.resolve(".stdin");
        if (!Files.exists(stdin)) {
            Files.write(stdin, new byte[0]);
        }
        Path stdout = dir.resolve(".stdout-" + n);
        Path stderr = dir.resolve(".stderr-" + n);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(stdin.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out after " + TIMEOUT_SECONDS + "s: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.ISO_8859_1),
                Files.readString(stderr, StandardCharsets.ISO_8859_1));
    }

    private static void ok(Result result) {
        assertThat(result.exit()).as("openssl exit status; stderr: %s; stdout: %s", result.err(), result.out())
                .isZero();
    }

    /** {@code openssl dgst -sha256 -r FILE | cut -c1-32}. */
    private String opensslKeyId(String spkiFile) throws Exception {
        Result r = openssl("dgst", "-sha256", "-r", spkiFile);
        ok(r);
        return r.out().substring(0, 32);
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    /** A ledger-like statement: some JSON and some random bytes, never empty. */
    private byte[] statement() {
        byte[] noise = new byte[1 + random.nextInt(300)];
        random.nextBytes(noise);
        byte[] head = utf8("{\"statement\":\"hazard 42 closed out\",\"by\":\"\u5f20\u4e09\"}");
        byte[] out = new byte[head.length + noise.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(noise, 0, out, head.length, noise.length);
        return out;
    }
}
