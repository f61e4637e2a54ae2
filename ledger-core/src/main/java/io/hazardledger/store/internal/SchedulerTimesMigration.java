package io.hazardledger.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Schema version 20, H2 only: the times of the deadline scheduler's table, stored until now as db-scheduler stores them
 * with {@code alwaysPersistTimestampInUTC} (the UTC wall clock, given the writing session's offset by H2), become the
 * instants they stand for, as {@link SchedulerTimes} now binds them.
 *
 * <p>Such a stored value keeps the wall clock that was bound and the offset of the zone that wrote it: the instant it
 * stands for is that wall clock at UTC, whichever zone wrote it and whichever reads it now. On PostgreSQL the times
 * were already stored as instants (its driver sends the offset with the wall clock): this version does nothing there.
 */
public final class SchedulerTimesMigration extends FixedJavaMigration {

    /** The time columns of {@code scheduled_tasks} (db-scheduler 16). */
    static final List<String> COLUMNS = List.of("execution_time", "last_success", "last_failure", "last_heartbeat");

    public SchedulerTimesMigration() {
        super(20, "scheduler times as instants");
    }

    /** Rewrites every stored time of {@code scheduled_tasks} as the instant it stands for, on H2; nothing otherwise. */
    @Override
    void apply(Connection c) throws SQLException {
        if (!Sql.isH2(c)) {
            return;
        }
        for (String column : COLUMNS) {
            List<Object[]> stored = new java.util.ArrayList<>();   // read whole first: then written, row by row
            try (PreparedStatement read = c.prepareStatement("SELECT task_name, task_instance, " + column
                    + " FROM scheduled_tasks WHERE " + column + " IS NOT NULL");
                 ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)});
                }
            }
            try (PreparedStatement write = c.prepareStatement("UPDATE scheduled_tasks SET " + column
                    + " = ? WHERE task_name = ? AND task_instance = ?")) {
                for (Object[] row : stored) {
                    OffsetDateTime wallClockAtWritersOffset = (OffsetDateTime) row[2];
                    write.setObject(1, wallClockAtWritersOffset.toLocalDateTime().atOffset(ZoneOffset.UTC),
                            java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                    write.setString(2, (String) row[0]);
                    write.setString(3, (String) row[1]);
                    write.executeUpdate();
                }
            }
        }
    }
}
