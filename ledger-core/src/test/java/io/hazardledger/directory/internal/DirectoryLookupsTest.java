package io.hazardledger.directory.internal;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.store.internal.TransactionalConnections;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's lookups within a unit of work: each person and enterprise is read once until the unit of work starts
 * to commit (a group commit's commands check the same people again and again); outside a unit of work, and once it
 * commits, every lookup reads the table.
 */
class DirectoryLookupsTest {

    @TempDir
    Path dir;

    private DataSource store;
    private Ledger ledger;
    private final AtomicInteger reads = new AtomicInteger();
    private DirectoryView directory;

    @BeforeEach
    void setUp() {
        store = TestLedgers.store(dir);
        ledger = Ledger.builder().dataSource(store).requireSignatures(false).build();
        TestLedgers.park(ledger);
        ConnectionProvider connections = TransactionalConnections.over(store);
        directory = new DirectoryView(() -> {
            reads.incrementAndGet();   // a lookup takes a connection for each statement it sends
            return connections.getConnection();
        });
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void inAUnitOfWork_eachPersonAndEnterpriseIsReadOnce() {
        Optional<PersonRecord> outside = directory.person(TestLedgers.OWNER);
        reads.set(0);
        List<Object> seen = new ArrayList<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            for (int i = 0; i < 3; i++) {
                seen.add(directory.person(TestLedgers.OWNER));
                seen.add(directory.person(TestLedgers.VERIFIER));
                seen.add(directory.person("p-nobody"));
                seen.add(directory.enterprise(TestLedgers.ENTERPRISE));
            }
        });
        assertThat(reads).hasValue(4);
        assertThat(outside).isPresent();
        assertThat(seen.get(0)).isEqualTo(outside);
        assertThat(seen.get(2)).isEqualTo(Optional.empty());
        assertThat(directory.enterprise(TestLedgers.ENTERPRISE)).isPresent().isEqualTo(seen.get(3));
        assertThat(seen.subList(4, 8)).isEqualTo(seen.subList(0, 4));
    }

    @Test
    void outsideAUnitOfWork_everyLookupReadsTheTable() {
        directory.person(TestLedgers.OWNER);
        directory.person(TestLedgers.OWNER);
        directory.enterprise(TestLedgers.ENTERPRISE);
        directory.enterprise(TestLedgers.ENTERPRISE);
        assertThat(reads).hasValue(4);
    }

    @Test
    void aPersonRegisteredMeanwhile_isSeenByTheNextUnitOfWork_andOnceTheUnitOfWorkCommits() throws Exception {
        List<Optional<PersonRecord>> seen = new ArrayList<>();
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        seen.add(directory.person("p-late"));
        // registered by another transaction while this unit of work runs: kept as not found until it commits
        java.util.concurrent.CompletableFuture.runAsync(() -> ledger.execute(new io.hazardledger.directory.RegisterPerson(
                "p-late", "Late Comer", TestLedgers.ENTERPRISE,
                java.util.Set.of(io.hazardledger.directory.Role.ENTERPRISE_STAFF)))).get(60, java.util.concurrent.TimeUnit.SECONDS);
        seen.add(directory.person("p-late"));
        uow.onCommit(u -> seen.add(directory.person("p-late")));
        uow.commit();
        seen.add(directory.person("p-late"));
        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(1)).isEmpty();
        assertThat(seen.get(2)).map(PersonRecord::name).hasValue("Late Comer");
        assertThat(seen.get(3)).map(PersonRecord::name).hasValue("Late Comer");
    }
}
