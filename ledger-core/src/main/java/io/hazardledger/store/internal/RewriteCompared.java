package io.hazardledger.store.internal;

import io.hazardledger.integrity.Hashes;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A projection's rebuild that deletes its rows and writes them again from every entry, as {@link Projection#reset}
 * and {@link Projection#apply} do, and counts the rows that differ from those it held: before deleting, it reads every
 * row of the projection's tables, keeping each row's primary key and a SHA-256 digest of its values; after the last
 * entry it reads them again and compares. A row counts once, whether it was inserted, changed or deleted; one deleted
 * and written again the same does not count. Used by the small projections (the directory, the inspections, …), for
 * which writing only the difference is not worth its code: what they held before a replay is still reported.
 */
public final class RewriteCompared implements Projection.Rebuild {

    /** A projection's table and the columns of its primary key. */
    public record Table(String name, String... key) {
        public Table {
            if (key.length == 0) {
                throw new IllegalArgumentException("a table compared by its rows needs its primary key: " + name);
            }
        }
    }

    private final Projection projection;
    private final Connection c;
    private final Table[] tables;
    /** Per table, each row held before the replay: its key's values, and the digest of all its values. */
    private final List<Map<List<String>, ByteBuffer>> before = new ArrayList<>();

    private RewriteCompared(Projection projection, Connection c, Table[] tables) {
        this.projection = projection;
        this.c = c;
        this.tables = tables.clone();
    }

    /**
     * Reads the rows that {@code tables} hold, then resets the projection: the rebuild returned applies each entry and,
     * once finished, says how many rows differ from those read.
     */
    public static Projection.Rebuild start(Projection projection, Connection c, Table... tables) throws SQLException {
        RewriteCompared rebuild = new RewriteCompared(projection, c, tables);
        for (Table table : rebuild.tables) {
            Map<List<String>, ByteBuffer> rows = new HashMap<>();
            rebuild.read(table, (key, digest) -> rows.put(key, digest));
            rebuild.before.add(rows);
        }
        projection.reset(c);
        return rebuild;
    }

    /** Deletes every row of {@code tables}: a projection's {@link Projection#reset}. */
    public static void delete(Connection c, Table... tables) throws SQLException {
        for (Table table : tables) {
            Sql.update(c, "DELETE FROM " + table.name());
        }
    }

    @Override
    public void apply(RecordedEvent event) throws SQLException {
        projection.apply(c, event);
    }

    @Override
    public long finish() throws SQLException {
        long changed = 0;
        for (int t = 0; t < tables.length; t++) {
            Map<List<String>, ByteBuffer> held = before.get(t);
            long[] differ = {0};
            read(tables[t], (key, digest) -> {
                ByteBuffer was = held.remove(key);
                if (was == null || !was.equals(digest)) {
                    differ[0]++;   // inserted, or changed
                }
            });
            changed += differ[0] + held.size();   // and those left were deleted
            held.clear();
        }
        return changed;
    }

    private interface RowSink {
        void row(List<String> key, ByteBuffer digest);
    }

    private void read(Table table, RowSink sink) throws SQLException {
        MessageDigest sha256 = Hashes.newSha256();
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table.name());
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            int[] keyColumns = new int[table.key().length];
            for (int k = 0; k < keyColumns.length; k++) {
                keyColumns[k] = column(meta, table, table.key()[k]);
            }
            while (rs.next()) {
                String[] key = new String[keyColumns.length];
                for (int k = 0; k < keyColumns.length; k++) {
                    key[k] = rs.getString(keyColumns[k]);
                }
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    if (value == null) {
                        sha256.update((byte) 0);
                    } else {
                        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                        sha256.update((byte) 1);
                        sha256.update(length.putInt(0, utf8.length).array());
                        sha256.update(utf8);
                    }
                }
                sink.row(Arrays.asList(key), ByteBuffer.wrap(sha256.digest()));
            }
        }
    }

    private static int column(ResultSetMetaData meta, Table table, String name) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalStateException(table.name() + " has no column " + name);
    }
}
