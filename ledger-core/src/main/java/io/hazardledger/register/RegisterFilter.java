package io.hazardledger.register;

import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;

/** Filters of the register; a null field does not filter. {@code limit} 1–1000, default 100. */
public record RegisterFilter(String enterpriseId, HazardLevel level, HazardStatus status, HazardSource source,
                             Boolean overdue, Integer limit, Integer offset) {

    public static final RegisterFilter ALL = new RegisterFilter(null, null, null, null, null, null, null);

    public RegisterFilter {
        limit = io.hazardledger.internal.Checks.limit(limit);
        offset = io.hazardledger.internal.Checks.offset(offset);
    }
}
