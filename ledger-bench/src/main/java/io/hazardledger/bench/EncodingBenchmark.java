package io.hazardledger.bench;

import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.Statement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The byte-level work around a signature and a ledger entry: {@link Statement#canonicalBytes()} (what is signed),
 * {@link EntryCodec#encode} of a real stored HazardReported event (what is chained) and {@link Hashes#leafHash} of
 * the resulting entry bytes, and the content a statement on that entry signs (the command rebuilt from its payload).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class EncodingBenchmark {

    private Statement statement;
    private EntryContent content;
    private byte[] entryBytes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        statement = Fixtures.statement(Fixtures.KEY_ID);
        content = Fixtures.hazardReported();
        entryBytes = EntryCodec.encode(Fixtures.HAZARD_REPORTED_INDEX, Fixtures.HAZARD_REPORTED_PREV_HASH, content);
        // The fixture is the known-answer vector entry/event-hazard-reported.json: check it still encodes to it.
        String hash = Hashes.leafHash(entryBytes);
        if (!hash.equals(Fixtures.HAZARD_REPORTED_HASH)) {
            throw new IllegalStateException("HazardReported fixture hashes to " + hash + ", not "
                    + Fixtures.HAZARD_REPORTED_HASH);
        }
    }

    @Benchmark
    public byte[] statementCanonicalBytes() {
        return statement.canonicalBytes();
    }

    @Benchmark
    public byte[] entryEncodeHazardReported() throws Exception {
        return EntryCodec.encode(Fixtures.HAZARD_REPORTED_INDEX, Fixtures.HAZARD_REPORTED_PREV_HASH, content);
    }

    @Benchmark
    public String leafHashHazardReported() {
        return Hashes.leafHash(entryBytes);
    }

    /** What verify adds to each signed entry to check its content: the command rebuilt from the payload, hashed. */
    @Benchmark
    public Object contentDigestHazardReported() {
        return io.hazardledger.signing.internal.SignedContent.expectedDigests("hazard.report", "HazardReported",
                content.payloadJson());
    }
}
