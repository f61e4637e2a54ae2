package io.hazardledger.signing.internal;

import io.hazardledger.hazard.Evidence;
import io.hazardledger.inspection.InspectionSignedOff;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Valid commands and events made of sample values: every string member differs ({@code v-<name>}), so that which
 * member something reads can be told from its value.
 */
public final class SampleRecords {

    private SampleRecords() {
    }

    /** A record of {@code type} of sample values, those named in {@code given} taken from it. */
    public static <R extends Record> R of(Class<R> type, Map<String, Object> given) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            String name = components[i].getName();
            types[i] = t;
            if (given.containsKey(name)) {
                args[i] = given.get(name);
            } else if (t == String.class) {
                args[i] = switch (name) {
                    case "publicKey", "newPublicKey" -> "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
                    case "funding" -> "1200.00";
                    default -> "v-" + name;
                };
            } else if (t == Instant.class) {
                args[i] = Instant.parse("2026-11-29T08:31:12.500Z");
            } else if (t == LocalDate.class) {
                args[i] = LocalDate.parse("2026-12-15");
            } else if (t == boolean.class) {
                args[i] = true;
            } else if (t == int.class) {
                args[i] = 7;
            } else if (t.isEnum()) {
                args[i] = t.getEnumConstants()[0];
            } else if (name.equals("evidence")) {
                args[i] = List.of(new Evidence("8ed3cc478d2a0c7eb17316d62ad2d6dcf8dea1e7c894168b40bb68c411cc45e9",
                        "image/jpeg", Instant.parse("2026-11-29T08:31:12.500Z"), "IMG_0412.jpg"));
            } else if (name.equals("failedItems")) {
                args[i] = List.of(new InspectionSignedOff.FailedItem("3", "hz-9"));
            } else {
                throw new AssertionError("no sample value for " + type.getSimpleName() + "." + name + " (" + t + ")");
            }
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }
}
