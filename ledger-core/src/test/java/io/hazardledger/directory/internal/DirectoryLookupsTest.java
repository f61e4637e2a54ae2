package io.hazardledger.directory.internal;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.PersonRecord;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's person lookups within a unit of work: a person found is read once per unit of work (a group
 * commit's commands, each in a unit of work nested in the group's, check the same people again and again); a person
 * not found, an enterprise, and every lookup outside a unit of work read the table.
 */
class DirectoryLookupsTest {

    @TempDir
    Path dir;

    private Ledger ledger;
    private final AtomicInteger reads = new AtomicInteger();
    private DirectoryView directory;

    @BeforeEach
    void setUp() {
        DataSource store = TestLedgers.store(dir);
        ledger = Ledger.builder().dataSource(store).requireSignatures(false).build();
        TestLedgers.park(ledger);
        ConnectionProvider connections = TransactionalConnections.over(store);
        directory = new DirectoryView(() -> {
            reads.incrementAndGet();   // a lookup takes a connection for the one statement it sends
            return connections.getConnection();
        });
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void inAUnitOfWork_aPersonFoundIsReadOnce_whatIsNotFoundAndEnterprisesEachTime() {
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
        assertThat(reads).hasValue(2 + 3 + 3);
        assertThat(outside).isPresent();
        assertThat(seen.get(0)).isEqualTo(outside);
        assertThat(seen.get(1)).isEqualTo(directory.person(TestLedgers.VERIFIER));
        assertThat(seen.get(2)).isEqualTo(Optional.empty());
        assertThat(directory.enterprise(TestLedgers.ENTERPRISE)).isPresent().isEqualTo(seen.get(3));
        assertThat(seen.subList(4, 8)).isEqualTo(seen.subList(0, 4));
    }

    @Test
    void theUnitsOfWorkNestedInOne_shareWhatWasFound() {
        reads.set(0);
        List<Object> seen = new ArrayList<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            for (int command = 0; command < 4; command++) {   // as a group commit runs its commands
                DefaultUnitOfWork.startAndGet(null).execute(() -> {
                    seen.add(directory.person(TestLedgers.REPORTER));
                    seen.add(directory.person(TestLedgers.OWNER));
                });
            }
        });
        assertThat(reads).hasValue(2);
        assertThat(seen).hasSize(8).allSatisfy(p -> assertThat(p).isNotEqualTo(Optional.empty()));
        // the next unit of work reads again
        DefaultUnitOfWork.startAndGet(null).execute(() -> directory.person(TestLedgers.OWNER));
        assertThat(reads).hasValue(3);
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
    void aPersonRegisteredWhileAUnitOfWorkRuns_isFoundInIt() throws Exception {
        List<Optional<PersonRecord>> seen = new ArrayList<>();
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        try {
            seen.add(directory.person("p-late"));
            // registered by another transaction meanwhile: not found before, found now
            CompletableFuture.runAsync(() -> ledger.execute(new RegisterPerson("p-late", "Late Comer",
                    TestLedgers.ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)))).get(60, TimeUnit.SECONDS);
            seen.add(directory.person("p-late"));
            uow.commit();
        } finally {
            if (uow.isActive()) {
                uow.rollback();
            }
        }
        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(1)).map(PersonRecord::name).hasValue("Late Comer");
    }
}
