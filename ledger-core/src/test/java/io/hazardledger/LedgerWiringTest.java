package io.hazardledger;

import io.hazardledger.store.internal.ChainingEventStorageEngine;
import io.hazardledger.store.internal.LedgerSerializer;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.updates.UpdateChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Axon is wired as the ledger needs it: JDBC storage behind the chain, our serializer, no outbound calls. */
class LedgerWiringTest {

    @TempDir
    Path dir;

    @Test
    void axon_usesTheChainingEngineOverJdbc_theLedgerSerializer_andNoUpdateChecker() throws Exception {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).build()) {
            assertThat(ledger.storageEngine()).isInstanceOf(ChainingEventStorageEngine.class);
            Field delegate = ChainingEventStorageEngine.class.getDeclaredField("delegate");
            delegate.setAccessible(true);
            assertThat(delegate.get(ledger.storageEngine()).getClass().getName())
                    .isEqualTo("org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine");

            Configuration axon = ledger.axonConfiguration();
            assertThat(axon.eventStore()).isInstanceOf(EmbeddedEventStore.class);
            assertThat(axon.eventSerializer()).isInstanceOf(LedgerSerializer.class);
            assertThat(axon.getComponent(UpdateChecker.class)).isNull();
        }
    }

    @Test
    void storedEvents_writeDatesAsIsoStrings_andStableTypeNames() throws Exception {
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).build()) {
            TestLedgers.park(ledger);
            ledger.execute(TestLedgers.report("hz-iso", io.hazardledger.hazard.HazardLevel.GENERAL));
            String entry = ledger.register().history("hz-iso").get(0).entryJson();
            assertThat(entry).contains("\"eventType\":\"HazardReported\"")
                    .contains("\"foundAt\":\"2026-11-01T08:00:00Z\"")
                    .contains("\"capturedAt\":\"2026-11-01T08:00:00Z\"");
            assertThat(entry.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        }
    }

    /**
     * Group commit's gathering wait is 1 ms by default on PostgreSQL (each commit waits for a flush of the
     * write-ahead log) whenever groups form, and on H2 only after groups of eight or more; a gathering the builder is
     * given wins on either, whenever groups form.
     */
    @Test
    void theGatheringWait_dependsOnTheStore_unlessGiven() throws Exception {
        try (io.hazardledger.store.TestDatabase database = io.hazardledger.store.TestDatabase.in(dir.resolve("g"))) {
            boolean postgres;
            try (java.sql.Connection c = database.dataSource().getConnection()) {
                postgres = io.hazardledger.store.internal.Sql.isPostgres(c);
            }
            try (Ledger ledger = Ledger.builder().dataSource(database.dataSource()).build()) {
                // PostgreSQL: 1 ms whenever groups form; H2: 1 ms once the last groups held eight commands or more
                assertThat(ledger.groupCommitGathering())
                        .isEqualTo(new Ledger.Gathering(Duration.ofMillis(1), postgres ? 2 : 8));
            }
            try (Ledger ledger = Ledger.builder().dataSource(database.dataSource())
                    .groupCommitGathering(Duration.ofMillis(3)).build()) {
                assertThat(ledger.groupCommitGathering()).isEqualTo(new Ledger.Gathering(Duration.ofMillis(3), 2));
            }
        }
    }

    /**
     * A replay of an embedded H2 file runs with the file's compaction paused (it would rewrite the chunks the replay
     * is making obsolete), and compaction resumes once the replay is over, whether it succeeded or not: seen from the
     * connections the replay takes, on the replay's own thread.
     */
    @Test
    void aReplay_pausesTheH2FilesCompaction_untilItEnds() throws Exception {
        javax.sql.DataSource h2 = TestLedgers.h2(dir);
        var opened = new java.util.concurrent.atomic.AtomicReference<Ledger>();
        java.util.List<Boolean> pausedAtEachConnection = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread replaying = Thread.currentThread();
        javax.sql.DataSource watched = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Ledger ledger = opened.get();
                    if (ledger != null && Thread.currentThread() == replaying
                            && method.getName().equals("getConnection")) {
                        pausedAtEachConnection.add(ledger.storeHousekeeping().compactionPaused());
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (Ledger ledger = Ledger.builder().dataSource(watched).storeHousekeeping(Duration.ofSeconds(60)).build()) {
            assertThat(ledger.storeHousekeeping()).as("housekeeping of an embedded H2 file").isNotNull();
            TestLedgers.park(ledger);
            TestLedgers.closedLoop(ledger, "hz-replayed");
            long size = ledger.log().size();
            opened.set(ledger);
            assertThat(ledger.storeHousekeeping().compactionPaused()).isFalse();

            assertThat(ledger.replay()).isEqualTo(size);
            assertThat(pausedAtEachConnection).as("compaction paused whenever the replay took a connection")
                    .isNotEmpty().containsOnly(true);
            assertThat(ledger.storeHousekeeping().compactionPaused()).as("after the replay").isFalse();

            pausedAtEachConnection.clear();
            try (java.sql.Connection c = h2.getConnection(); java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE ledger_entry SET entry_hash = '" + "0".repeat(64) + "' WHERE ledger_index = 4");
            }
            assertThatThrownBy(ledger::replay).isInstanceOf(IntegrityRefusalException.class);
            assertThat(pausedAtEachConnection).isNotEmpty().containsOnly(true);
            assertThat(ledger.storeHousekeeping().compactionPaused()).as("after a refused replay").isFalse();
        }
    }

    @Test
    void anAxonCustomizerRuns_butEventsStayInTheChain() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean customized = new java.util.concurrent.atomic.AtomicBoolean();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).axon(configurer -> {
            customized.set(true);
            configurer.configureEmbeddedEventStore(c -> new org.axonframework.eventsourcing.eventstore.inmemory
                    .InMemoryEventStorageEngine());
        }).build()) {
            assertThat(customized).isTrue();
            assertThat(ledger.axonConfiguration().eventStore()).isInstanceOf(EmbeddedEventStore.class);
            Field storage = EmbeddedEventStore.class.getSuperclass().getDeclaredField("storageEngine");
            storage.setAccessible(true);
            assertThat(storage.get(ledger.axonConfiguration().eventStore())).isSameAs(ledger.storageEngine());
            TestLedgers.park(ledger);
            assertThat(ledger.verify().size()).isEqualTo(ledger.log().size()).isPositive();
        }
    }

    @Test
    void aCommandsResult_survivesTheMessageSerializer_asARemoteCommandBusSendsIt() {
        var serializer = org.axonframework.serialization.json.JacksonSerializer.builder()
                .objectMapper(LedgerSerializer.objectMapper()).build();
        var committed = new ChainingEventStorageEngine.Committed(java.util.List.of(
                new ChainingEventStorageEngine.Written(7, "ab".repeat(32), "HazardReported"),
                new ChainingEventStorageEngine.Written(8, "cd".repeat(32), "RectificationPlanned")));
        Object back = serializer.deserialize(serializer.serialize(committed, byte[].class));
        assertThat(back).isEqualTo(committed);
        assertThat(((ChainingEventStorageEngine.Committed) back).entries().get(0))
                .isInstanceOf(ChainingEventStorageEngine.Written.class);
    }

    @Test
    void theWriteObserver_isToldOfCommitsRefusalsAndFailures() throws Exception {
        java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        javax.sql.DataSource store = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(store).writeObserver(new WriteObserver() {
            @Override
            public void committed(Object command, Receipt receipt, java.time.Duration took) {
                told.add(command.getClass().getSimpleName() + "@" + receipt.index() + (took.isNegative() ? "?" : ""));
            }

            @Override
            public void refused(Object command, LedgerException problem, java.time.Duration took) {
                told.add(command.getClass().getSimpleName() + ":" + problem.code());
            }

            @Override
            public void failed(Object command, RuntimeException error, java.time.Duration took) {
                told.add(command.getClass().getSimpleName() + "!");
            }
        }).build()) {
            var enterprise = new io.hazardledger.directory.RegisterEnterprise("obs", "Obs Co", "s", false);
            ledger.execute(enterprise);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.execute(enterprise))
                    .isInstanceOf(RuleViolationException.class);
            // the store refuses the next entry (a constraint planted for the test): a failure, not a refusal
            try (var c = store.getConnection(); var s = c.createStatement()) {
                s.execute("ALTER TABLE ledger_entry ADD CONSTRAINT test_no_more CHECK (ledger_index < 1)");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.execute(
                    new io.hazardledger.directory.RegisterEnterprise("obs-2", "Obs Two", "s", false)))
                    .isNotInstanceOf(LedgerException.class);
            assertThat(told).containsExactly("RegisterEnterprise@0", "RegisterEnterprise:duplicate-id",
                    "RegisterEnterprise!");
        }
    }

    @Test
    void theHead_namesItsLastEntry_andABrokenHeadIsRefusedAtTheIndexVerifyNames() throws Exception {
        javax.sql.DataSource store = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(store).build()) {
            assertThat(ledger.head()).isEqualTo(new ChainHead(0, "0".repeat(64)));
            TestLedgers.park(ledger);
            long size = ledger.log().size();
            ChainHead head = ledger.head();
            assertThat(head.size()).isEqualTo(size);
            assertThat(head.headHash()).isEqualTo(ledger.verify().headHash());
            try (var c = store.getConnection(); var s = c.createStatement()) {
                s.executeUpdate("UPDATE ledger_head SET size = " + (size - 1) + " WHERE id = 1");
            }
            long verifyNames = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.hazardledger.integrity.LedgerIntegrityException.class, ledger::verify).index();
            assertThat(verifyNames).isEqualTo(size - 1);
            org.assertj.core.api.Assertions.assertThatThrownBy(ledger::head)
                    .isInstanceOfSatisfying(IntegrityRefusalException.class, e -> assertThat(e.index()).isEqualTo(verifyNames))
                    .hasMessageContaining("beyond-head");
            try (var c = store.getConnection(); var s = c.createStatement()) {
                s.executeUpdate("UPDATE ledger_head SET size = " + size + ", head_hash = '" + "ab".repeat(32) + "' WHERE id = 1");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(ledger::head)
                    .isInstanceOfSatisfying(IntegrityRefusalException.class, e -> assertThat(e.index()).isEqualTo(size - 1))
                    .hasMessageContaining("head-mismatch").hasMessageStartingWith("the chain head does not hold");
        }
    }
}
