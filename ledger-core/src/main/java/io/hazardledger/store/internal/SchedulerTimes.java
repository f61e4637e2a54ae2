package io.hazardledger.store.internal;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
 */
public final class SchedulerTimes extends DefaultJdbcCustomization {

    public SchedulerTimes() {
        super(false);
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
