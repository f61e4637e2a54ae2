package io.hazardledger.hazard;

import java.time.LocalDate;

public record DeadlineExtended(String hazardId, LocalDate previousDueDate, LocalDate newDueDate, String reason,
                               String approverId) {
}
