package io.hazardledger.flags;

import java.util.List;

/** The integrity flags of the ledger, as of now or of an earlier position. */
public interface IntegrityFlags {

    /**
     * The flags matching {@code query}, in the order they were raised.
     *
     * @throws io.hazardledger.InvalidInputException if {@code atIndex} lies beyond the ledger
     */
    List<IntegrityFlag> find(FlagQuery query);

    /** The flag with this id as the ledger stands now, with its acknowledgement if it has one. */
    java.util.Optional<IntegrityFlag> get(String flagId);

    /** How many flags the ledger has raised so far that the park office has not acknowledged. */
    long unacknowledged();

    /** The parameters the rules run with. */
    FlagParameters parameters();
}
