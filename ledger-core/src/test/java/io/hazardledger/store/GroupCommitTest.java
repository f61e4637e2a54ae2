package io.hazardledger.store;

import io.hazardledger.Await;
import io.hazardledger.GroupCommits;
import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.RuleViolationException;
import io.hazardledger.TestLedgers;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.hazard.HazardLevel;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Commands sent at the same time commit together (group commit), and each caller still gets what its command alone
 * would get. Every leader's place is first taken by a command held inside its handler, so the commands sent next
 * wait, in a known order, until one held command is let go: the first waiting caller then leads and takes them all.
 */
class GroupCommitTest {

    @TempDir
    Path dir;

    private TestDatabase database;
    private LedgerTables tables;
    private Ledger ledger;
    private final java.util.Map<String, CountDownLatch> releases = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final ExecutorService clients = Executors.newCachedThreadPool();

    private final java.util.concurrent.atomic.AtomicReference<String> failGroupOnce =
            new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeEach
    void open() throws Exception {
        database = TestDatabase.in(dir);
        tables = database.tables();
        ledger = holding(32);
        TestLedgers.park(ledger);
    }

    /**
     * A ledger whose reports of hz-hold-… wait inside their handler until let go, and whose report of the hazard in
     * {@link #failGroupOnce} fails its transaction once, after the ledger wrote its entries.
     */
    private Ledger holding(int groupCommit) {
        return holding(groupCommit, database.dataSource());
    }

    private Ledger holding(int groupCommit, javax.sql.DataSource dataSource) {
        return holding(groupCommit, dataSource, null);
    }

    private Ledger holding(int groupCommit, javax.sql.DataSource dataSource, java.time.Duration gathering) {
        return holding(groupCommit, dataSource, gathering, 2);
    }

