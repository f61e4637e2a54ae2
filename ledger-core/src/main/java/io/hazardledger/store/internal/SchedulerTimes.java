package io.hazardledger.store.internal;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How the deadline scheduler (db-scheduler) binds and reads the times of {@code scheduled_tasks}: as instants, an
 * {@link OffsetDateTime} at UTC into a {@code TIMESTAMP WITH TIME ZONE} column, whatever the JVM's or the session's
 * time zone, on H2 and PostgreSQL alike (the scheduler fetches due rows with the ANSI row limit both take; the
 * PostgreSQL customization differs only in lock-and-fetch polling, which the ledger does not use).
 *
 * <p>db-scheduler's own choices both depend on a zone on H2. With {@code alwaysPersistTimestampInUTC} it binds a
 * {@link java.sql.Timestamp} with a UTC calendar, and H2 turns that into the UTC wall clock with the session's offset
 * (the JVM's zone unless the URL sets another): the times it stored, and the "now" its query for due deadlines compared
 * them with. A store run in a zone other than the one that set its deadlines found them early (run west of it) or late
 * (run east of it). Schema version 20 ({@link SchedulerTimesMigration}) repairs the times stored that way.
 *
 * <p>A process may also leave some of the ledger's recurring tasks to the others (one that has no office key does
 * not review grades): the query for due rows then leaves their rows out (the only one there is: this customization,
 * as db-scheduler's default one, does not offer lock-and-fetch polling). Otherwise db-scheduler reads them, warns
 * that it has no implementation for them, and deletes every row of such a task 14 days later (the ledger also turns
 * that deletion off), the row of the process that does run it included, which then never runs again until that
 * process restarts. (Its query for dead executions still reads such a row when the process running it died while
 * holding it: it logs that once, and leaves the row to that process, which takes it up again when it restarts.)
 */
public final class SchedulerTimes extends DefaultJdbcCustomization {

    private final String leftOut;

    public SchedulerTimes() {
        this(Set.of());
    }

    /** Leaving the rows of {@code tasksOfOthers} (names of letters, digits and hyphens) out of the due rows. */
    public SchedulerTimes(Set<String> tasksOfOthers) {
        super(false);
        for (String name : tasksOfOthers) {
            if (!name.matches("[A-Za-z0-9-]+")) {
                throw new IllegalArgumentException("not a task name: " + name);
            }
        }
        this.leftOut = tasksOfOthers.isEmpty() ? "" : new TreeSet<>(tasksOfOthers).stream()
                .map(n -> "'" + n + "'").collect(Collectors.joining(", ", "and task_name not in (", ") "));
    }

    @Override
    public String createSelectDueQuery(String tableName, int limit, String andCondition, boolean orderByPriority) {
        return super.createSelectDueQuery(tableName, limit, leftOut + andCondition, orderByPriority);
    }

    @Override
    public void setInstant(PreparedStatement p, int index, Instant value) throws SQLException {
        bind(p, index, value);
    }

    @Override
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
        return read(rs, column);
    }

    @Override
    public String getName() {
        return "ledger (instants)";
    }

    /** Binds {@code value} (null allowed) as the instant it is. */
    public static void bind(PreparedStatement p, int index, Instant value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(index, value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /** The instant stored in {@code column}, or null. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
