package io.hazardledger;

/**
 * What group commit did since the ledger was built ({@link Ledger.Builder#groupCommit}).
 *
 * @param groups   groups of two commands or more committed in one transaction
 * @param commands commands committed in those groups
 * @param rerun    groups rolled back whole because one of their commands failed (or their commit did), their
 *                 commands then run one at a time
 * @param waiting  commands waiting now for a group to take them
 */
public record GroupCommits(long groups, long commands, long rerun, int waiting) {
}