    private Ledger holding(int groupCommit, javax.sql.DataSource dataSource, java.time.Duration gathering,
                           int gatheringFrom) {
        MessageHandlerInterceptor<CommandMessage<?>> hold = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ReportHazard r) {
                if (r.hazardId().startsWith("hz-hold")) {
                    CountDownLatch release = releases.computeIfAbsent(r.hazardId(), k -> new CountDownLatch(1));
                    held.incrementAndGet();
                    release.await();
                }
                String failing = failGroupOnce.get();
                if (r.hazardId().equals(failing) && failGroupOnce.compareAndSet(failing, null)) {
                    // runs after the event store's step: the whole transaction's entries are written, then it fails
                    unitOfWork.root().onPrepareCommit(u -> {
                        throw new IllegalStateException("the transaction fails on purpose, after its entries");
                    });
                }
            }
            return chain.proceed();
        };
        // and a dispatch interceptor (as a customizer may add one) that refuses one report before it is handled
        org.axonframework.messaging.MessageDispatchInterceptor<CommandMessage<?>> refuse = messages -> (i, m) -> {
            if (m.getPayload() instanceof ReportHazard r && r.hazardId().equals("hz-refused-at-dispatch")) {
                throw new IllegalArgumentException("refused at dispatch");
            }
            return m;
        };
        Ledger.Builder builder = Ledger.builder().dataSource(dataSource).groupCommit(groupCommit);
        if (gathering != null) {
            builder.groupCommitGathering(gathering, gatheringFrom);
        }
        return builder.axon(configurer -> configurer.onInitialize(config -> config.onStart(0, () -> {
                    config.commandBus().registerHandlerInterceptor(hold);
                    config.commandBus().registerDispatchInterceptor(refuse);
                })))
                .build();
    }

    @AfterEach
    void close() throws Exception {
        releases.values().forEach(CountDownLatch::countDown);
        clients.shutdownNow();
        ledger.close();
        database.close();
    }

    @Test
    void commandsSentTogether_commitAsOneGroup_eachAnsweredWithItsOwnEntries() throws Exception {
        List<Object> reports = IntStream.range(0, 8)
                .mapToObj(i -> (Object) TestLedgers.report("hz-g-" + i, HazardLevel.GENERAL)).toList();

        List<Object> outcomes = sentTogether(reports);

        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(1, 8, 0, 0));
        long first = ((Receipt) outcomes.get(0)).index();
        for (int i = 0; i < 8; i++) {
            Receipt receipt = (Receipt) outcomes.get(i);
            assertThat(receipt.entries()).hasSize(1);
            assertThat(receipt.index()).isEqualTo(first + i);   // in the order they were sent
            assertThat(receipt.entries().get(0).eventType()).endsWith("HazardReported");
            assertThat(receipt.entryHash()).isEqualTo(tables.entryHash(receipt.index()));
            assertThat(ledger.register().get("hz-g-" + i).orElseThrow().firstIndex()).isEqualTo(receipt.index());
        }
        long size = tables.head().size();
        assertThat(size).isEqualTo(first + 8 + leaders() - 1);   // the held reports let go after the group
        assertThat(tables.indexes()).containsExactlyElementsOf(LongStream.range(0, size).boxed().toList());
        assertThat(ledger.verify().size()).isEqualTo(size);
    }

    /**
     * With a gathering time, a leader waits for as many callers as the last groups held: after a group of three,
     * three commands sent one after another (each sent once the one before waits in the queue, no place held) commit
     * as one group. Without the wait, the first would commit alone before the second is sent.
     */
    @Test
    void withAGatheringTime_aLeaderWaitsForAsManyCommandsAsTheLastGroupsHeld() throws Exception {
        gatheringAfterAGroupOfThree(java.time.Duration.ofSeconds(20));
        GroupCommits before = ledger.groupCommits();
        assertThat(before.commands()).isEqualTo(3);

        // two sent one after the other, each seen waiting in the queue (its leader gathers); the third completes them
        List<Future<Receipt>> sent = new ArrayList<>(queued(List.of(TestLedgers.report("hz-g-3", HazardLevel.GENERAL),
                TestLedgers.report("hz-g-4", HazardLevel.GENERAL))));
        ReportHazard third = TestLedgers.report("hz-g-5", HazardLevel.GENERAL);
        sent.add(clients.submit(() -> ledger.execute(third)));
        List<Long> indexes = new ArrayList<>();
        for (Future<Receipt> f : sent) {
            indexes.add(f.get(30, TimeUnit.SECONDS).index());
        }

        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(before.groups() + 1, 6, 0, 0));
        assertThat(indexes).containsExactly(indexes.get(0), indexes.get(0) + 1, indexes.get(0) + 2);
        assertThat(ledger.verify().size()).isEqualTo(tables.head().size());
    }

    /**
     * Two leaders gather at once, each with its own command queued; the third command completes the group and one of
     * them takes all three. The other, whose command was taken, stops gathering and answers its caller: with a
     * gathering time of a minute, waiting on would hold its caller past the test's limit. (Which leader takes the
     * group is a race; three rounds make a leader that gathers on more than likely to be seen.)
     */
    @Test
    void withAGatheringTime_aLeaderWhoseCommandAnotherTook_stopsGathering() throws Exception {
        gatheringAfterAGroupOfThree(java.time.Duration.ofMinutes(1));
        for (int round = 0; round < 3; round++) {
            GroupCommits before = ledger.groupCommits();
            List<Future<Receipt>> sent = new ArrayList<>(queued(List.of(
                    TestLedgers.report("hz-taken-" + round + "-a", HazardLevel.GENERAL),
                    TestLedgers.report("hz-taken-" + round + "-b", HazardLevel.GENERAL))));
            ReportHazard third = TestLedgers.report("hz-taken-" + round + "-c", HazardLevel.GENERAL);
            sent.add(clients.submit(() -> ledger.execute(third)));

            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
                for (Future<Receipt> f : sent) {
                    f.get();
                }
            }, "round " + round);
            assertThat(ledger.groupCommits())
                    .isEqualTo(new GroupCommits(before.groups() + 1, before.commands() + 3, 0, 0));
        }
        assertThat(ledger.verify().size()).isEqualTo(tables.head().size());
    }

    /**
     * A gathering only from groups of four (as H2's default is only from groups of eight): after a group of three, a
     * caller alone is not held. Gathering from groups of two, it would wait the whole minute once (the test above).
     */
    @Test
    void withAGatheringFromGroupsOfFour_afterAGroupOfThree_aCallerAloneIsNotHeld() throws Exception {
        gatheringAfterAGroupOfThree(java.time.Duration.ofMinutes(1), 4);
        long before = tables.head().size();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> ledger.execute(TestLedgers.report("hz-alone", HazardLevel.GENERAL)));
        assertThat(tables.head().size()).isEqualTo(before + 1);
        assertThat(ledger.groupCommits().commands()).isEqualTo(3);
    }

    @Test
    void aGatheringFromGroupsOfFewerThanTwo_isRefused() {
        assertThatThrownBy(() -> Ledger.builder().groupCommitGathering(java.time.Duration.ofMillis(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 commands, got 1");
    }

    /** Opens the ledger again with a gathering time, then commits a group of three (what its leaders then expect). */
    private void gatheringAfterAGroupOfThree(java.time.Duration gathering) throws Exception {
        gatheringAfterAGroupOfThree(gathering, 2);
    }

    private void gatheringAfterAGroupOfThree(java.time.Duration gathering, int from) throws Exception {
        ledger.close();
        ledger = holding(32, database.dataSource(), gathering, from);
        sentTogether(List.of(TestLedgers.report("hz-g-0", HazardLevel.GENERAL),
                TestLedgers.report("hz-g-1", HazardLevel.GENERAL), TestLedgers.report("hz-g-2", HazardLevel.GENERAL)));
    }

    /** A caller alone is never held for the gathering time: its groups are groups of one. */
    @Test
    void withAGatheringTime_aCallerAloneIsNotHeld() throws Exception {
        ledger.close();
        ledger = holding(32, database.dataSource(), java.time.Duration.ofMinutes(1));
        long before = tables.head().size();
        // a minute's wait for each would run past the test's limit
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 3; i++) {
                ledger.execute(TestLedgers.report("hz-alone-" + i, HazardLevel.GENERAL));
            }
        });
        assertThat(tables.head().size()).isEqualTo(before + 3);
        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(0, 0, 0, 0));
    }

    /**
     * After a group of three, a caller left alone waits the gathering time once: the wait that runs out lowers what the
     * next leaders wait for. (Five commands that each waited 3 s would take 15 s.)
     */
    @Test
    void withAGatheringTime_aCallerLeftAloneAfterAGroup_waitsOnce() throws Exception {
        gatheringAfterAGroupOfThree(java.time.Duration.ofSeconds(3));
        long before = tables.head().size();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 5; i++) {
                ledger.execute(TestLedgers.report("hz-alone-" + i, HazardLevel.GENERAL));
            }
        });
        assertThat(tables.head().size()).isEqualTo(before + 5);
    }

    @Test
    void theGatheringTime_isBetweenZeroAndAMinute() {
        assertThatThrownBy(() -> Ledger.builder().groupCommitGathering(java.time.Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1 minute");
        assertThatThrownBy(() -> Ledger.builder().groupCommitGathering(java.time.Duration.ofSeconds(61)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1 minute");
    }

    @Test
    void aRefusedCommandInAGroup_isRefusedAsItIsAlone_andNothingOfItIsStored_theOthersCommit() throws Exception {
        PlanRectification unknown = new PlanRectification("hz-nowhere", "replace gasket", TestLedgers.OWNER,
                LocalDate.now().plusDays(30), "12000.00", "cordon", "evacuate", TestLedgers.OWNER);
        List<Object> commands = List.of(TestLedgers.report("hz-g-0", HazardLevel.GENERAL), unknown,
                TestLedgers.report("hz-g-2", HazardLevel.GENERAL));
        long before = tables.head().size();

        List<Object> outcomes = sentTogether(commands);

        // the group rolled back, ran again without the refused command and committed; the refused one ran alone
        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(1, 2, 1, 0));
        Throwable alone = catchAlone(unknown);
        assertThat((Throwable) outcomes.get(1)).isInstanceOf(UnknownReferenceException.class)
                .hasMessage(alone.getMessage());
        assertThat(((Receipt) outcomes.get(2)).index()).isEqualTo(((Receipt) outcomes.get(0)).index() + 1);
        assertThat(ledger.register().get("hz-g-0")).isPresent();
        assertThat(ledger.register().get("hz-g-2")).isPresent();
        int holders = leaders();
        assertThat(tables.head().size()).isEqualTo(before + holders + 2);
        assertThat(ledger.verify().size()).isEqualTo(before + holders + 2);
    }

    /** A command refused before any handler sees it (by a dispatch interceptor) is refused to its caller only. */
    @Test
    void aCommandRefusedAtDispatch_inAGroup_failsOnlyItsOwnCaller() throws Exception {
        List<Object> commands = List.of(TestLedgers.report("hz-g-0", HazardLevel.GENERAL),
                TestLedgers.report("hz-refused-at-dispatch", HazardLevel.GENERAL),
                TestLedgers.report("hz-g-2", HazardLevel.GENERAL));

        List<Object> outcomes = sentTogether(commands);

        assertThat(outcomes.get(0)).isInstanceOf(Receipt.class);
        assertThat((Throwable) outcomes.get(1)).hasMessageContaining("refused at dispatch");
        assertThat(outcomes.get(2)).isInstanceOf(Receipt.class);
        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(1, 2, 1, 0));
        assertThat(ledger.register().get("hz-refused-at-dispatch")).isEmpty();
    }

    /**
     * The group is one transaction: it fails after all eight reports' entries were written, and none of them stays
     * (had each committed on its own, running them again alone would refuse seven as duplicates).
     */
    @Test
    void aGroupFailingAfterItsEntriesWereWritten_storesNoneOfThem_andEachCommandThenCommitsAlone() throws Exception {
        List<Object> reports = IntStream.range(0, 8)
                .mapToObj(i -> (Object) TestLedgers.report("hz-g-" + i, HazardLevel.GENERAL)).toList();
        failGroupOnce.set("hz-g-7");
        long before = tables.head().size();

        List<Object> outcomes = sentTogether(reports);

        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(0, 0, 1, 0));
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Receipt.class));
        long first = ((Receipt) outcomes.get(0)).index();
        assertThat(first).isEqualTo(before + 1);   // right after the held report let go first
        for (int i = 0; i < 8; i++) {
            assertThat(((Receipt) outcomes.get(i)).index()).isEqualTo(first + i);
            assertThat(ledger.register().get("hz-g-" + i).orElseThrow().firstIndex()).isEqualTo(first + i);
        }
        long size = tables.head().size();
        assertThat(size).isEqualTo(before + leaders() + 8);
        assertThat(tables.indexes()).containsExactlyElementsOf(LongStream.range(0, size).boxed().toList());
        assertThat(ledger.verify().size()).isEqualTo(size);
    }

    @Test
    void twoCommandsOnOneAggregate_areNeverInOneGroup() throws Exception {
        ledger.execute(TestLedgers.report("hz-same", HazardLevel.GENERAL));
        PlanRectification plan = new PlanRectification("hz-same", "replace gasket", TestLedgers.OWNER,
                LocalDate.now().plusDays(30), "12000.00", "cordon", "evacuate", TestLedgers.OWNER);
        List<Object> commands = List.of(plan, TestLedgers.report("hz-g-1", HazardLevel.GENERAL), plan);

        List<Object> outcomes = sentTogether(commands);

        // the first plan and the report committed as a group; the second plan waited for the next one and, alone,
        // was refused as a plan after a plan is (had it been in the group, the group would have been run again)
        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(1, 2, 0, 0));
        assertThat(outcomes.get(0)).isInstanceOf(Receipt.class);
        assertThat(outcomes.get(1)).isInstanceOf(Receipt.class);
        assertThat(outcomes.get(2)).isInstanceOf(RuleViolationException.class);
        assertThat(((RuleViolationException) outcomes.get(2)).getMessage()).contains("plan a rectification");
    }

    /**
     * A group that times out waiting for the chain head (held here by another transaction, as a replay holds it):
     * every caller gets the timeout at once, and no command is run again alone (each would wait as long again, one
     * after another). Nothing is stored. On H2, whose lock timeout is set in its URL (here half a second).
     */
    @Test
    void aGroupTimingOutOnTheChainHead_failsEveryCaller_andRunsNoneAgain() throws Exception {
        ledger.close();
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("timeout").toAbsolutePath() + ";LOCK_TIMEOUT=500;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        ledger = holding(32, h2);
        TestLedgers.park(ledger);
        LedgerTables h2Tables = new LedgerTables(h2);
        long before = h2Tables.head().size();
        List<Future<Receipt>> holders = holdEveryPlace();
        List<Future<Receipt>> sent = queued(IntStream.range(0, 8)
                .mapToObj(i -> (Object) TestLedgers.report("hz-g-" + i, HazardLevel.GENERAL)).toList());
        try (java.sql.Connection head = h2.getConnection()) {
            head.setAutoCommit(false);
            try (java.sql.Statement lock = head.createStatement()) {
                lock.executeQuery("SELECT size FROM ledger_head WHERE id = 1 FOR UPDATE").close();
            }

            releases.get("hz-hold-0").countDown();
            for (Future<Receipt> f : sent) {
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasStackTraceContaining("Timeout");
            }
            assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(0, 0, 0, 0));
            releases.values().forEach(CountDownLatch::countDown);
            for (Future<Receipt> h : holders) {
                assertThatThrownBy(() -> h.get(30, TimeUnit.SECONDS)).hasStackTraceContaining("Timeout");
            }
            head.rollback();
        }
        assertThat(h2Tables.head().size()).isEqualTo(before);
        assertThat(ledger.register().get("hz-g-0")).isEmpty();
    }

    /**
     * One signed statement sent twice at the same moment (a replay, or a client retrying): the two never run side by
     * side, so the second is refused as a replay, as it is when sent after the first; the statement is stored once.
     */
    @Test
    void aSignedStatementSentTwiceTogether_isStoredOnce_andTheSecondIsRefusedAsAReplay() throws Exception {
        io.hazardledger.integrity.sig.PemSigner key = io.hazardledger.integrity.sig.KeyPairs
                .generate(io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).signer();
        ledger.execute(new io.hazardledger.directory.RegisterKey(TestLedgers.OWNER, key.verificationKey().spkiBase64(),
                java.time.Instant.now().minusSeconds(3600), TestLedgers.OWNER));
        ledger.execute(TestLedgers.report("hz-s", HazardLevel.GENERAL));
        PlanRectification plan = new PlanRectification("hz-s", "replace gasket", TestLedgers.OWNER,
                LocalDate.now().plusDays(30), "12000.00", "cordon", "evacuate", TestLedgers.OWNER);
        Signed signed = new Signed(plan, io.hazardledger.integrity.sig.SignedStatement.sign(
                ledger.statementFor(plan, key.verificationKey().keyId(), java.time.Instant.now()), key));

        List<Object> outcomes = sentTogether(List.of(signed, TestLedgers.report("hz-g-1", HazardLevel.GENERAL), signed));

        assertThat(outcomes.get(0)).isInstanceOf(Receipt.class);
        assertThat(outcomes.get(1)).isInstanceOf(Receipt.class);
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(io.hazardledger.SignatureRefusedException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo("statement-replayed"));
        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(1, 2, 0, 0));
        assertThat(tables.count("signature_entry")).isEqualTo(1);
        assertThat(ledger.verify().size()).isEqualTo(tables.head().size());
    }

    /**
     * Many clients at once, a fifth of their commands refused (a plan for a hazard that does not exist, a report under
     * an id already taken): every acknowledged command's entry is where its receipt says and belongs to its hazard,
     * every stored entry was acknowledged to exactly one caller, nothing of a refused command is stored, and the
     * ledger verifies.
     */
    @Test
    void manyClientsAtOnce_withRefusals_everyAcknowledgedEntryStoredOnce_andNothingElse() throws Exception {
        int clientCount = 12;
        int perClient = 25;
        long before = tables.head().size();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(clientCount);
        List<Future<List<Receipt>>> runs = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < clientCount; t++) {
            int client = t;
            runs.add(clients.submit(() -> {
                List<Receipt> acknowledged = new ArrayList<>();
                start.await();
                for (int i = 0; i < perClient; i++) {
                    String id = "hz-m-" + client + "-" + i;
                    Object command = switch (i % 5) {
                        case 3 -> new PlanRectification("hz-missing-" + client + "-" + i, "replace gasket",
                                TestLedgers.OWNER, LocalDate.now().plusDays(30), "1.00", null, null, TestLedgers.OWNER);
                        case 4 -> TestLedgers.report("hz-m-" + client + "-" + (i - 2), HazardLevel.GENERAL);
                        default -> TestLedgers.report(id, HazardLevel.GENERAL);
                    };
                    try {
                        Receipt r = ledger.execute(command);
                        assertThat(i % 5).as("%s was acknowledged", command).isLessThan(3);
                        assertThat(r.entries()).hasSize(1);
                        assertThat(ledger.register().get(id).orElseThrow().firstIndex()).isEqualTo(r.index());
                        acknowledged.add(r);
                    } catch (io.hazardledger.LedgerException e) {
                        assertThat(i % 5).as("%s was refused: %s", command, e.getMessage()).isGreaterThanOrEqualTo(3);
                        refused.incrementAndGet();
                    }
                }
                return acknowledged;
            }));
        }
        List<Long> indexes = new ArrayList<>();
        for (Future<List<Receipt>> run : runs) {
            for (Receipt r : run.get(120, TimeUnit.SECONDS)) {
                indexes.add(r.index());
                assertThat(tables.entryHash(r.index())).isEqualTo(r.entryHash());
            }
        }

        assertThat(refused.get()).isEqualTo(clientCount * perClient * 2 / 5);
        assertThat(indexes).doesNotHaveDuplicates().hasSize(clientCount * perClient * 3 / 5);
        long size = tables.head().size();
        assertThat(indexes).containsExactlyInAnyOrderElementsOf(LongStream.range(before, size).boxed().toList());
        for (int t = 0; t < clientCount; t++) {
            for (int i = 3; i < perClient; i += 5) {
                assertThat(ledger.register().get("hz-missing-" + t + "-" + i)).isEmpty();
            }
        }
        assertThat(ledger.verify().size()).isEqualTo(size);
        assertThat(ledger.groupCommits().waiting()).isZero();
    }

    /**
     * Many clients writing to few aggregates at once (evacuation drills of three enterprises): commands sharing an
     * aggregate wait for each other across both running groups; every command is acknowledged once, in the order each
     * client sent its own, none waits for ever, and the ledger verifies.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS,
            threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void manyClientsOnFewAggregates_allAcknowledged_noneWaitsForEver() throws Exception {
        List<String> enterprises = List.of(TestLedgers.ENTERPRISE, "ent-b", "ent-c");
        ledger.execute(new io.hazardledger.directory.RegisterEnterprise("ent-b", "B Chemicals", "hazardous chemicals", false));
        ledger.execute(new io.hazardledger.directory.RegisterEnterprise("ent-c", "C Metals", "metal smelting", false));
        long before = tables.head().size();
        int clientCount = 10;
        int perClient = 20;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(clientCount);
        List<Future<List<Long>>> runs = new ArrayList<>();
        for (int t = 0; t < clientCount; t++) {
            int client = t;
            runs.add(clients.submit(() -> {
                List<Long> indexes = new ArrayList<>();
                start.await();
                for (int i = 0; i < perClient; i++) {
                    String enterprise = enterprises.get((client + i) % enterprises.size());
                    Receipt r = ledger.execute(new io.hazardledger.directory.RecordEvacuationDrill(enterprise,
                            LocalDate.now().minusDays(1), "drill " + client + "-" + i, TestLedgers.VERIFIER));
                    assertThat(r.entries()).hasSize(1);
                    indexes.add(r.index());
                }
                return indexes;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> run : runs) {
            List<Long> mine = run.get(100, TimeUnit.SECONDS);
            assertThat(mine).isSorted();   // each client's drills in the order it sent them
            all.addAll(mine);
        }

        long size = tables.head().size();
        assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.range(before, size).boxed().toList());
        assertThat(size - before).isEqualTo((long) clientCount * perClient);
        assertThat(ledger.verify().size()).isEqualTo(size);
        assertThat(ledger.groupCommits().waiting()).isZero();
    }

    /** A command with the acting person's signed statement, for {@link #sentTogether}. */
    private record Signed(Object command, io.hazardledger.integrity.sig.SignedStatement statement) {
    }

    @Test
    void groupCommitOne_commitsEachCommandAlone_withoutWaitingForAPlace() throws Exception {
        ledger.close();
        ledger = holding(1);
        List<Future<Receipt>> holders = new ArrayList<>();
        for (int i = 0; i < leaders(); i++) {
            ReportHazard report = TestLedgers.report("hz-hold-" + i, HazardLevel.GENERAL);
            holders.add(clients.submit(() -> ledger.execute(report)));
        }
        Await.until("every leader's place held", () -> held.get() + " held", () -> held.get() == leaders());

        // with group commit this one would wait in the queue until a held command is let go
        Receipt alone = clients.submit(() -> ledger.execute(TestLedgers.report("hz-a", HazardLevel.GENERAL)))
                .get(30, TimeUnit.SECONDS);

        assertThat(ledger.register().get("hz-a").orElseThrow().firstIndex()).isEqualTo(alone.index());
        releases.values().forEach(CountDownLatch::countDown);
        for (Future<Receipt> h : holders) {
            h.get(30, TimeUnit.SECONDS);
        }
        assertThat(ledger.groupCommits()).isEqualTo(new GroupCommits(0, 0, 0, 0));
        assertThatThrownBy(() -> Ledger.builder().groupCommit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and 1000");
    }

    /** Sends a report of hz-hold-… for each leader's place, each held in its handler before the next is sent. */
    private List<Future<Receipt>> holdEveryPlace() {
        List<Future<Receipt>> holders = new ArrayList<>();
        for (int i = 0; i < leaders(); i++) {
            ReportHazard report = TestLedgers.report("hz-hold-" + i, HazardLevel.GENERAL);
            holders.add(clients.submit(() -> ledger.execute(report)));
            int n = i + 1;
            Await.until(n + " commands held", () -> held.get() + " held", () -> held.get() == n);
        }
        return holders;
    }

    /** Sends the commands one after another, each waiting in the queue before the next is sent. */
    private List<Future<Receipt>> queued(List<Object> commands) {
        List<Future<Receipt>> sent = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Object command = commands.get(i);
            sent.add(clients.submit(() -> command instanceof Signed signed
                    ? ledger.execute(signed.command(), signed.statement()) : ledger.execute(command)));
            int n = i + 1;
            Await.until(n + " commands waiting", () -> ledger.groupCommits().toString(),
                    () -> ledger.groupCommits().waiting() == n);
        }
        return sent;
    }

    private static int leaders() {
        return 2;   // Ledger.GROUP_LEADERS
    }

    /**
     * Takes every leader's place with a held report, sends {@code commands} one after another (each waiting in the
     * queue before the next is sent), lets the held ones go, and returns each command's outcome: its receipt, or what
     * it threw.
     */
    private List<Object> sentTogether(List<Object> commands) throws Exception {
        List<Future<Receipt>> holders = holdEveryPlace();
        List<Future<Receipt>> sent = queued(commands);
        // one held command let go: its caller leaves its place to the first waiting, which takes them all (or all it
        // may); the other places stay taken until every command sent is answered, so no second group runs beside
        releases.get("hz-hold-0").countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Receipt> f : sent) {
            try {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        releases.values().forEach(CountDownLatch::countDown);
        for (Future<Receipt> h : holders) {
            h.get(30, TimeUnit.SECONDS);
        }
        return outcomes;
    }

    private Throwable catchAlone(Object command) {
        try {
            ledger.execute(command);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError(command + " was not refused");
    }
}
