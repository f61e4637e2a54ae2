package io.hazardledger.integrity.merkle;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.log.MerkleLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On H2 in the same process, a proof reads the tree's nodes through at most two prepared statements, of two texts
 * that never change, and closes them before it returns. H2 keeps a plain SELECT's parsed form for the next statement
 * of the same text on the connection once the earlier one is closed (a pool that keeps its connections then serves
 * every later proof without parsing), and never keeps a UNION's: a UNION of a proof's own nodes, one text per
 * sequence of leaves and nodes, was parsed anew for nearly every proof, which took more of its time than the reads.
 */
class ProofStatementsTest {

    @Test
    void proofsOnH2_prepareTwoFixedTextsAtMost_andCloseThem(@TempDir Path dir) {
        Recorder recorder = new Recorder();
        DataSource ds = recorder.over(TestLedgers.h2(dir));
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            for (int k = 0; ledger.log().size() < 200; k++) {
                TestLedgers.closedLoop(ledger, "hz-" + k);
            }
            MerkleLog log = ledger.log();
            long n = log.size();
            recorder.clear();
            int calls = 0;
            for (long size = n - 40; size <= n; size++) {
                for (long index = 0; index < size; index += 13) {
                    log.inclusionProof(index, size);
                    log.consistencyProof(1 + index, size);
                    calls += 2;
                    assertThat(recorder.open).as("the tree's statements still open after a proof").hasValue(0);
                }
            }
            assertThat(new java.util.TreeSet<>(recorder.prepared)).containsExactly(
                    "SELECT entry_hash FROM ledger_entry WHERE ledger_index = ?",
                    "SELECT hash FROM merkle_node WHERE level = ? AND node_index = ?");
            assertThat(recorder.prepared.size()).isLessThanOrEqualTo(2 * calls);
        }
    }

    /** Records the statements prepared to read the tree, and how many of them are not closed yet. */
    static final class Recorder {
        final List<String> prepared = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger open = new AtomicInteger();

        void clear() {
            prepared.clear();
        }

        DataSource over(DataSource target) {
            return proxy(DataSource.class, target, (method, result, args) ->
                    method.getName().equals("getConnection") ? connection((Connection) result) : result);
        }

        private Connection connection(Connection target) {
            return proxy(Connection.class, target, (method, result, args) -> {
                if (!method.getName().equals("prepareStatement") || !(args[0] instanceof String sql)
                        || !(sql.contains("merkle_node") || sql.contains("entry_hash FROM ledger_entry"))) {
                    return result;
                }
                prepared.add(sql);
                open.incrementAndGet();
                AtomicInteger closed = new AtomicInteger();
                return proxy(PreparedStatement.class, result, (m, r, a) -> {
                    if (m.getName().equals("close") && closed.getAndIncrement() == 0) {
                        open.decrementAndGet();
                    }
                    return r;
                });
            });
        }

        private interface After {
            Object apply(Method method, Object result, Object[] args);
        }

        private static <T> T proxy(Class<T> type, Object target, After after) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                return after.apply(method, result, args);
            }));
        }
    }
}
