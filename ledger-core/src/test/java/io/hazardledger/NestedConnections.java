package io.hazardledger;

import io.hazardledger.store.internal.TransactionalConnections;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Watches a data source ({@link #watch}): records each time the ledger takes a connection while the same thread still
 * holds one of its own from the same source, which with a bounded pool is a hang waiting for load: a few threads that
 * hold one connection each and wait for a second exhaust the pool between them (a verified history read the
 * checkpoint's cosignatures on a second connection while holding the first: a server whose pool was one short hung for
 * the pool's timeout). Allowed, and so not recorded:
 * <ul>
 *     <li>one more connection while the only one held is a command's (taken inside a unit of work): a command reads
 *     what is committed as of a position (a grade's inputs, a flag's state) on its own connection, and the commands
 *     at a time are few (the group commit's leaders, the deadline threads);</li>
 *     <li>the connections Flyway takes while it migrates, and the one H2's housekeeping keeps open;</li>
 *     <li>a connection the test itself holds (the test's own code took it).</li>
 * </ul>
 * {@link NoNestedConnections} fails a test after which anything was recorded (jqwik's properties ask
 * {@link #takeRecorded()} themselves). It sees one thread's connections: not a thread that holds one while it waits for
 * another thread that needs one.
 */
public final class NestedConnections {

    /** What was recorded since the last {@link #takeRecorded()}. */
    private static final List<String> RECORDED = new ArrayList<>();

    private final ThreadLocal<List<Holder>> held = ThreadLocal.withInitial(ArrayList::new);

    /** A connection held: where it was taken, and whether that was by a command, or one the rules above allow. */
    private record Holder(String site, boolean command, boolean exempt) {
    }

    private NestedConnections() {
    }

    /** {@code target}, its connections watched. */
    public static DataSource watch(DataSource target) {
        NestedConnections watch = new NestedConnections();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(target, args);
                        return method.getName().equals("getConnection") ? watch.watched((Connection) result) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** What was recorded since the last call, each with where the connections held and the new one were taken. */
    public static List<String> takeRecorded() {
        synchronized (RECORDED) {
            List<String> taken = List.copyOf(RECORDED);
            RECORDED.clear();
            return taken;
        }
    }

    private Connection watched(Connection c) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        String site = site(stack);
        boolean exempt = Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.flywaydb")
                || f.getClassName().endsWith("H2Housekeeping") && f.getMethodName().equals("keeper"))
                || byTest(stack);
        List<Holder> holding = held.get();
        synchronized (holding) {
            List<Holder> counted = holding.stream().filter(h -> !h.exempt()).toList();
            boolean allowed = counted.isEmpty() || counted.size() == 1 && counted.get(0).command();
            if (!allowed && !exempt) {
                synchronized (RECORDED) {
                    RECORDED.add("on " + Thread.currentThread().getName() + ", holding "
                            + counted.stream().map(h -> (h.command() ? "a command's connection taken at " : "")
                            + h.site()).collect(Collectors.joining("\n  and ")) + "\n  took another at " + site);
                }
            }
        }
        // a command's own connection: the unit of work's, taken through the ledger's provider (not one a handler took
        // beside it)
        boolean command = CurrentUnitOfWork.isStarted() && Arrays.stream(stack)
                .anyMatch(f -> f.getClassName().startsWith(TransactionalConnections.class.getName()));
        Holder holder = new Holder(site, command, exempt);
        synchronized (holding) {
            holding.add(holder);
        }
        boolean[] closed = new boolean[1];
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0 && !closed[0]) {
                        closed[0] = true;
                        synchronized (holding) {
                            holding.remove(holder);
                        }
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The ledger's frames that took a connection, innermost first. */
    private static String site(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(f -> f.getClassName().startsWith("io.hazardledger")
                        && !f.getClassName().equals(NestedConnections.class.getName()))
                .limit(8).map(StackTraceElement::toString).collect(Collectors.joining(" < "));
    }

    /**
     * Whether the test's own code took the connection: none of the ledger's frames on the stack is main code (a
     * test's wrapper of the data source, such as a write counter, does not make the ledger's connections the test's).
     */
    private static boolean byTest(StackTraceElement[] stack) {
        return Arrays.stream(stack).map(StackTraceElement::getClassName)
                .filter(name -> name.startsWith("io.hazardledger")).allMatch(NestedConnections::isTestClass);
    }

    private static final java.net.URL TEST_CLASSES = NestedConnections.class.getProtectionDomain().getCodeSource()
            .getLocation();
    private static final Map<String, Boolean> TEST_CLASS = new ConcurrentHashMap<>();

    private static boolean isTestClass(String name) {
        return TEST_CLASS.computeIfAbsent(name, n -> {
            try {
                var source = Class.forName(n, false, NestedConnections.class.getClassLoader()).getProtectionDomain()
                        .getCodeSource();
                return source != null && source.getLocation().equals(TEST_CLASSES);
            } catch (ClassNotFoundException e) {
                return false;
            }
        });
    }
}
