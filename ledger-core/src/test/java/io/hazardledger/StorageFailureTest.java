package io.hazardledger;

import io.hazardledger.hazard.HazardLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When the store fails under a call (here: every new connection and every statement refused, as when the database
 * is unreachable), the library's caller gets the public {@link StorageFailureException}, not a framework's or an
 * internal type, for writes and reads alike; the failed write stored nothing, and once the store is back the same
 * write takes the index it would have taken.
 */
class StorageFailureTest {

    @TempDir
    Path dir;

    private Ledger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aFailingStore_isAStorageFailure_forWritesAndReads_andTheFailedWriteStoredNothing() throws Exception {
        Failing store = new Failing(TestLedgers.store(dir));
        ledger = Ledger.builder().dataSource(store.dataSource()).build();
        TestLedgers.park(ledger);
        ledger.execute(TestLedgers.report("hz-1", HazardLevel.GENERAL));
        long size = ledger.head().size();

        store.failing = true;
        assertThatThrownBy(() -> ledger.execute(TestLedgers.report("hz-2", HazardLevel.GENERAL)))
                .as("a new aggregate's write").isInstanceOf(StorageFailureException.class)
                .hasMessageContaining("the store is unreachable");
        assertThatThrownBy(() -> ledger.execute(new io.hazardledger.hazard.PlanRectification("hz-1", "fix",
                TestLedgers.OWNER, java.time.LocalDate.now().plusDays(9), null, null, null, TestLedgers.OWNER)))
                .as("an existing aggregate's write, which loads its events first")
                .isInstanceOf(StorageFailureException.class);
        assertThatThrownBy(() -> ledger.register().get("hz-1")).as("a read")
                .isInstanceOf(StorageFailureException.class);
        assertThatThrownBy(() -> ledger.log().entries(0, 1)).as("the log")
                .isInstanceOf(StorageFailureException.class);

        store.failing = false;
        assertThat(ledger.head().size()).as("nothing stored").isEqualTo(size);
        Receipt retried = ledger.execute(TestLedgers.report("hz-2", HazardLevel.GENERAL));
        assertThat(retried.index()).isEqualTo(size);
        assertThat(ledger.verify().holds()).isTrue();
    }

    /** A data source whose connections, new or handed out, fail every statement while {@link #failing}. */
    static final class Failing {
        private static final Set<String> STATEMENTS = Set.of("prepareStatement", "createStatement", "prepareCall",
                "commit");

        volatile boolean failing;
        private final DataSource delegate;

        Failing(DataSource delegate) {
            this.delegate = delegate;
        }

        DataSource dataSource() {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("getConnection")) {
                    refuseWhileFailing();
                    return connection((Connection) invoke(method, delegate, args));
                }
                return invoke(method, delegate, args);
            };
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    handler);
        }

        private Connection connection(Connection c) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (STATEMENTS.contains(method.getName())) {
                    refuseWhileFailing();
                }
                return invoke(method, c, args);
            };
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    handler);
        }

        private void refuseWhileFailing() throws SQLException {
            if (failing) {
                throw new SQLException("test: the store is unreachable", "08001");
            }
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
