package io.hazardledger.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Property tests over random entries and random histories: {@link EntryCodec} gives the same bytes as the naive
 * {@link ReferenceEntryEncoder}, and {@link ChainVerifier} accepts a chain the reference built and rejects it,
 * at the right index, once one entry or one event is changed.
 */
@net.jqwik.api.Tag("store-independent")   // not run again on PostgreSQL (.ci/run)
class EntryCodecProperties {

    private static final long MAX_EXACT = 1L << 53;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVENT_TYPES = List.of("EnterpriseRegistered", "PrincipalAppointed",
            "PersonRegistered", "HazardReported", "RectificationPlanned", "DeadlineExtended", "RectificationSubmitted",
            "RectificationVerified", "HazardClosedOut", "HazardReopened");

    @Property(tries = 1000)
    void codecAndReference_giveIdenticalBytes(@ForAll("contents") EntryContent content,
                                              @ForAll @LongRange(min = 0, max = MAX_EXACT) long index,
                                              @ForAll("hashes") String prevHash) throws Exception {
        byte[] codec = EntryCodec.encode(index, prevHash, content);
        byte[] reference = ReferenceEntryEncoder.encode(index, prevHash, content);

        assertThat(new String(codec, StandardCharsets.UTF_8)).isEqualTo(new String(reference, StandardCharsets.UTF_8));
        assertThat(codec).isEqualTo(reference);
        assertThat(Hashes.leafHash(codec)).isEqualTo(ReferenceEntryEncoder.leafHash(reference));
    }

    @Property(tries = 1000)
    void matches_theEncodedBytes_andNoOtherBytes(@ForAll("contents") EntryContent content,
                                                 @ForAll @LongRange(min = 0, max = MAX_EXACT) long index,
                                                 @ForAll("hashes") String prevHash, @ForAll Random random) throws Exception {
        byte[] encoded = EntryCodec.encode(index, prevHash, content);
        assertThat(EntryCodec.matches(index, prevHash, content, encoded)).isTrue();

        byte[] flipped = encoded.clone();
        int bit = random.nextInt(flipped.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(EntryCodec.matches(index, prevHash, content, flipped)).isFalse();
        assertThat(EntryCodec.matches(index, prevHash, content, java.util.Arrays.copyOf(encoded, encoded.length - 1))).isFalse();
        assertThat(EntryCodec.matches(index, prevHash, content, java.util.Arrays.copyOf(encoded, encoded.length + 1))).isFalse();
    }

    @Property(tries = 200)
    void randomHistory_chainedByReference_verifies(@ForAll("histories") List<EntryContent> events) throws Exception {
        List<StoredEntry> ledger = chain(events);
        ChainVerifier verifier = new ChainVerifier();

        for (int i = 0; i < ledger.size(); i++) {
            verifier.accept(ledger.get(i), events.get(i));
        }
        String head = ledger.isEmpty() ? Hashes.ZERO_HASH : ledger.get(ledger.size() - 1).entryHash();

        assertThat(verifier.finish(0, ledger.size(), head)).usingRecursiveComparison()
                .ignoringFields("clockSteps")   // the random histories' recorded times go back and forth
                .isEqualTo(new VerifiedLedger(ledger.size(), head));
    }

    @Property(tries = 200)
    void randomHistory_withOneBitFlippedInAnEntry_breaksAtThatEntry(@ForAll("nonEmptyHistories") List<EntryContent> events,
                                                                     @ForAll Random random) {
        List<StoredEntry> ledger = chain(events);
        int k = random.nextInt(ledger.size());
        StoredEntry e = ledger.get(k);
        byte[] bytes = e.bytes().clone();
        int bit = random.nextInt(bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        ledger.set(k, new StoredEntry(e.index(), e.eventId(), e.aggregateId(), e.entryHash(), bytes));

        LedgerIntegrityException failure = catchThrowableOfType(LedgerIntegrityException.class, () -> verify(ledger, events));

        assertThat(failure).isNotNull();
        assertThat(failure.index()).isEqualTo(k);
        assertThat(failure.check()).isEqualTo("entry-hash");
    }

    @Property(tries = 200)
    void randomHistory_withOnePayloadChanged_breaksAtThatEntry(@ForAll("nonEmptyHistories") List<EntryContent> events,
                                                                @ForAll Random random) throws Exception {
        List<StoredEntry> ledger = chain(events);
        int k = random.nextInt(events.size());
        EntryContent c = events.get(k);
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set("tampered", JSON.readTree(c.payloadJson()));
        List<EntryContent> tampered = new ArrayList<>(events);
        tampered.set(k, new EntryContent(c.eventId(), c.aggregateType(), c.aggregateId(), c.aggregateSequence(),
                c.eventType(), c.payloadRevision(), c.recordedAt(), c.metadataJson(), JSON.writeValueAsString(wrapped)));

        LedgerIntegrityException failure = catchThrowableOfType(LedgerIntegrityException.class, () -> verify(ledger, tampered));

        assertThat(failure).isNotNull();
        assertThat(failure.index()).isEqualTo(k);
        assertThat(failure.check()).isEqualTo("entry-mismatch");
    }

    /** Entries built by the reference encoder, each naming the previous one's hash. */
    private static List<StoredEntry> chain(List<EntryContent> events) {
        List<StoredEntry> ledger = new ArrayList<>();
        String prev = Hashes.ZERO_HASH;
        for (int i = 0; i < events.size(); i++) {
            EntryContent c = events.get(i);
            byte[] bytes = ReferenceEntryEncoder.encode(i, prev, c);
            prev = ReferenceEntryEncoder.leafHash(bytes);
            ledger.add(new StoredEntry(i, c.eventId(), c.aggregateId(), prev, bytes));
        }
        return ledger;
    }

    private static void verify(List<StoredEntry> ledger, List<EntryContent> events) throws LedgerIntegrityException {
        ChainVerifier verifier = new ChainVerifier();
        for (int i = 0; i < ledger.size(); i++) {
            verifier.accept(ledger.get(i), events.get(i));
        }
        verifier.finish(0, ledger.size(), ledger.get(ledger.size() - 1).entryHash());
    }

    @Provide
    Arbitrary<List<EntryContent>> histories() {
        return contents().list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<EntryContent>> nonEmptyHistories() {
        return contents().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> hashes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Hashes.ZERO_HASH)),
                Tuple.of(9, Arbitraries.strings().withChars("0123456789abcdef").ofLength(64)));
    }

