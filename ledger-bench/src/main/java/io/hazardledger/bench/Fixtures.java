package io.hazardledger.bench;

import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.sig.Statement;

/** Realistic inputs for the benchmarks. */
final class Fixtures {

    /** A key ID as the ledger writes it (first 16 bytes of SHA-256 of the SubjectPublicKeyInfo, hex). */
    static final String KEY_ID = "3f6c0e8a9b1d4c2e7a5f0b1c2d3e4f50";

    /**
     * The HazardReported event of the known-answer vector
     * {@code ledger-core/src/test/resources/vectors/entry/event-hazard-reported.json}: entry 5 of a real run,
     * exactly as the ledger stored it (payload 540 bytes of UTF-8, entry 978 bytes).
     */
    static final long HAZARD_REPORTED_INDEX = 5;
    static final String HAZARD_REPORTED_PREV_HASH = "03b38b8e15e688c2a4129dbba9e478e41fb6e02619cb980aa081a1a350582af7";
    static final String HAZARD_REPORTED_HASH = "74212b5d4677a2ae180ecc777508ba5b552ee33fc1818363eb3fd74c79a53d67";

    private Fixtures() {
    }

    static EntryContent hazardReported() {
        return new EntryContent(
                "e6e911a5-300c-4168-9d1f-20cd1a9bc2c6", "Hazard", "hz-1", 0, "HazardReported", null,
                "2026-11-29T10:56:28.632Z",
                "{\"traceId\":\"ebdcd971-4f70-4b60-b2dc-5ad32fdf957e\",\"correlationId\":\"ebdcd971-4f70-4b60-b2dc-5ad32fdf957e\"}",
                "{\"hazardId\":\"hz-1\",\"enterpriseId\":\"ent-acme\",\"level\":\"MAJOR\",\"source\":\"SELF_INSPECTION\","
                        + "\"criterionRef\":\"AQ/T 2023 No.10 Art.4(1)\",\"category\":\"fire safety\","
                        + "\"location\":\"B罐区 3号泵 (tank farm B, pump 3)\","
                        + "\"description\":\"法兰泄漏 \\\"flange leak\\\" near the pump\\nsmell of solvent\","
                        + "\"cause\":\"gasket aged\",\"foundAt\":\"2026-11-28T09:30:00Z\",\"reportedBy\":\"p-reporter\","
                        + "\"evidence\":[{\"sha256\":\"d14fe91c1a0593857a3e356b15dbd55f006d0d8b33c817746d6cedaf8654a0cb\","
                        + "\"mediaType\":\"image/jpeg\",\"capturedAt\":\"2026-11-28T09:31:12.500Z\",\"name\":\"before.jpg\"}]}");
    }

    /** The statement a reporter signs for {@code hazard.report} on a new hazard (prevEntryHash all zeros). */
    static Statement statement(String keyId) {
        return new Statement("hazard.report", "hz-1",
                "9b3e2f1c0d4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344",
                "0000000000000000000000000000000000000000000000000000000000000000",
                "p-reporter", keyId, "2026-11-29T10:56:28.500Z", Statement.PERSONAL);
    }
}
