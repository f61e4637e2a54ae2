package io.hazardledger.integrity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The known-answer vectors in {@code src/test/resources/vectors/}, as described in {@code docs/FORMAT.md}
 * section 10: {@code entry/<case>.json} and {@code chain/<case>.json}.
 */
final class Vectors {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Vectors() {
    }

    /** An event row as the vectors spell it: the {@link EntryContent} fields. */
    record Event(String eventId, String aggregateType, String aggregateId, long aggregateSequence, String eventType,
                 String payloadRevision, String recordedAt, String metadataJson, String payloadJson) {
        EntryContent content() {
            return new EntryContent(eventId, aggregateType, aggregateId, aggregateSequence, eventType, payloadRevision,
                    recordedAt, metadataJson, payloadJson);
        }
    }

    /** One entry: inputs, and the bytes and hash it must give, or {@code wantErr}. */
    record EntryCase(String desc, long index, String prevHash, String eventId, String aggregateType, String aggregateId,
                     long aggregateSequence, String eventType, String payloadRevision, String recordedAt,
                     String metadataJson, String payloadJson, String wantBytes, String wantHash, boolean wantErr) {
        EntryContent content() {
            return new EntryContent(eventId, aggregateType, aggregateId, aggregateSequence, eventType, payloadRevision,
                    recordedAt, metadataJson, payloadJson);
        }
    }

    /** A ledger_entry row; {@code bytes} is the entry as a string, to be encoded as UTF-8. */
    record Entry(long index, String eventId, String aggregateId, String eventType, String entryHash, String bytes) {
        StoredEntry stored() {
            return new StoredEntry(index, eventId, aggregateId, entryHash, bytes.getBytes(StandardCharsets.UTF_8));
        }
    }

    record Head(long size, String hash) {
    }

    /** The first failure a verifier must report. */
    record WantErr(long index, String check) {
    }

    /**
     * A stored ledger: entry rows in the order the store hands them over, event rows, the chain head (null when the
     * ledger_head row is missing), and what verification must say.
     */
    record ChainCase(String desc, List<Entry> entries, List<Event> events, Head head, WantErr wantErr) {
    }

    static Stream<Path> files(String kind) {
        URL dir = Vectors.class.getResource("/vectors/" + kind);
        if (dir == null) {
            throw new IllegalStateException("no vectors/" + kind + " on the test class path");
        }
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            List<Path> files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("vectors/" + kind + " holds no vectors");
            }
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static EntryCase entry(String name) {
        return read(Path.of("entry", name + ".json"), EntryCase.class);
    }

    static ChainCase chain(String name) {
        return read(Path.of("chain", name + ".json"), ChainCase.class);
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            if (!file.isAbsolute()) {
                URL url = Vectors.class.getResource("/vectors/" + file.toString().replace('\\', '/'));
                if (url == null) {
                    throw new IllegalStateException("no vector " + file);
                }
                file = Path.of(url.toURI());
            }
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String name(Path file) {
        return file.getFileName().toString().replaceFirst("\\.json$", "");
    }
}
