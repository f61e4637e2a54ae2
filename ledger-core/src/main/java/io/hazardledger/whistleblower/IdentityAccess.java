package io.hazardledger.whistleblower;

/** One act on a sealed identity, from its ledger entry: a {@code REVEAL} or the {@code SHRED}, by whom, why, when. */
public record IdentityAccess(long index, String entryHash, String reportId, Kind kind, String personId, String reason,
                             String at) {

    public enum Kind { REVEAL, SHRED }
}
