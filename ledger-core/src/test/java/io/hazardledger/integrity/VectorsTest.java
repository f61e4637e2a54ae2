package io.hazardledger.integrity;

import io.hazardledger.integrity.Vectors.ChainCase;
import io.hazardledger.integrity.Vectors.EntryCase;
import io.hazardledger.integrity.Vectors.Event;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Runs {@link EntryCodec} and {@link ChainVerifier} against every known-answer vector (docs/FORMAT.md section 10). */
class VectorsTest {

    @TestFactory
    Stream<DynamicTest> entryVectors() {
        return Vectors.files("entry").map(file -> DynamicTest.dynamicTest(Vectors.name(file), file.toUri(), () -> {
            EntryCase v = Vectors.read(file, EntryCase.class);
            if (v.wantErr()) {
                assertThatThrownBy(() -> EntryCodec.encode(v.index(), v.prevHash(), v.content()))
                        .as(v.desc())
                        .isInstanceOf(EntryCodec.MalformedEntryException.class);
                return;
            }
            byte[] bytes = EntryCodec.encode(v.index(), v.prevHash(), v.content());
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(v.desc()).isEqualTo(v.wantBytes());
            assertThat(Hashes.leafHash(bytes)).as(v.desc()).isEqualTo(v.wantHash());
            // The hash once more, straight from the vector's bytes, without the code under test.
            assertThat(ReferenceEntryEncoder.leafHash(v.wantBytes().getBytes(StandardCharsets.UTF_8))).isEqualTo(v.wantHash());
        }));
    }

    @TestFactory
    Stream<DynamicTest> chainVectors() {
        return Vectors.files("chain").map(file -> DynamicTest.dynamicTest(Vectors.name(file), file.toUri(), () -> {
            ChainCase v = Vectors.read(file, ChainCase.class);
            LedgerIntegrityException failure = catchThrowableOfType(LedgerIntegrityException.class, () -> verify(v));
            if (v.wantErr() == null) {
                assertThat(failure).as(v.desc()).isNull();
            } else {
                assertThat(failure).as(v.desc()).isNotNull();
                assertThat(failure.check()).as(failure.getMessage()).isEqualTo(v.wantErr().check());
                assertThat(failure.index()).as(failure.getMessage()).isEqualTo(v.wantErr().index());
            }
        }));
    }

    /**
     * FORMAT.md section 6 over a vector, as {@code Ledger.verify()} runs it over the tables: {@link ChainVerifier}
     * for each entry below the head, plus the three checks that need the rows beside the entry (the head row, the
     * event_type column, rows at or beyond the head). {@link StoredVectorsTest} shows that the database agrees.
     */
    static VerifiedLedger verify(ChainCase v) throws LedgerIntegrityException {
        if (v.head() == null) {
            throw new LedgerIntegrityException(0, "head-missing", "no ledger_head row", "a ledger_head row", "none");
        }
        Map<String, Event> events = new HashMap<>();
        v.events().forEach(e -> events.put(e.eventId(), e));
        ChainVerifier verifier = new ChainVerifier();
        for (Vectors.Entry entry : v.entries()) {
            if (entry.index() >= v.head().size()) {
                continue;
            }
            Event event = events.get(entry.eventId());
            verifier.accept(entry.stored(), event == null ? null : event.content());
            if (!entry.eventType().equals(event.eventType())) {
                throw new LedgerIntegrityException(entry.index(), "column-mismatch", "event_type column",
                        event.eventType(), entry.eventType());
            }
        }
        Set<String> named = v.entries().stream().map(Vectors.Entry::eventId).collect(Collectors.toSet());
        long unledgered = v.events().stream().filter(e -> !named.contains(e.eventId())).count();
        long highest = v.entries().stream().mapToLong(Vectors.Entry::index).max().orElse(-1);
        if (highest >= v.head().size()) {
            throw new LedgerIntegrityException(v.head().size(), "beyond-head", "entries at or beyond the head",
                    "highest index " + (v.head().size() - 1), "highest index " + highest);
        }
        VerifiedLedger verified = verifier.finish(unledgered, v.head().size(), v.head().hash());
        assertThat(verified).isEqualTo(new VerifiedLedger(v.head().size(), v.head().hash()));
        return verified;
    }
}
