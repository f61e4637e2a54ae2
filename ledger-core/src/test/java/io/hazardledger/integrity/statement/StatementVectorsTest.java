package io.hazardledger.integrity.statement;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.integrity.sig.VerificationKey;
import io.hazardledger.signing.internal.SignatureMetadata;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Known answers for signed statements, {@code src/test/resources/vectors/statement/*.json} (docs/FORMAT.md sections
 * 10 and 12.4): the statement object, read as a stored entry's metadata is read, has exactly the canonical bytes,
 * statement hash and Ed25519 signature (RFC 8032 TEST 1 key) that the vector gives; {@code err-*} objects have none.
 * The expected values were computed with Python and OpenSSL 3.0.19, not with this code. Reproduce one, in that
 * directory:
 *
 * <pre>{@code
 * jq -j .wantCanonical plan-acceptance.json | sha256sum                    # wantSha256
 * printf '302e020100300506032b657004220420%s' "$(jq -r .seed plan-acceptance.json)" | xxd -r -p \
 *   | openssl pkey -inform DER -out k.pem                                    # the TEST 1 key as PKCS#8 PEM
 * jq -j .wantCanonical plan-acceptance.json > m.bin
 * openssl pkeyutl -sign -inkey k.pem -rawin -in m.bin | openssl base64 -A   # wantSignature
 * python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["statement"], sort_keys=True,
 *   separators=(",", ":"), ensure_ascii=False) == d["wantCanonical"])' plan-acceptance.json   # True
 * }</pre>
 */
class StatementVectorsTest {

    /** One vector file. {@code statement} is the object as stored: version a number, the rest strings. */
    record Vector(String desc, Map<String, Object> statement, String seed, String publicKey, String wantCanonical,
                  String wantSha256, String wantSignature, boolean wantErr) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    // printf '%s' '302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a' | xxd -r -p | base64
    private static final String TEST1_SPKI = "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    // printf '%s' MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo= | base64 -d | sha256sum | cut -c1-32
    private static final String TEST1_KEY_ID = "06e3fd8fda29bb60ab59557de61edb0a";

    /** Error vectors that the code does not refuse today; each has a disabled test below. */
    private static final Set<String> KNOWN_BUGS = Set.of("err-lone-surrogate", "err-version-2", "err-version-missing",
            "err-version-string", "err-extra-member");

    @TestFactory
    Stream<DynamicTest> eachVector_signsAndVerifiesToTheKnownAnswers() {
        return files().filter(f -> !name(f).startsWith("err-")).map(f -> DynamicTest.dynamicTest(name(f), f.toUri(), () -> {
            Vector v = read(f);
            assertThat(v.wantErr()).as("wantErr").isFalse();
            assertThat(v.statement().keySet()).as("the nine members of FORMAT.md 12.1")
                    .containsExactlyInAnyOrder("version", "action", "aggregateId", "contentSha256", "prevEntryHash",
                            "signerId", "keyId", "claimedAt", "mode");
            SignedStatement read = readAsStored(v.statement(), v.wantSignature());
            assertThat(read).as("read from metadata").isNotNull();
            Statement s = read.statement();

            byte[] canonical = s.canonicalBytes();
            assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(v.wantCanonical());
            assertThat(canonical).isEqualTo(v.wantCanonical().getBytes(StandardCharsets.UTF_8));
            assertThat(Hashes.sha256Hex(canonical)).isEqualTo(v.wantSha256());
            // the object as stored, canonicalised as it is (FORMAT.md 12.6), is the signed bytes
            assertThat(ReferenceStatementJson.sortedCompact(v.statement())).isEqualTo(v.wantCanonical());

            PemSigner signer = signer(v.seed());
            assertThat(signer.verificationKey().spkiBase64()).isEqualTo(v.publicKey()).isEqualTo(TEST1_SPKI);
            assertThat(SignedStatement.sign(s, signer).signature()).isEqualTo(v.wantSignature());
            VerificationKey key = VerificationKey.fromBase64Spki(v.publicKey());
            assertThatCode(() -> read.verifyWith(key)).doesNotThrowAnyException();

            // stored again, it is the same object
            assertThat(SignatureMetadata.toMetadata(read)).isEqualTo(Map.of("statement", v.statement(),
                    "signature", v.wantSignature()));
            // one flipped bit of signature or statement is refused
            byte[] sig = Base64.getDecoder().decode(v.wantSignature());
            sig[17] ^= 0x04;
            assertThatThrownBy(() -> new SignedStatement(s, Base64.getEncoder().encodeToString(sig)).verifyWith(key))
                    .isInstanceOf(InvalidSignatureException.class);
            Statement other = new Statement(s.action(), s.aggregateId(), s.contentSha256(), s.prevEntryHash(),
                    s.signerId(), s.keyId(), s.claimedAt(), s.mode() + "x");
            assertThatThrownBy(() -> new SignedStatement(other, v.wantSignature()).verifyWith(key))
                    .isInstanceOf(InvalidSignatureException.class);
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachErrorVector_hasNoSignedBytes() {
        return files().filter(f -> name(f).startsWith("err-") && !KNOWN_BUGS.contains(name(f)))
                .map(f -> DynamicTest.dynamicTest(name(f), f.toUri(), () -> assertHasNoSignedBytes(read(f))));
    }

    @Test
    void metadataReader_refusesAnObjectThatIsNotExactlyAVersion1Statement() {
        for (String name : List.of("err-version-2", "err-version-missing", "err-version-string", "err-extra-member")) {
            assertThat(readAsStored(vector(name).statement(), "c2ln")).as(name).isNull();
        }
    }

    @Test
    void loneSurrogate_hasNoCanonicalBytes() {
        assertHasNoSignedBytes(vector("err-lone-surrogate"));
        Statement a = new Statement("hazard.report", "hz-\ud800", "c", "p", "s", "k", "t", "personal");
        org.assertj.core.api.Assertions.assertThatThrownBy(a::canonicalBytes)
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vectors_coverTheCasesThatFormatMdLists() {
        Set<String> names = Set.copyOf(files().map(StatementVectorsTest::name).toList());

        assertThat(names).contains("plan-acceptance", "report-new-hazard", "key-rotate", "demo-server-mode",
                "non-ascii-ids", "escaped-characters", "claimed-at-offset", "empty-strings", "err-lone-surrogate",
                "err-version-2", "err-version-missing", "err-version-string", "err-extra-member", "err-member-missing",
                "err-member-not-string");
        assertThat(names).containsAll(KNOWN_BUGS);
        // the non-ASCII case holds characters above U+FFFF and the escape case every escape RFC 8785 has
        assertThat(vector("non-ascii-ids").wantCanonical()).contains("\ud840\udc00", "\ud83d\ude00", "张三");
        assertThat(vector("escaped-characters").wantCanonical())
                .contains("\\\"", "\\\\", "\\b", "\\t", "\\n", "\\f", "\\r", "\\u0000", "\\u001f", "/", "\u007f",
                        "\u2028", "\u2029");
    }

    @Test
    void everyVector_isSignedWithTheRfc8032Test1Key() throws Exception {
        PemSigner signer = signer("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

        assertThat(signer.verificationKey().keyId()).isEqualTo(TEST1_KEY_ID);
        files().map(StatementVectorsTest::read).forEach(v -> {
            assertThat(v.seed()).isEqualTo("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
            assertThat(v.publicKey()).isEqualTo(TEST1_SPKI);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** No canonical bytes can be had from the object: the metadata reader refuses it, or canonicalisation fails. */
    private static void assertHasNoSignedBytes(Vector v) {
        assertThat(v.wantErr()).as("wantErr").isTrue();
        assertThat(v.wantCanonical()).isNull();
        assertThat(v.wantSha256()).isNull();
        assertThat(v.wantSignature()).isNull();
        SignedStatement read = readAsStored(v.statement(), "c2ln");
        if (read != null) {
            assertThatThrownBy(() -> read.statement().canonicalBytes()).as("canonical bytes of " + v.statement())
                    .isInstanceOf(RuntimeException.class);
        }
    }

    /** The statement object as Ledger.verify() reads it from an entry's metadata. */
    private static SignedStatement readAsStored(Map<String, Object> statement, String signature) {
        return SignatureMetadata.fromMetadata(Map.of("statement", statement, "signature", signature));
    }

    static PemSigner signer(String seedHex) throws Exception {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + seedHex);
        return PemSigner.fromPem("-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");
    }

    static Vector vector(String name) {
        return read(dir().resolve(name + ".json"));
    }

    private static Vector read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Vector.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> files() {
        try (Stream<Path> list = Files.list(dir())) {
            List<Path> files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(files).as("vectors/statement").isNotEmpty();
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir() {
        URL url = StatementVectorsTest.class.getResource("/vectors/statement");
        if (url == null) {
            throw new IllegalStateException("no vectors/statement on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString().replaceFirst("\\.json$", "");
    }
}
