package io.vectorsync.transformer.embedding;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared tier ({@code persistentCache.url}): vectors in a PostgreSQL table that several machines use at once,
 * {@code vectorsync_embedding_cache(key bytea primary key, value bytea, last_used timestamptz)}, created if missing.
 * Same keys (SHA-256) and value bytes (with CRC32C) as {@link LmdbVectorStore}, so a corrupt row is never
 * returned. Upserts make concurrent writers safe. The table is not bounded here: prune it by {@code last_used}
 * on the server. A failing server logs a warning and the run embeds instead. One connection, used by one
 * caller at a time.
 */
final class PostgresVectorStore implements PersistentCache {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresVectorStore.class);
    static final String TABLE = "vectorsync_embedding_cache";

    private final LmdbVectorStore.Keys keys;
    private final int dimension;
    private final String url;
    private final Properties credentials = new Properties();
    private Connection connection;

    PostgresVectorStore(PersistentCacheSettings settings, String provider, String modelKey, int dimension) {
        this.keys = new LmdbVectorStore.Keys(provider, modelKey, dimension);
        this.dimension = dimension;
        this.url = settings.url();
        if (settings.user() != null) {
            credentials.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            credentials.setProperty("password", settings.password());
        }
        try {
            connection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the shared embedding cache at " + url + ": " + e.getMessage(), e);
        }
    }

    private synchronized Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, credentials);
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (key bytea PRIMARY KEY, value bytea NOT NULL, "
                        + "last_used timestamptz NOT NULL DEFAULT now())");
            } catch (SQLException e) {
                // two machines creating the table at once: one wins, the other sees it next time
                if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return connection;
    }

    @Override
    public synchronized Map<String, float[]> getAll(List<String> texts) {
        Map<ByteBuffer, String> byKey = new HashMap<>();
        byte[][] array = new byte[texts.size()][];
        for (int i = 0; i < array.length; i++) {
            array[i] = keys.of(texts.get(i));
            byKey.put(ByteBuffer.wrap(array[i]), texts.get(i));
        }
        Map<String, float[]> found = new HashMap<>();
        try {
            Connection c = connection();
            Array keyArray = c.createArrayOf("bytea", array);
            try (PreparedStatement ps = c.prepareStatement("SELECT key, value FROM " + TABLE + " WHERE key = ANY(?)")) {
                ps.setArray(1, keyArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        float[] v = LmdbVectorStore.decode(rs.getBytes(2), dimension);
                        if (v == null) {
                            LOG.warn("shared embedding cache: an entry failed its checksum; it is re-embedded");
                            continue;
                        }
                        found.put(byKey.get(ByteBuffer.wrap(rs.getBytes(1))), v);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warn("shared embedding cache could not be read ({}); embedding instead", e.getMessage());
            closeQuietly();
        }
        return found;
    }

    @Override
    public synchronized void putAll(Map<String, float[]> vectors) {
        long now = System.currentTimeMillis();
        try {
            Connection c = connection();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (key, value) VALUES (?, ?) "
                    + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, last_used = now()")) {
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    ps.setBytes(1, keys.of(e.getKey()));
                    ps.setBytes(2, LmdbVectorStore.encode(e.getValue(), now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            LOG.warn("shared embedding cache could not be written ({}); the run goes on", e.getMessage());
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // reconnects on next use
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
