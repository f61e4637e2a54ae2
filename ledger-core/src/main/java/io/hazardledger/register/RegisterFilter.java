package io.hazardledger.register;

import io.hazardledger.InvalidInputException;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;

/** Filters of the register; a null field does not filter. {@code limit} 1–1000, default 100. */
public record RegisterFilter(String enterpriseId, HazardLevel level, HazardStatus status, HazardSource source,
                             Boolean overdue, Integer limit, Integer offset) {

    public static final RegisterFilter ALL = new RegisterFilter(null, null, null, null, null, null, null);

    public RegisterFilter {
        if (limit == null) {
            limit = 100;
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        if (offset == null) {
            offset = 0;
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "must not be negative");
        }
    }
}
