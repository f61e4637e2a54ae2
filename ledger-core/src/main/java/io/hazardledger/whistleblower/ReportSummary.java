package io.hazardledger.whistleblower;

/**
 * A whistleblower report as the park office lists it, never with its identity: {@code identity} says whether one is
 * {@code SEALED}, was never given ({@code NONE}) or was {@code SHREDDED}; {@code commitment} is the stored commitment
 * (null without an identity); {@code hazardId}/{@code linkedIndex} the hazard that substantiated it, if linked;
 * {@code reveals} how often its identity was revealed.
 */
public record ReportSummary(String reportId, String enterpriseId, String location, String description,
                            IdentityState identity, String commitment, long filedIndex, String filedEntryHash,
                            String filedAt, String hazardId, Long linkedIndex, int reveals) {

    /** Whether a report's identity can be opened. */
    public enum IdentityState { SEALED, NONE, SHREDDED }
}
