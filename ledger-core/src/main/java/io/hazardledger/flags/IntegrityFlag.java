package io.hazardledger.flags;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One signal of possible fake or paper rectification.
 *
 * @param flagId        stable identifier: {@code rule:raisedAtIndex.n}, n counting the flags one entry raised
 * @param rule          the rule that raised it, with {@code ruleVersion} the version of that rule
 * @param enterpriseId  the enterprise concerned (null only where no enterprise is known)
 * @param hazardId      the hazard concerned, or null for a flag about a person or an enterprise
 * @param personId      the person whose act is questioned, or null
 * @param raisedAtIndex the ledger index of the entry whose arrival raised it: the flag exists as of every ledger
 *                      position after that index
 * @param raisedAt      when that entry was recorded
 * @param summary       one sentence saying what was found, with the values compared
 * @param entries       the supporting entries, in index order
 * @param acknowledgement its acknowledgement as of the ledger position asked about, or null
 */
public record IntegrityFlag(String flagId, FlagRule rule, int ruleVersion, Severity severity, String enterpriseId,
                            String hazardId, String personId, long raisedAtIndex, Instant raisedAt, String summary,
                            List<CitedEntry> entries, Acknowledgement acknowledgement) {
    public IntegrityFlag {
        Objects.requireNonNull(flagId, "flagId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(summary, "summary");
        entries = List.copyOf(entries);
    }

    /** This flag with {@code acknowledgement}. */
    public IntegrityFlag acknowledged(Acknowledgement acknowledgement) {
        return new IntegrityFlag(flagId, rule, ruleVersion, severity, enterpriseId, hazardId, personId, raisedAtIndex,
                raisedAt, summary, entries, acknowledgement);
    }
}
