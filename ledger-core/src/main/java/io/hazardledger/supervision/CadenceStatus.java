package io.hazardledger.supervision;

import java.time.LocalDate;
import java.time.Period;

/**
 * One enterprise against one cadence on a day. {@code last}: the day of the latest one (null: none yet), with the
 * ledger entry that records it ({@code lastIndex}, {@code lastEntryHash}; for a leader-led inspection the entry that
 * completed it; null when none); {@code dueBy}: the last day by which the next one was due (the latest one's day, or
 * the enterprise's registration day, plus {@code every});
 * {@code behind}: the day is after {@code dueBy}, and then {@code behindSince} is the day after it.
 */
public record CadenceStatus(String enterpriseId, String enterpriseName, boolean highRisk, Cadence cadence, Period every,
                            LocalDate last, Long lastIndex, String lastEntryHash, LocalDate dueBy, boolean behind,
                            LocalDate behindSince) {
}
