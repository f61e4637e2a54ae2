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
import org.axonframework.eventhandling.EventMessage;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

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
    private final Function<String, Iterable<? extends EventMessage<?>>> events;
    private final EscalationLadder ladder;
    private final Clock clock;
    /** Axon's task for the deadlines, as the ledger's scheduler runs it (here only to read its rows). */
    private final Task<DbSchedulerBinaryDeadlineDetails> task = DbSchedulerDeadlineManager.binaryTask(() -> {
        throw new IllegalStateException("a comparison of the deadlines runs none");
    });

    /**
     * @param store      the ledger's database
     * @param serializer the deadline manager's serializer, of the scope, payload and metadata of each row
     * @param events     a hazard's events in ledger order, from the event store (each with its recorded time)
     */
    public PendingDeadlines(DataSource store, Serializer serializer,
                            Function<String, Iterable<? extends EventMessage<?>>> events,
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
     * taken. The rows are read first, then the register, then each hazard's events. A deadline that seems to lack its
     * row is looked at again, up to {@link #LOOKS} times in all: its hazard's events read again, then the rows. A row
     * is written in the transaction of the entry that makes its deadline pending, and replaced by the next one in the
     * transaction of the entry its deadline records, so a deadline that still lacks its row once the rows are read
     * after its events lacks it indeed (unless a deadline fired in between, which the next look sees).
     *
     * @throws IllegalStateException when the store cannot be read
     */
    public DeadlineCheck check(Consumer<PendingDeadline> setAgain) {
        SchedulerClient client = SchedulerClient.Builder.create(store, task).jdbcCustomization(new SchedulerTimes())
                .build();
        Rows rows = rows(client);
        int rowsRead = rows.read();
        int unreadable = rows.unreadable();
        int waiting = 0;
        List<PendingDeadline> unserved = new ArrayList<>();
        List<DeadlineCheck.Failing> failing = new ArrayList<>();
        for (String hazardId : openWithDueDate()) {
            PendingDeadline pending = Hazard.pendingDeadline(events.apply(hazardId), ladder, clock).orElse(null);
            if (pending != null) {
                waiting++;
                if (!rows.serve(pending, clock.instant())) {
                    unserved.add(pending);
                } else {
                    rows.failing(pending, clock.instant()).ifPresent(failing::add);
                }
            }
        }
        for (int look = 2; look <= LOOKS && !unserved.isEmpty(); look++) {
            List<PendingDeadline> again = new ArrayList<>();
            for (PendingDeadline earlier : unserved) {
                Hazard.pendingDeadline(events.apply(earlier.hazardId()), ladder, clock).ifPresent(again::add);
            }
            Rows after = rows(client);
            again.removeIf(pending -> after.serve(pending, clock.instant()));
            unserved = again;
        }
        if (setAgain != null) {
            unserved.forEach(setAgain);
        }
        return new DeadlineCheck(waiting, rowsRead, unreadable, unserved, failing, setAgain != null);
    }

    /** How many times a deadline that seems to lack its row is looked at, in all. */
    static final int LOOKS = 3;

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

    /**
     * One row of a hazard's deadline: its name, its payload, when it comes due, and how often in a row it failed when
     * it fired (and when last).
     */
    private record Row(String name, Object payload, Instant due, int failures, Instant lastFailure, boolean stuck) {
    }

    /**
     * How long a picked row's last heartbeat may lie in the past and the row still serve its deadline: a node that
     * picked it and died holds it until the scheduler finds its heartbeats missing (30 minutes by db-scheduler's
     * defaults) and runs it again. A row picked with an older heartbeat, or with one ahead of now (marked picked by
     * hand: the scheduler would never find it missing), may never fire: it serves nothing, and a deadline with no
     * other row is reported and set again (a duplicate row does nothing when it fires).
     */
    static final java.time.Duration STUCK = java.time.Duration.ofHours(1);

    /** The picked rows of the deadlines' task, by instance, with their last heartbeat (null: none recorded). */
    private Map<String, Instant> heartbeats() {
        Map<String, Instant> beats = new HashMap<>();
        try (Connection c = store.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT task_instance, "
                + "last_heartbeat FROM scheduled_tasks WHERE task_name = ? AND picked = TRUE")) {
            ps.setString(1, task.getName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    beats.put(rs.getString(1), SchedulerTimes.read(rs, "last_heartbeat"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the scheduler's picked rows: " + e.getMessage(), e);
        }
        return beats;
    }

    /** The deadline rows of the hazards, how many rows were read, and how many of them could not be read. */
    private record Rows(Map<String, List<Row>> byHazard, int read, int unreadable) {

        boolean serve(PendingDeadline pending, Instant now) {
            return serving(pending, now).findAny().isPresent();
        }

        /** The deadline with the serving row that failed least often, when every serving row failed; else none. */
        Optional<DeadlineCheck.Failing> failing(PendingDeadline pending, Instant now) {
            return serving(pending, now).min(Comparator.comparingInt(Row::failures)).filter(r -> r.failures() > 0)
                    .map(r -> new DeadlineCheck.Failing(pending, r.failures(), r.lastFailure()));
        }

        private Stream<Row> serving(PendingDeadline pending, Instant now) {
            return byHazard.getOrDefault(pending.hazardId(), List.of()).stream()
                    .filter(r -> !r.stuck())
                    .filter(r -> pending.servedBy(r.name(), r.payload(), r.due(), now));
        }
    }

    /** Whether a picked row with this last heartbeat may never fire: {@link #STUCK}. */
    private static boolean stuck(Instant heartbeat, Instant now) {
        return heartbeat == null || heartbeat.isAfter(now.plus(java.time.Duration.ofMinutes(1)))
                || heartbeat.isBefore(now.minus(STUCK));
    }

    /**
     * Every deadline row of a hazard, picked ones included (a deadline firing right now; one whose pick may never end,
     * {@link #STUCK}, serves none). A row whose data cannot be read serves no deadline.
     */
    private Rows rows(SchedulerClient client) {
        Map<String, List<Row>> byHazard = new HashMap<>();
        Map<String, Instant> heartbeats = heartbeats();
        Instant now = clock.instant();
        int[] read = new int[2];
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
                                    .add(new Row(details.getD(), payload, execution.getExecutionTime(),
                                            execution.getConsecutiveFailures(), execution.getLastFailure(),
                                            execution.isPicked() && stuck(heartbeats.get(
                                                    execution.getTaskInstance().getId()), now)));
                        }
                    } catch (RuntimeException unreadable) {
                        read[1]++;   // a deadline of no hazard: the one it should serve is reported
                    }
                });
        return new Rows(byHazard, read[0], read[1]);
    }
}
