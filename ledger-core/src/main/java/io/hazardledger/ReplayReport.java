package io.hazardledger;

import java.util.List;

/**
 * What a replay did: how many entries it checked and fed to the projections, and, for each projection, how many of
 * its rows differed from what the entries make: corrected by {@code Ledger.replayAndReport()}, left as they were by
 * {@code Ledger.compareProjections()}, which changes nothing.
 *
 * @param entries                   the entries replayed (the whole ledger at the replay's start)
 * @param projections               each projection, in the order the ledger feeds them
 * @param signaturesVerifiedEarlier the signed entries whose signatures this replay took as checked, because an
 *                                  earlier replay had checked them and the entries still make the Merkle root that it
 *                                  signed (a verified mark, docs/FORMAT.md); every other signature was checked
 */
public record ReplayReport(long entries, List<Rebuilt> projections, long signaturesVerifiedEarlier) {

    public ReplayReport {
        projections = List.copyOf(projections);
        if (signaturesVerifiedEarlier < 0 || signaturesVerifiedEarlier > entries) {
            throw new IllegalArgumentException("signatures verified earlier: 0 to " + entries + ", not "
                    + signaturesVerifiedEarlier);
        }
    }

    /** A replay that checked every signature. */
    public ReplayReport(long entries, List<Rebuilt> projections) {
        this(entries, projections, 0);
    }

    /**
     * One projection's rebuild.
     *
     * @param name        the projection's name ({@code register}, {@code weekly-facts}, …)
     * @param rewritten   whether it was written again whole without being compared, so that it cannot say whether it
     *                    differed ({@code Projection}'s default rebuild); no projection of the ledger's own is: those
     *                    that write again whole compare what they held before with what they hold after
     * @param rowsChanged when compared (not rewritten): the rows inserted, updated or deleted because they differed from
     *                    what the entries make (0: it held exactly that); null when rewritten
     */
    public record Rebuilt(String name, boolean rewritten, Long rowsChanged) {
        public Rebuilt {
            if (rewritten ? rowsChanged != null : rowsChanged == null || rowsChanged < 0) {
                throw new IllegalArgumentException("a rewritten projection has no count of rows changed, a compared "
                        + "one has one of at least 0: " + name + " " + rewritten + " " + rowsChanged);
            }
        }

        /**
         * Whether it was compared and held rows that differed from what the entries make (corrected by a replay, not
         * by a comparison).
         */
        public boolean corrected() {
            return !rewritten && rowsChanged > 0;
        }
    }

    /**
     * Whether a projection that was compared held rows that differed from what the entries make (corrected by a
     * replay, not by a comparison):
     * on a ledger whose projections are written only by the ledger, a sign that someone changed them, or that a
     * write was lost from them.
     */
    public boolean corrected() {
        return projections.stream().anyMatch(Rebuilt::corrected);
    }
}
