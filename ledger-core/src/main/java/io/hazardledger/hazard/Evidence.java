package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;

import java.time.Instant;

/**
 * A photo or document, referenced by the SHA-256 of its content (the file itself is kept elsewhere).
 * {@code capturedAt} is the time the submitter claims it was taken.
 */
public record Evidence(String sha256, String mediaType, Instant capturedAt, String name) {
    public Evidence {
        Checks.sha256("evidence.sha256", sha256);
        Checks.mediaType("evidence.mediaType", mediaType);
        Checks.plausible("evidence.capturedAt", Checks.required("evidence.capturedAt", capturedAt));
        Checks.optionalText("evidence.name", name, 200);
    }
}
