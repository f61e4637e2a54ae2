package io.hazardledger.hazard.internal;

import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import io.hazardledger.hazard.DeadlineCheck;
import io.hazardledger.hazard.EscalationLadder;
import io.hazardledger.hazard.Hazard;
import io.hazardledger.hazard.PendingDeadline;
import io.hazardledger.store.internal.SchedulerTimes;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The hazards' pending deadlines compared with the deadline scheduler's rows. A deadline is not a ledger entry but a
 * row of the ledger's database ({@code scheduled_tasks}), which a hazard sets in the transaction of the write that
 * plans or extends it, or of the deadline before: deleted, or moved later, by hand, the hazard would never go overdue,
 * or its escalation would stop. Each hazard that the register holds open with a due date waits for one deadline,
 * folded from its own events ({@link Hazard#pendingDeadline}: the register only names the hazards to look at), and
 * some row must serve it ({@link PendingDeadline#servedBy}). Rows that serve no pending deadline (a due date replaced,
 * a hazard closed out) are left: they do nothing when they fire.
 */
public final class PendingDeadlines {

    /** The hazards that the register holds open with a due date. */
    private static final String OPEN = "SELECT hazard_id FROM hazard_view WHERE due_date IS NOT NULL "
            + "AND status <> 'CLOSED' ORDER BY hazard_id";

    private final DataSource store;
    private final Serializer serializer;
    private final Function<String, Iterable<?>> events;
    private final EscalationLadder ladder;
    private final Clock clock;
    /** Axon's task for the deadlines, as the ledger's scheduler runs it (here only to read its rows). */
    private final Task<DbSchedulerBinaryDeadlineDetails> task = DbSchedulerDeadlineManager.binaryTask(() -> {
        throw new IllegalStateException("a comparison of the deadlines runs none");
    });

    /**
     * @param store      the ledger's database
     * @param serializer the deadline manager's serializer, of the scope, payload and metadata of each row
     * @param events     a hazard's events (their payloads) in ledger order, from the event store
     */
    public PendingDeadlines(DataSource store, Serializer serializer, Function<String, Iterable<?>> events,
                            EscalationLadder ladder, Clock clock) {
        this.store = store;
        this.serializer = serializer;
        this.events = events;
        this.ladder = ladder;
        this.clock = clock;
    }

    /**
     * Compares the pending deadlines with the rows; each one that no row serves is given to {@code setAgain}, when
     * given (a new row due at its moment: {@link PendingDeadline#setAgain}). No connection is held while another is
     * taken: the rows are read first, then the register, then each hazard's events, and the rows again when some
     * deadline seems to lack one (a deadline that fired meanwhile replaced its row with the next one in the
     * transaction of its entry).
     *
     * @throws IllegalStateException when the store cannot be read or written
     */
    public DeadlineCheck check(Consumer<PendingDeadline> setAgain) {
        SchedulerClient client = SchedulerClient.Builder.create(store, task).jdbcCustomization(new SchedulerTimes())
                .build();
        int[] rowsRead = new int[1];
        Map<String, List<Row>> before = rows(client, rowsRead);
        Instant now = clock.instant();
        int waiting = 0;
        List<PendingDeadline> unserved = new ArrayList<>();
        for (String hazardId : openWithDueDate()) {
            PendingDeadline pending = Hazard.pendingDeadline(events.apply(hazardId), ladder, clock).orElse(null);
            if (pending != null) {
                waiting++;
                if (!served(before, pending, now)) {
                    unserved.add(pending);
                }
            }
        }
        if (!unserved.isEmpty()) {
            Map<String, List<Row>> after = rows(client, new int[1]);
            unserved.removeIf(pending -> served(after, pending, now));
        }
        if (setAgain != null) {
            unserved.forEach(setAgain);
        }
        return new DeadlineCheck(waiting, rowsRead[0], unserved, setAgain != null);
    }

    private static boolean served(Map<String, List<Row>> rows, PendingDeadline pending, Instant now) {
        return rows.getOrDefault(pending.hazardId(), List.of()).stream()
                .anyMatch(r -> pending.servedBy(r.name(), r.payload(), r.due(), now));
    }

    /** The hazards that the register holds open with a due date, in the order of their ids. */
    private List<String> openWithDueDate() {
        List<String> ids = new ArrayList<>();
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement(OPEN);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the register's open hazards: " + e.getMessage(), e);
        }
        return ids;
    }

    /** One row of a hazard's deadline: its name, its payload, when it comes due. */
    private record Row(String name, Object payload, Instant due) {
    }

    /**
     * Every deadline row of a hazard, picked ones included (a deadline firing right now). A row whose data cannot be
     * read serves no deadline.
     */
    private Map<String, List<Row>> rows(SchedulerClient client, int[] read) {
        Map<String, List<Row>> byHazard = new HashMap<>();
        client.fetchScheduledExecutionsForTask(task.getName(), DbSchedulerBinaryDeadlineDetails.class,
                ScheduledExecutionsFilter.all(), execution -> {
                    read[0]++;
                    try {
                        DbSchedulerBinaryDeadlineDetails details = execution.getData();
                        if (details.getDeserializedScopeDescriptor(serializer) instanceof AggregateScopeDescriptor scope
                                && Hazard.class.getSimpleName().equals(scope.getType())) {
                            Object payload = serializer.deserialize(new SimpleSerializedObject<>(details.getP(),
                                    byte[].class, details.getPc(), details.getR()));
                            byHazard.computeIfAbsent(String.valueOf(scope.getIdentifier()), k -> new ArrayList<>())
                                    .add(new Row(details.getD(), payload, execution.getExecutionTime()));
                        }
                    } catch (RuntimeException unreadable) {
                        // not a deadline of any hazard: one it should serve is set again
                    }
                });
        return byHazard;
    }
}
