package io.hazardledger.hazard;

import java.util.List;

/** {@code submissionNo} counts the submissions of this hazard from 1. */
public record RectificationSubmitted(String hazardId, int submissionNo, String summary, List<Evidence> evidence,
                                     String submittedBy) {
}
