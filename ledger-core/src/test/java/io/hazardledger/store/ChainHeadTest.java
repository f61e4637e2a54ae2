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
            // and the other node at once, so that the nodes take turns
            Ledger other = i % 2 == 0 ? two : one;
            receipts.add(other.execute(new PlanRectification("hz-" + i, "fix it", TestLedgers.OWNER,
                    LocalDate.now().plusDays(10), "100.00", "cordon", "evacuate", TestLedgers.OWNER)));
        }

        assertThat(receipts).extracting(Receipt::index)
                .containsExactlyElementsOf(LongStream.range(first, first + 12).boxed().toList());
        if (TestLedgers.postgres()) {
            // writers: one, two, two, one, one, two, two, one, one, two, two, one; five times a node wrote after the
            // other had (two's first write had no guess: it locked the head first)
            assertThat(one.headGuessesMissed()).isEqualTo(3);
            assertThat(two.headGuessesMissed()).isEqualTo(2);
        }
        for (Receipt r : receipts) {
            assertThat(tables.entryHash(r.index())).isEqualTo(r.entryHash());
        }
        assertThat(one.verify().size()).isEqualTo(first + 12);
        assertThat(two.verify().headHash()).isEqualTo(receipts.get(11).entryHash());
        for (int i = 0; i < 6; i++) {
            assertThat(two.register().get("hz-" + i).orElseThrow().status())
                    .isEqualTo(HazardStatus.RECTIFICATION_PLANNED);
        }

        // key events listed in ledger_key_entry on both ways of writing: after the other node wrote (on PostgreSQL a
        // missed guess: the head locked, then the entries), then on the head this node wrote (the conditional write)
        List<Long> keys = new ArrayList<>();
        for (String person : List.of(TestLedgers.OWNER, TestLedgers.REPORTER)) {
            keys.add(two.execute(new io.hazardledger.directory.RegisterKey(person,
                    io.hazardledger.integrity.sig.KeyPairs.generate(io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519)
                            .signer().verificationKey().spkiBase64(), null, person)).index());
        }
        if (TestLedgers.postgres()) {
            assertThat(two.headGuessesMissed()).isEqualTo(3);
        }
        assertThat(tables.query("SELECT ledger_index FROM ledger_key_entry ORDER BY ledger_index"))
                .extracting(row -> ((Number) row.get(0)).longValue()).containsExactlyElementsOf(keys);
        assertThat(one.verify().size()).isEqualTo(first + 14);
    }

    @Test
    void oneNodeWritingAlone_findsTheHeadWhereItGuessed() throws Exception {
        Ledger ledger = open(Ledger.builder().dataSource(database.dataSource()));
        TestLedgers.park(ledger);
        long parked = tables.head().size();
        for (int i = 0; i < 5; i++) {
            TestLedgers.closedLoop(ledger, "hz-" + i);
        }
        assertThat(ledger.headGuessesMissed()).isZero();
        assertThat(ledger.verify().size()).isEqualTo(4 + 5 * 5);
        // on PostgreSQL every write after the first is on the guessed head, its event rows written with its entries;
        // the aggregates were loaded from those rows at every step of the closed loops, and verify read them
        assertThat(ledger.eventsWrittenWithChain()).isEqualTo(TestLedgers.postgres() ? 4 + 5 * 5 - 1 : 0);
        assertThat(parked).isEqualTo(4);
        // rows as Axon writes them: its timestamp format, the aggregate's type, the stable event name, the metadata
        for (List<Object> row : tables.query("SELECT time_stamp, type, payload_type, payload_revision, meta_data "
                + "FROM ledger_domain_event ORDER BY global_index")) {
            assertThat((String) row.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat((String) row.get(1)).isIn("Enterprise", "Person", "Hazard");
            assertThat((String) row.get(2)).matches("[A-Z][A-Za-z]+");
            assertThat(row.get(3)).isNull();
            assertThat(new String((byte[]) row.get(4), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"traceId\"", "\"correlationId\"");
        }
    }

    /**
     * Another node changes an aggregate between this node's reading of it and its write: the write fails as Axon's
     * insert makes it fail (the sequence number is taken), with nothing of it stored, also when the event rows travel
     * with the entries (PostgreSQL: the message goes back to its savepoint and Axon's insert runs, and fails, alone).
     */
    @Test
    void anAggregateChangedByAnotherNodeMeanwhile_failsTheWriteAsAxonDoes_withNothingStored() throws Exception {
        Ledger one = open(Ledger.builder().dataSource(database.dataSource()));
        java.util.concurrent.atomic.AtomicBoolean interleave = new java.util.concurrent.atomic.AtomicBoolean();
        MessageHandlerInterceptor<CommandMessage<?>> meanwhile = (unitOfWork, chain) -> {
            Object result = chain.proceed();   // the aggregate is loaded and its new event staged, not yet stored
            if (interleave.getAndSet(false)) {
                java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
                try {
                    other.submit(() -> one.execute(new PlanRectification("hz-1", "fix it first", TestLedgers.OWNER,
                            LocalDate.now().plusDays(5), "50.00", "cordon", "evacuate", TestLedgers.OWNER))).get();
                } finally {
                    other.shutdownNow();
                }
            }
            return result;
        };
        Ledger two = open(Ledger.builder().dataSource(database.dataSource())
                .axon(configurer -> configurer.onInitialize(config -> config.onStart(0,
                        () -> config.commandBus().registerHandlerInterceptor(meanwhile)))));
        TestLedgers.park(two);
        two.execute(TestLedgers.report("hz-1", HazardLevel.GENERAL));   // two now writes on a guess
        long written = two.eventsWrittenWithChain();
        assertThat(written).isEqualTo(TestLedgers.postgres() ? 4 : 0);   // all but its first write's event
        long size = tables.head().size();

        interleave.set(true);
        assertThatThrownBy(() -> two.execute(new PlanRectification("hz-1", "fix it second", TestLedgers.OWNER,
                LocalDate.now().plusDays(10), "100.00", "cordon", "evacuate", TestLedgers.OWNER)))
                .isInstanceOf(io.hazardledger.ConcurrentWriteException.class);

        assertThat(tables.head().size()).isEqualTo(size + 1);   // one's plan only
        assertThat(two.eventsWrittenWithChain()).isEqualTo(written);
        assertThat(tables.count("ledger_domain_event")).isEqualTo(size + 1);
        // two's guess is now wrong (one wrote): its event row stays, its entry is computed on the locked head
        Receipt next = two.execute(TestLedgers.report("hz-2", HazardLevel.GENERAL));
        assertThat(next.index()).isEqualTo(size + 1);
        assertThat(two.headGuessesMissed()).isEqualTo(TestLedgers.postgres() ? 1 : 0);
        assertThat(two.eventsWrittenWithChain()).isEqualTo(TestLedgers.postgres() ? written + 1 : 0);
        // an id taken at sequence 0: refused as Axon refuses it, on the right head, nothing stored
        assertThatThrownBy(() -> two.execute(TestLedgers.report("hz-2", HazardLevel.MAJOR)))
                .isInstanceOfSatisfying(io.hazardledger.RuleViolationException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("hazardId: 'hz-2' is already in use: an id names "
                                + "one record of the ledger (a hazard, person, enterprise, inspection or report alike) "
                                + "for good, and is not given to another"));
        assertThat(two.headGuessesMissed()).isEqualTo(TestLedgers.postgres() ? 1 : 0);
        assertThat(tables.count("ledger_domain_event")).isEqualTo(size + 2);
        assertThat(two.verify().headHash()).isEqualTo(next.entryHash());
        assertThat(two.register().get("hz-1").orElseThrow().status()).isEqualTo(HazardStatus.RECTIFICATION_PLANNED);
        assertThat(two.register().get("hz-2").orElseThrow().level()).isEqualTo(HazardLevel.GENERAL);
    }

    /** Fails the unit of work of the report of {@code hazardId} after the ledger wrote its entries. */
    private static MessageHandlerInterceptor<CommandMessage<?>> failLate(String hazardId) {
        // a prepare-commit step registered while the unit of work prepares runs after the event store's, so the
        // entries, their head and their projection rows are written, then rolled back
        return (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ReportHazard r && r.hazardId().equals(hazardId)) {
                unitOfWork.onPrepareCommit(u -> u.onPrepareCommit(x -> {
                    throw new IllegalStateException("rolled back on purpose, after the entries were written");
                }));
            }
            return chain.proceed();
        };
    }

    private Ledger failingLate(String hazardId) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = failLate(hazardId);
        return open(Ledger.builder().dataSource(database.dataSource())
                .axon(configurer -> configurer.onInitialize(config -> config.onStart(0,
                        () -> config.commandBus().registerHandlerInterceptor(interceptor)))));
    }

    @Test
    void aWriteRolledBackAfterItsEntriesWereWritten_leavesTheNextOnTheCommittedHead() throws Exception {
        Ledger ledger = failingLate("hz-doomed");
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

    /**
     * The head a process remembers from a write that rolled back can have the size of the real head once another node
     * wrote as many entries: only its hash tells them apart.
     */
    @Test
    void aRolledBackWrite_thenAnotherNodesOfTheSameSize_isNotTakenForTheHead() throws Exception {
        Ledger one = failingLate("hz-doomed");
        Ledger two = open(Ledger.builder().dataSource(database.dataSource()));
        TestLedgers.park(one);
        one.execute(TestLedgers.report("hz-1", HazardLevel.GENERAL));
        assertThatThrownBy(() -> one.execute(TestLedgers.report("hz-doomed", HazardLevel.MAJOR)))
                .hasStackTraceContaining("rolled back on purpose");
        Receipt same = two.execute(TestLedgers.report("hz-2", HazardLevel.GENERAL));   // the size hz-doomed had

        Receipt next = one.execute(TestLedgers.report("hz-3", HazardLevel.GENERAL));

        assertThat(next.index()).isEqualTo(same.index() + 1);
        assertThat(one.verify().headHash()).isEqualTo(next.entryHash());
        assertThat(two.verify().size()).isEqualTo(next.index() + 1);
        assertThat(two.register().get("hz-3").orElseThrow().firstIndex()).isEqualTo(next.index());
    }

    /**
     * A transaction that appends twice (an event handler that runs as the events are stored sends a command: its
     * events join the committing unit of work and are stored after the first) while another writer of the process
     * waits in PostgreSQL for the head row the first append locked: the second append must not queue behind that
     * writer, which waits for it. All three are stored, in order.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS,
            threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)   // a deadlock is not interruptible
    void aTransactionThatAppendsTwice_whileAnotherWriterWaitsForTheHead_isNotBlockedByIt() throws Exception {
        java.util.concurrent.CountDownLatch firstAppended = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<org.axonframework.config.Configuration> axon =
                new java.util.concurrent.atomic.AtomicReference<>();
        SendsWhileStored handler = new SendsWhileStored(() -> {
            firstAppended.countDown();
            // the other writer now sends its entries and waits for the head row this transaction holds
            io.hazardledger.Await.until("the other writer waiting for the head row", () -> "not waiting",
                    () -> waitingForALock() > 0);
            axon.get().commandGateway().sendAndWait(TestLedgers.report("hz-b", HazardLevel.GENERAL));
        });
        Ledger ledger = open(Ledger.builder().dataSource(database.dataSource())
                .axon(configurer -> {
                    configurer.eventProcessing(ep -> ep.registerSubscribingEventProcessor("sends-while-stored")
                            .assignHandlerInstancesMatching("sends-while-stored", h -> h == handler)
                            .registerEventHandler(c -> handler));
                    configurer.onInitialize(axon::set);
                }));
        TestLedgers.park(ledger);
        long first = tables.head().size();
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Receipt> c = other.submit(() -> {
                firstAppended.await();
                return ledger.execute(TestLedgers.report("hz-c", HazardLevel.GENERAL));
            });
            Receipt a = ledger.execute(TestLedgers.report("hz-a", HazardLevel.GENERAL));
            Receipt afterA = c.get();

            // hz-b's report was stored in hz-a's transaction, after it: the command's receipt names both
            assertThat(a.entries()).extracting(Receipt.Entry::index).containsExactly(first, first + 1);
            assertThat(ledger.register().get("hz-b").orElseThrow().firstIndex()).isEqualTo(first + 1);
            assertThat(afterA.index()).isEqualTo(first + 2);
            assertThat(tables.indexes()).containsExactlyElementsOf(LongStream.range(0, first + 3).boxed().toList());
            assertThat(ledger.verify().headHash()).isEqualTo(afterA.entryHash());
        } finally {
            other.shutdownNow();
        }
    }

    /** Runs an action when hz-a's report is stored (as a subscribing handler does: in the storing transaction). */
    public static final class SendsWhileStored {
        private final Runnable action;

        SendsWhileStored(Runnable action) {
            this.action = action;
        }

        @org.axonframework.eventhandling.EventHandler
        public void on(io.hazardledger.hazard.HazardReported e) {
            if (e.hazardId().equals("hz-a")) {
                action.run();
            }
        }
    }

    /** Sessions of this database waiting for a lock (PostgreSQL); on H2 the writers queue on the head row itself. */
    private long waitingForALock() {
        if (!TestLedgers.postgres()) {
            return 1;
        }
        try {
            return ((Number) tables.scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND wait_event_type = 'Lock'")).longValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Ledger open(Ledger.Builder builder) {
        Ledger ledger = builder.build();
        open.add(ledger);
        return ledger;
    }
}
