package io.hazardledger.app.web;


import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: a key given twice, a value of the wrong JSON type ({@code "true"} or {@code 1}
 * for a boolean, {@code 5} for a text, {@code "3"} or {@code 2.5} for a whole number, a number for an enum, a
 * number or digits for a date or an instant), a null for a primitive and unknown properties are refused (400), never
 * coerced into something the caller did not write. What is stored in
 * the ledger is then exactly what was sent.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    /**
     * A value read only from a JSON string in one ISO form: an instant is an RFC 3339 date-time with its offset
     * ({@code 2026-11-01T08:00:00Z}), a date an ISO 8601 calendar date that exists ({@code 2027-06-30}); never a
     * number, nor digits taken as one.
     */
    static final class IsoString<T> extends tools.jackson.databind.ValueDeserializer<T> {
        private final Class<T> type;
        private final java.util.function.Function<String, T> parse;
        private final String form;

        IsoString(Class<T> type, java.util.function.Function<String, T> parse, String form) {
            this.type = type;
            this.parse = parse;
            this.form = form;
        }

        @Override
        public T deserialize(tools.jackson.core.JsonParser p, tools.jackson.databind.DeserializationContext ctxt) {
            if (!p.hasToken(tools.jackson.core.JsonToken.VALUE_STRING)) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getString();
            try {
                return parse.apply(text);
            } catch (java.time.DateTimeException e) {
                throw ctxt.weirdStringException(text, type, "not " + form);
            }
        }
    }

    /**
     * An enum's value exactly as one of its names: Jackson's enum reader would otherwise try the text again trimmed,
     * taking {@code "AUDITOR\u0000"} or {@code "\tLARGE"} (every character up to U+0020 at either end) for the value
     * they spell without it.
     */
    static final class ExactEnum extends tools.jackson.databind.deser.std.DelegatingDeserializer {

        ExactEnum(tools.jackson.databind.ValueDeserializer<?> delegatee) {
            super(delegatee);
        }

        @Override
        protected tools.jackson.databind.ValueDeserializer<?> newDelegatingInstance(
                tools.jackson.databind.ValueDeserializer<?> delegatee) {
            return new ExactEnum(delegatee);
        }

        @Override
        public Object deserialize(tools.jackson.core.JsonParser p, tools.jackson.databind.DeserializationContext ctxt) {
            if (p.hasToken(tools.jackson.core.JsonToken.VALUE_STRING)) {
                String text = p.getString();
                if (!text.equals(text.trim())) {
                    throw ctxt.weirdStringException(text, handledType(), "not one of the values accepted: white "
                            + "space or a control character around it");
                }
            }
            return super.deserialize(p, ctxt);
        }
    }

    @Bean
    JsonMapperBuilderCustomizer ledgerStrictJson() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(tools.jackson.databind.cfg.EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .addModule(new tools.jackson.databind.module.SimpleModule("ledger-exact-enums")
                        .setDeserializerModifier(new tools.jackson.databind.deser.ValueDeserializerModifier() {
                            @Override
                            public tools.jackson.databind.ValueDeserializer<?> modifyEnumDeserializer(
                                    tools.jackson.databind.DeserializationConfig config,
                                    tools.jackson.databind.JavaType type,
                                    tools.jackson.databind.BeanDescription.Supplier description,
                                    tools.jackson.databind.ValueDeserializer<?> deserializer) {
                                return new ExactEnum(deserializer);
                            }
                        }))
                .addModule(new tools.jackson.databind.module.SimpleModule("ledger-strict-time")
                        .addDeserializer(java.time.Instant.class, new IsoString<>(java.time.Instant.class,
                                t -> java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t, java.time.Instant::from),
                                "an RFC 3339 date-time with offset"))
                        .addDeserializer(java.time.LocalDate.class, new IsoString<>(java.time.LocalDate.class,
                                java.time.LocalDate::parse, "an ISO 8601 date (yyyy-mm-dd)")))
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
