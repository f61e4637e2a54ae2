package io.hazardledger.bench;

import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.integrity.sig.VerificationKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Signature verification with the ledger's own code ({@link VerificationKey}, {@link SignedStatement}; BouncyCastle
 * lightweight API underneath), for Ed25519 and SM2-with-SM3. Three depths:
 * <ul>
 *   <li>{@link #verify}: {@link VerificationKey#verify} over the statement's canonical bytes, key already parsed;</li>
 *   <li>{@link #verifySignedStatement}: {@link SignedStatement#verifyWith} (base64 decode, canonical bytes,
 *       verify), key already parsed, as the ledger's re-check of stored signatures does;</li>
 *   <li>{@link #verifySignedStatementParsingKey}: the key parsed from its base64 SubjectPublicKeyInfo first, then
 *       {@link SignedStatement#verifyWith}, as the check at write time does.</li>
 * </ul>
 * The key pair and the signature are made once per trial; every invocation verifies the same valid signature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class SignatureBenchmark {

    @Param({"ED25519", "SM2_SM3"})
    public SignatureAlgorithm algorithm;

    private VerificationKey key;
    private String keyBase64;
    private SignedStatement signed;
    private byte[] message;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPairs.Generated pair = KeyPairs.generate(algorithm);
        key = pair.verificationKey();
        keyBase64 = key.spkiBase64();
        Statement statement = Fixtures.statement(key.keyId());
        signed = SignedStatement.sign(statement, pair.signer());
        message = statement.canonicalBytes();
        signature = Base64.getDecoder().decode(signed.signature());
        // What is measured must be the success path: fail the run rather than time a rejection.
        key.verify(message, signature);
        signed.verifyWith(VerificationKey.fromBase64Spki(keyBase64));
    }

    @Benchmark
    public void verify() throws Exception {
        key.verify(message, signature);
    }

    @Benchmark
    public void verifySignedStatement() throws Exception {
        signed.verifyWith(key);
    }

    @Benchmark
    public void verifySignedStatementParsingKey() throws Exception {
        signed.verifyWith(VerificationKey.fromBase64Spki(keyBase64));
    }
}
