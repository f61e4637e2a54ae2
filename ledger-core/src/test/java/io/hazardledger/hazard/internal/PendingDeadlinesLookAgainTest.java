package io.hazardledger.hazard.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.Ledger;
import io.hazardledger.SettableClock;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.DeadlineCheck;
import io.hazardledger.hazard.EscalationLadder;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.store.internal.LedgerSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deadline whose row is written while the comparison runs (a plan committed after the rows were read) is not
 * reported: a deadline that seems to lack its row is looked at again, its events read again, then the rows.
 */
class PendingDeadlinesLookAgainTest {

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T02:00:00Z"));
    final ObjectMapper mapper = LedgerSerializer.objectMapper();

    /** A hazard's events as the event store gives them, read here from the entries of its history. */
    /** The hazard's events as the event store gives them: each with its recorded time. */
    private static List<EventMessage<?>> events(Ledger l, ObjectMapper mapper, String hazardId) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (HistoryEntry e : l.register().history(hazardId)) {
            try {
                var entry = mapper.readTree(e.entryJson());
                Object payload = mapper.treeToValue(entry.get("payload"),
                        Class.forName("io.hazardledger.hazard." + e.eventType()));
                events.add(new GenericEventMessage<>(entry.get("eventId").asText(), payload, java.util.Map.of(),
                        Instant.parse(entry.get("recordedAt").asText())));
            } catch (Exception x) {
                throw new AssertionError(x);
            }
        }
        return events;
    }

    private static void update(DataSource store, String sql) {
        try (var c = store.getConnection(); var st = c.createStatement()) {
            st.executeUpdate(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRowWrittenAfterTheRowsWereRead_isFoundByTheSecondLook_andARowMissingStillIsNot() {
        DataSource store = TestLedgers.store(dir);
        try (Ledger l = Ledger.builder().dataSource(store).clock(clock).build()) {
            l.execute(new RegisterEnterprise("ent", "Acme", "chemicals", true));
            l.execute(new RegisterPerson("owner", "Owner", "ent", Set.of(Role.ENTERPRISE_STAFF)));
            l.execute(new ReportHazard("hz-a", "ent", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null, "fire",
                    "Store 2", "Blocked exit", null, clock.instant().minusSeconds(3600), "owner", List.of(), null,
                    null));
            l.execute(new PlanRectification("hz-a", "Clear the exit", "owner", LocalDate.of(2026, 6, 3), null, null,
                    null, "owner"));
            update(store, "CREATE TABLE saved_task AS SELECT * FROM scheduled_tasks WHERE task_name = 'AxonDeadline'");
            update(store, "DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline'");

            int[] reads = new int[1];
            Function<String, Iterable<? extends EventMessage<?>>> concurrentWrite = hazardId -> {
                if (reads[0]++ == 0) {
                    // as a write committing its deadline's row after the comparison read the rows
                    update(store, "INSERT INTO scheduled_tasks SELECT * FROM saved_task");
                }
                return events(l, mapper, hazardId);
            };
            JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
            DeadlineCheck found = new PendingDeadlines(store, serializer, concurrentWrite, EscalationLadder.defaults(),
                    clock).check(null);
            assertThat(found.rowsRead()).as("the first read saw no row").isZero();
            assertThat(found.hazardsWaiting()).isOne();
            assertThat(found.holds()).as("the second look saw it").isTrue();
            assertThat(reads[0]).isEqualTo(2);

            update(store, "DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline'");
            reads[0] = 0;
            DeadlineCheck missing = new PendingDeadlines(store, serializer, id -> {
                reads[0]++;
                return events(l, mapper, id);
            }, EscalationLadder.defaults(), clock).check(null);
            assertThat(missing.unserved()).singleElement()
                    .satisfies(p -> assertThat(p.hazardId()).isEqualTo("hz-a"));
            assertThat(reads[0]).as("looked at three times").isEqualTo(PendingDeadlines.LOOKS);
        }
    }
}
