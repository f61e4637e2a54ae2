package io.hazardledger.hazard;

import java.time.LocalDate;

public record RectificationPlanned(String hazardId, String measures, String ownerId, LocalDate dueDate,
                                   String funding, String interimControls, String contingencyPlan,
                                   String plannedBy) {
}
