package io.hazardledger.supervision.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import java.time.ZoneId;

/**
 * The weekly reports' place in db-scheduler (the deadlines' scheduler, V12's table): a recurring task due every Friday
 * at 00:01 in the park's zone, {@link WeeklyReporting#SETTLED} after the week's end, which keeps the report of each
 * week that ended since the last kept one. db-scheduler picks each due execution on one node; a missed one (no node
 * running) runs at the next start.
 */
public final class WeeklyReportSchedule {

    /** The task's name in {@code scheduled_tasks}. */
    public static final String TASK = "weekly-report";

    private WeeklyReportSchedule() {
    }

    public static RecurringTask<Void> task(ZoneId zone, WeeklyReporting reporting) {
        return Tasks.recurring(TASK, Schedules.cron("0 1 0 * * FRI", zone))
                .execute((instance, context) -> reporting.keepEndedWeeks());
    }
}
