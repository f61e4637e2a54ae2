package io.hazardledger.store.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event serializer: Jackson 2 with an ObjectMapper of the ledger's own (ISO-8601 dates, never numbers),
 * storing events under their stable {@link EventTypes} names instead of Java class names.
 */
public final class LedgerSerializer extends JacksonSerializer {

    private LedgerSerializer(Builder builder) {
        super(builder);
    }

    /** The serializer for events. */
    public static LedgerSerializer forEvents() {
        return new LedgerSerializer(JacksonSerializer.builder().objectMapper(objectMapper()));
    }

    /** The ObjectMapper behind the serializer; also used to read stored payloads. */
    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    @Override
    public SerializedType typeForClass(Class type) {
        String name = EventTypes.nameOf(type);
        SerializedType byClass = super.typeForClass(type);
        return name == null ? byClass : new SimpleSerializedType(name, byClass.getRevision());
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        Class<?> type = EventTypes.classOf(serializedType.getName());
        return type == null ? serializedType.getName() : type.getName();
    }
}
