package io.hazardledger.store.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection that keeps the updates made through it and sends them together, in one round trip: PostgreSQL's driver
 * runs a prepared statement of several statements separated by semicolons as one message (one network round trip,
 * one transaction, stopping at the first error). The chain's statement and the projections' updates of a write go
 * together this way.
 * <p>
 * An update made by {@code prepareStatement(sql)}, its parameters set and {@code executeUpdate()} is kept, and its
 * {@code executeUpdate()} returns 1 (the projections never read the count). Anything else asked of a statement (a
 * query, a batch) or of the connection (metadata) first sends the kept updates, in order, then runs on the real
 * connection, so that a read sees every earlier write; what would hand out something to run later, out of that order
 * ({@code createStatement}, the other {@code prepareStatement}s, {@code prepareCall}, {@code unwrap}), is refused.
 * {@link #flush()} sends what is kept; an error in any of it is thrown there.
 */
final class DeferredWrites {

    /** Connection methods that hand out something to run statements later, out of the kept updates' order. */
    private static final java.util.Set<String> HANDS_OUT = java.util.Set.of("createStatement", "prepareStatement",
            "prepareCall", "unwrap", "nativeSQL");

    private final Connection target;
    private final Connection proxy;
    private final List<Kept> kept = new ArrayList<>();

    /** An update kept: its SQL and the parameter setters called on it, each as (method, arguments). */
    private record Kept(String sql, List<Method> setters, List<Object[]> arguments) {
        int parameters() {
            int n = 0;
            for (Object[] a : arguments) {
                n = Math.max(n, (Integer) a[0]);
            }
            return n;
        }
    }

    DeferredWrites(Connection target) {
        this.target = target;
        this.proxy = (Connection) Proxy.newProxyInstance(DeferredWrites.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The connection to hand out: its updates are kept until {@link #flush()} or a read. */
    Connection connection() {
        return proxy;
    }

    /** Sends every kept update, in order, as one statement; nothing kept remains. */
    void flush() throws SQLException {
        if (kept.isEmpty()) {
            return;
        }
        List<Kept> sending = List.copyOf(kept);
        kept.clear();
        StringBuilder sql = new StringBuilder();
        for (Kept k : sending) {
            if (!sql.isEmpty()) {
                sql.append("\n;\n");   // on lines of their own: a trailing comment cannot swallow the separator
            }
            sql.append(k.sql());
        }
        try (PreparedStatement ps = target.prepareStatement(sql.toString())) {
            int offset = 0;
            for (Kept k : sending) {
                for (int i = 0; i < k.setters().size(); i++) {
                    Object[] args = k.arguments().get(i).clone();
                    args[0] = offset + (Integer) args[0];
                    set(k.setters().get(i), ps, args);
                }
                offset += k.parameters();
            }
            ps.execute();
        }
    }

    private Object onConnection(Object self, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return new Recording((String) args[0]).proxy;
        }
        if (HANDS_OUT.contains(method.getName())) {
            // what they hand out would run ahead of updates kept after it: not for the projections
            throw new java.sql.SQLFeatureNotSupportedException(method.getName() + " on a connection whose updates are "
                    + "kept (a projection reads and writes through prepareStatement(sql) only)");
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "DeferredWrites over " + target;
            };
        }
        flush();
        return invoke(method, target, args);
    }

    private static void set(Method setter, PreparedStatement ps, Object[] args) throws SQLException {
        try {
            setter.invoke(ps, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException("could not set a parameter: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Method method, Object on, Object[] args) throws Throwable {
        try {
            return method.invoke(on, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A statement prepared on the proxy: records its parameters until it is executed as an update, or used otherwise. */
    private final class Recording {
        final String sql;
        final List<Method> setters = new ArrayList<>();
        final List<Object[]> arguments = new ArrayList<>();
        final PreparedStatement proxy;
        PreparedStatement real;

        Recording(String sql) {
            this.sql = sql;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(DeferredWrites.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this::on);
        }

        private Object on(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                return switch (name) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "kept statement " + sql;
                };
            }
            if (real == null) {
                if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                    setters.add(method);
                    arguments.add(args.clone());
                    return null;
                }
                if (name.equals("clearParameters")) {
                    setters.clear();
                    arguments.clear();
                    return null;
                }
                if (name.equals("executeUpdate") && (args == null || args.length == 0)) {
                    kept.add(new Kept(sql, List.copyOf(setters), List.copyOf(arguments)));
                    return 1;
                }
                if (name.equals("close") || name.equals("isClosed")) {
                    return name.equals("close") ? null : false;
                }
                // anything else runs on a real statement, after every update kept before it
                flush();
                real = target.prepareStatement(sql);
                for (int i = 0; i < setters.size(); i++) {
                    invoke(setters.get(i), real, arguments.get(i));
                }
            }
            flush();   // in order: whatever was kept since this statement became real goes first
            return invoke(method, real, args);
        }
    }
}
