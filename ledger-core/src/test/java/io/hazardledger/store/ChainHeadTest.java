package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A process appends on the head it wrote last without reading it first (on PostgreSQL the guess travels with the
 * entries in one statement, which fails when the head is another). These are the cases where the guess is wrong:
 * another node wrote since, or this process's last write rolled back after its entries were written. Either way the
 * write lands on the real head: no gap, no fork, every projection row.
 */
class ChainHeadTest {

    @TempDir
    Path dir;

    private TestDatabase database;
    private LedgerTables tables;
    private final List<Ledger> open = new ArrayList<>();

    @BeforeEach
    void openDatabase() throws Exception {
        database = TestDatabase.in(dir);
        tables = database.tables();
    }

    @AfterEach
    void close() throws Exception {
        for (Ledger l : open) {
            l.close();
        }
        database.close();
    }

    @Test
    void twoNodesTakingTurns_eachWritesOnTheOthersEntries() throws Exception {
        Ledger one = open(Ledger.builder().dataSource(database.dataSource()));
        Ledger two = open(Ledger.builder().dataSource(database.dataSource()));
        TestLedgers.park(one);
        long first = tables.head().size();

        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Ledger node = i % 2 == 0 ? one : two;
            receipts.add(node.execute(TestLedgers.report("hz-" + i, HazardLevel.GENERAL)));
            // and the other node at once: each write of each node follows one of the other's
            Ledger other = i % 2 == 0 ? two : one;
            receipts.add(other.execute(new PlanRectification("hz-" + i, "fix it", TestLedgers.OWNER,
                    LocalDate.now().plusDays(10), "100.00", "cordon", "evacuate", TestLedgers.OWNER)));
        }

        assertThat(receipts).extracting(Receipt::index)
                .containsExactlyElementsOf(LongStream.range(first, first + 12).boxed().toList());
        for (Receipt r : receipts) {
            assertThat(tables.entryHash(r.index())).isEqualTo(r.entryHash());
        }
        assertThat(one.verify().size()).isEqualTo(first + 12);
        assertThat(two.verify().headHash()).isEqualTo(receipts.get(11).entryHash());
        for (int i = 0; i < 6; i++) {
            assertThat(two.register().get("hz-" + i).orElseThrow().status())
                    .isEqualTo(HazardStatus.RECTIFICATION_PLANNED);
        }
    }

    @Test
    void aWriteRolledBackAfterItsEntriesWereWritten_leavesTheNextOnTheCommittedHead() throws Exception {
        // fails the unit of work of one command after the ledger wrote its entries (a prepare-commit step that runs
        // after the event store's), so that the entries, their head and their projection rows are rolled back
        MessageHandlerInterceptor<CommandMessage<?>> failLate = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ReportHazard r && r.hazardId().equals("hz-doomed")) {
                unitOfWork.onPrepareCommit(u -> u.onPrepareCommit(x -> {
                    throw new IllegalStateException("rolled back on purpose, after the entries were written");
                }));
            }
            return chain.proceed();
        };
        Ledger ledger = open(Ledger.builder().dataSource(database.dataSource())
                .axon(configurer -> configurer.onInitialize(config -> config.onStart(0,
                        () -> config.commandBus().registerHandlerInterceptor(failLate)))));
        TestLedgers.park(ledger);
        Receipt before = ledger.execute(TestLedgers.report("hz-1", HazardLevel.GENERAL));

        assertThatThrownBy(() -> ledger.execute(TestLedgers.report("hz-doomed", HazardLevel.MAJOR)))
                .hasStackTraceContaining("rolled back on purpose");
        Receipt after = ledger.execute(TestLedgers.report("hz-2", HazardLevel.GENERAL));

        assertThat(after.index()).isEqualTo(before.index() + 1);
        assertThat(tables.head().size()).isEqualTo(after.index() + 1);
        assertThat(tables.indexes()).containsExactlyElementsOf(LongStream.rangeClosed(0, after.index()).boxed().toList());
        assertThat(ledger.verify().headHash()).isEqualTo(after.entryHash());
        assertThat(ledger.register().get("hz-doomed")).isEmpty();
        assertThat(ledger.register().get("hz-2")).isPresent();
    }

    private Ledger open(Ledger.Builder builder) {
        Ledger ledger = builder.build();
        open.add(ledger);
        return ledger;
    }
}
