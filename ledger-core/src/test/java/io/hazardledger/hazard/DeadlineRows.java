package io.hazardledger.hazard;

import io.hazardledger.store.internal.SchedulerTimes;

import javax.sql.DataSource;
import java.time.Instant;

/** The rows of the deadline scheduler's table, as the deadline tests look at them. */
final class DeadlineRows {

    private DeadlineRows() {
    }

    /** Every row, for a failure's message: instance, execution time, picked, consecutive failures. */
    static String describe(DataSource store) {
        try (var c = store.getConnection(); var rs = c.createStatement().executeQuery(
                "SELECT task_instance, execution_time, picked, consecutive_failures FROM scheduled_tasks")) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                b.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3))
                        .append(' ').append(rs.getString(4)).append("; ");
            }
            return b.toString();
        } catch (java.sql.SQLException e) {
            return e.toString();
        }
    }

    /**
     * The rows of the ledger's deadlines (Axon's task) that meet {@code where}, a SQL condition with at most one
     * parameter, an instant ({@code bound}, or null for none).
     */
    static long count(DataSource store, String where, Instant bound) {
        try (var c = store.getConnection(); var st = c.prepareStatement(
                "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline' AND " + where)) {
            if (bound != null) {
                SchedulerTimes.bind(st, 1, bound);
            }
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
