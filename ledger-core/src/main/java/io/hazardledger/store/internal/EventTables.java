package io.hazardledger.store.internal;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event storage over the ledger's own tables ({@code ledger_domain_event}, {@code ledger_snapshot}), so
 * that a host that also uses Axon keeps its own. The ledger wraps it in {@link ChainingEventStorageEngine}; the
 * benchmark's plain-Axon baseline uses it as it is.
 */
public final class EventTables {

    private EventTables() {
    }

    public static JdbcEventStorageEngine engine(ConnectionProvider connections, Serializer eventSerializer,
                                                Serializer snapshotSerializer,
                                                PersistenceExceptionResolver exceptionResolver) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .persistenceExceptionResolver(exceptionResolver)
                .schema(EventSchema.builder()
                        .eventTable("ledger_domain_event").snapshotTable("ledger_snapshot")
                        .globalIndexColumn("global_index").timestampColumn("time_stamp")
                        .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                        .sequenceNumberColumn("sequence_number").typeColumn("type").payloadTypeColumn("payload_type")
                        .payloadRevisionColumn("payload_revision").payloadColumn("payload").metaDataColumn("meta_data")
                        .build())
                .dataType(byte[].class)
                .build();
    }
}