    @Provide
    Arbitrary<EntryContent> contents() {
        Arbitrary<String> metadata = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(8, objectText()))
                .injectNull(0.1);
        Arbitrary<String[]> json = Combinators.combine(metadata, objectText()).as((m, p) -> new String[] {m, p});
        return Combinators.combine(text(), text(), text(), Arbitraries.longs().between(0, MAX_EXACT),
                        Arbitraries.oneOf(Arbitraries.of(EVENT_TYPES), text()), text().injectNull(0.5), recordedAt(), json)
                .as((eventId, aggregateType, aggregateId, sequence, eventType, revision, recordedAt, texts) ->
                        new EntryContent(eventId, aggregateType, aggregateId, sequence, eventType, revision, recordedAt,
                                texts[0], texts[1]));
    }

    private static Arbitrary<String> recordedAt() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 4_102_444_800_000L)
                        .map(ms -> java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(ms))),
                text());
    }

    /** Unicode text biased towards what JSON must escape or sort with care; valid Unicode only (no lone surrogates). */
    static Arbitrary<String> text() {
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7e);
        Arbitrary<Integer> special = Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7f, 0xe9, 0x2028, 0x2029,
                0xfeff, 0xe000, 0xff21, 0x9690, 0x60a3, 0x1f600, 0x10ffff);
        Arbitrary<Integer> control = Arbitraries.integers().between(0x00, 0x1f);
        Arbitrary<Integer> bmp = Arbitraries.integers().between(0x80, 0xffff).filter(cp -> cp < 0xd800 || cp > 0xdfff);
        Arbitrary<Integer> astral = Arbitraries.integers().between(0x10000, 0x10ffff);
        return Arbitraries.frequencyOf(Tuple.of(6, ascii), Tuple.of(3, special), Tuple.of(2, control),
                        Tuple.of(2, bmp), Tuple.of(1, astral))
                .list().ofMaxSize(12)
                .map(codePoints -> {
                    StringBuilder s = new StringBuilder();
                    codePoints.forEach(s::appendCodePoint);
                    return s.toString();
                });
    }

    /** A random JSON object, written in one of several non-canonical styles. */
    private static Arbitrary<String> objectText() {
        return Combinators.combine(objects(3), Arbitraries.of(Style.values())).as((node, style) -> style.write(node));
    }

    private static Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                text().map(TextNode::valueOf),
                Arbitraries.longs().between(-MAX_EXACT, MAX_EXACT).map(LongNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = values(depth - 1).list().ofMaxSize(4)
                .map(items -> JsonNodeFactory.instance.arrayNode().addAll(items));
        Arbitrary<JsonNode> object = objects(depth - 1).map(o -> o);
        return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(1, array), Tuple.of(2, object));
    }

    private static Arbitrary<ObjectNode> objects(int depth) {
        return Arbitraries.maps(text(), values(depth)).ofMaxSize(5).map(members -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            members.forEach(o::set);
            return o;
        });
    }

    /** Ways a stored JSON text may be spelled: the entry must not depend on them. */
    private enum Style {
        COMPACT, PRETTY, ASCII_ESCAPED;

        String write(JsonNode node) {
            try {
                return switch (this) {
                    case COMPACT -> JSON.writeValueAsString(node);
                    case PRETTY -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
                    case ASCII_ESCAPED -> JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(node);
                };
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
