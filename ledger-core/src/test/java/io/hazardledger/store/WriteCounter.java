package io.hazardledger.store;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Counts the rows that statements prepared through a data source insert, update or delete in the tables named: a
 * ledger built over {@link #over} reports every write it makes to them, as the database reported each statement's
 * (or each batch element's) count.
 */
public final class WriteCounter {

    private final Pattern writes;
    private final AtomicLong rows = new AtomicLong();

    public WriteCounter(String... tables) {
        this.writes = Pattern.compile("^\\s*(insert\\s+into|update|delete\\s+from)\\s+("
                + String.join("|", tables) + ")\\b");
    }

    /** The rows written to the tables since the last call. */
    public long rows() {
        return rows.getAndSet(0);
    }

    public DataSource over(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = method.invoke(target, args);
            if (method.getName().equals("prepareStatement") && writes((String) args[0])) {
                return prepared((PreparedStatement) result);
            }
            if (method.getName().equals("createStatement")) {
                return statement((Statement) result);
            }
            return result;
        });
    }

    private boolean writes(String sql) {
        return writes.matcher(sql.toLowerCase(Locale.ROOT)).find();
    }

    /** A statement prepared for a write to the tables: every execution counts. */
    private PreparedStatement prepared(PreparedStatement statement) {
        return proxy(PreparedStatement.class, statement, (target, method, args) -> {
            Object result = method.invoke(target, args);
            count(target, method.getName(), result);
            return result;
        });
    }

    /** A plain statement: the executions of writes to the tables count. */
    private Statement statement(Statement statement) {
        return proxy(Statement.class, statement, (target, method, args) -> {
            Object result = method.invoke(target, args);
            if (args != null && args.length > 0 && args[0] instanceof String sql && writes(sql)) {
                count(target, method.getName(), result);
            }
            return result;
        });
    }

    private void count(Statement target, String method, Object result) throws java.sql.SQLException {
        switch (method) {
            case "executeUpdate", "executeLargeUpdate" -> rows.addAndGet(((Number) result).longValue());
            case "execute" -> rows.addAndGet(Math.max(0, target.getUpdateCount()));
            case "executeBatch" -> {
                for (int n : (int[]) result) {
                    rows.addAndGet(n == Statement.SUCCESS_NO_INFO ? 1 : n);
                }
            }
            default -> {
            }
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        Object invoke(T target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call<T> call) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return call.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(WriteCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
