package io.hazardledger;

/**
 * What group commit did since the ledger was built ({@link Ledger.Builder#groupCommit}).
 *
 * @param groups   groups of two commands or more committed in one transaction
 * @param commands commands committed in those groups
 * @param rerun    groups rolled back whole because commands of theirs failed (run again without those, which then
 *                 run alone) or their writing failed (every command then run alone)
 * @param waiting  commands waiting now for a group to take them
 */
public record GroupCommits(long groups, long commands, long rerun, int waiting) {
}
