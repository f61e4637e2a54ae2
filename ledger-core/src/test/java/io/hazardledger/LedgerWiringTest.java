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

import static org.assertj.core.api.Assertions.assertThat;

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
