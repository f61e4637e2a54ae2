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
}
