package io.hazardledger.hazard;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One step of the escalation ladder (notice letter → circular → summons → public exposure, 函告 → 通报 → 约谈 → 曝光,
 * as configured), taken by the park office when the rectification had been overdue for the step's delay: signed with
 * the office's key (statement action {@code hazard.escalate}, mode {@code office-server}; docs/FORMAT.md).
 * {@code stepNo} counts from 1 along the ladder; {@code issuedBy} is the office's person in the directory.
 */
public record HazardEscalated(String hazardId, int stepNo, String step, LocalDate dueDate, Instant overdueSince,
                              String issuedBy) {
}
