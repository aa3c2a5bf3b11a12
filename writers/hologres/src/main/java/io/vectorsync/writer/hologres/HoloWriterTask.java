package io.vectorsync.writer.hologres;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.writer.BufferedWriterTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one stream's records. Values are converted per column first (a value that does not fit makes its
 * record dirty). Each batch is one statement in autocommit mode, so a refused statement wrote nothing: binary
 * COPY when the plan allows it (a refused COPY falls back to INSERT for that batch), else a multi-row
 * {@code INSERT … ON CONFLICT}. A refused INSERT whose cause is data (SQLSTATE classes 21, 22, 23) is bisected
 * until the refused records are alone; each becomes one dirty record while its batch-mates land.
 */
final class HoloWriterTask extends BufferedWriterTask<Object[]> {
    private static final Logger LOG = LoggerFactory.getLogger(HoloWriterTask.class);

    /** Opens connections (again after a connection failure). */
    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private final ConnectionFactory factory;
    private final PluginContext context;
    private final HoloPlan plan;
    private final int batchSize;
    private final int maxRetries;
    private final long retryIntervalMs;
    private final int[] keys;
    private final HoloCopyEncoder encoder;
    private final io.vectorsync.api.Metrics.Counter written;
    private Connection connection;
    private PreparedStatement fullInsert;
    private boolean copy;

    HoloWriterTask(ConnectionFactory factory, PluginContext context, HoloPlan plan, int batchSize, int maxRetries,
                   long retryIntervalMs) throws SQLException {
        super(batchSize);
        this.factory = factory;
        this.context = context;
        this.plan = plan;
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
        this.retryIntervalMs = retryIntervalMs;
        this.keys = plan.keyPositions();
        this.copy = plan.copy();
        this.encoder = new HoloCopyEncoder(plan.columns());
        this.written = context.metrics().counter("rowsWritten");
        this.connection = factory.open();
    }

    @Override
    public void close() throws Exception {
        super.close();
        closeConnection();
    }

    @Override
    protected Object[] convert(Row r) {
        Object[] out = new Object[plan.columns().size()];
        for (int i = 0; i < out.length; i++) {
            int src = plan.sources()[i];
            if (src < 0) {
                out[i] = plan.constant();
                continue;
            }
            HoloColumn c = plan.columns().get(i);
            try {
                out[i] = HoloValues.normalize(r.get(src), c);
            } catch (RuntimeException e) {
                dirty(r, "column \"" + c.name() + "\" (" + c.sqlType() + "): " + e.getMessage());
                return null;
            }
        }
        return out;
    }

    private void dirty(Row r, String message) {
        context.dirtyRecords().report(r, HoloErrorCode.RECORD_REJECTED, "table " + plan.table() + ": " + message);
    }

    /**
     * Writes one batch. Each statement commits on its own (autocommit): after an abort, which drops the buffered
     * rows unsent, the batches already written stay.
     */
    @Override
    protected void send(List<Object[]> batchRows, List<Row> batchSources) throws Exception {
        if (copy) {
            try {
                retrying(() -> copyIn(batchRows));
                written.add(batchRows.size());
                return;
            } catch (SQLException e) {
                if (!HoloSqlErrors.isDataError(e)) {
                    throw statementFailed("COPY", e);
                }
                if ("23505".equals(e.getSQLState())) {
                    LOG.info("step {}: COPY hit a duplicate key, switching to INSERT … ON CONFLICT", context.stepName());
                    copy = false;
                }
            }
        }
        insertDeduplicated(batchRows, batchSources);
    }

    /** With a primary key, a statement must not touch a key twice: keep the row the mode says wins. */
    private void insertDeduplicated(List<Object[]> batchRows, List<Row> batchSources) throws Exception {
        if (keys.length == 0) {
            insertIsolating(batchRows, batchSources, 0, batchRows.size());
            return;
        }
        Map<List<Object>, Integer> byKey = new LinkedHashMap<>();
        for (int i = 0; i < batchRows.size(); i++) {
            Object[] row = batchRows.get(i);
            List<Object> key = new ArrayList<>(keys.length);
            for (int k : keys) {
                key.add(row[k] instanceof byte[] b ? Arrays.toString(b) : row[k]);
            }
            if (plan.mode() == HoloConflictMode.IGNORE) {
                byKey.putIfAbsent(key, i);
            } else {
                byKey.remove(key);
                byKey.put(key, i);
            }
        }
        if (byKey.size() == batchRows.size()) {
            insertIsolating(batchRows, batchSources, 0, batchRows.size());
            return;
        }
        written.add(batchRows.size() - byKey.size()); // superseded within the batch (applied, then overwritten)
        List<Object[]> r = new ArrayList<>(byKey.size());
        List<Row> s = new ArrayList<>(byKey.size());
        for (int i : byKey.values()) {
            r.add(batchRows.get(i));
            s.add(batchSources.get(i));
        }
        insertIsolating(r, s, 0, r.size());
    }

    private void insertIsolating(List<Object[]> batchRows, List<Row> batchSources, int from, int to) throws Exception {
        if (from >= to) {
            return;
        }
        try {
            retrying(() -> insert(batchRows, from, to));
            written.add(to - from);
        } catch (SQLException e) {
            if (!HoloSqlErrors.isDataError(e)) {
                throw statementFailed("INSERT", e);
            }
            if (to - from == 1) {
                dirty(batchSources.get(from), HoloSqlErrors.describe(e));
                return;
            }
            int mid = (from + to) >>> 1;
            insertIsolating(batchRows, batchSources, from, mid);
            insertIsolating(batchRows, batchSources, mid, to);
        }
    }

    private PluginException statementFailed(String what, SQLException e) {
        return new PluginException(HoloErrorCode.STATEMENT_FAILED, "step \"" + context.stepName() + "\": " + what
                + " into " + plan.table() + " failed: " + HoloSqlErrors.describe(e), e);
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Runs {@code action}; connection-level and transient failures are retried on a new connection. */
    private void retrying(SqlAction action) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                if (connection == null) {
                    connection = factory.open();
                }
                action.run();
                return;
            } catch (SQLException e) {
                if (!HoloSqlErrors.isTransient(e)) {
                    throw e;
                }
                closeConnection();
                if (attempt >= maxRetries || context.stopRequested()) {
                    throw new PluginException(HoloErrorCode.TRANSIENT_FAILURE, "step \"" + context.stepName()
                            + "\": writing to " + plan.table() + " failed after " + (attempt + 1) + " attempts: "
                            + HoloSqlErrors.describe(e), e);
                }
                context.metrics().counter(io.vectorsync.api.Metrics.RETRIES).increment();
                pause(Math.min(30_000L, retryIntervalMs << Math.min(attempt, 10)));
            }
        }
    }

    /**
     * Sleeps {@code ms}, waking every 50 ms to check the stop signal; throws InterruptedException when the job is
     * stopping or the thread is interrupted.
     */
    private void pause(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        for (long left = ms; left > 0; left = (end - System.nanoTime()) / 1_000_000L) {
            if (context.stopRequested()) {
                throw new InterruptedException("the job is stopping");
            }
            Thread.sleep(Math.min(left, 50));
        }
    }

    private void copyIn(List<Object[]> batchRows) throws SQLException {
        encoder.reset();
        for (Object[] row : batchRows) {
            encoder.row(row);
        }
        int len = encoder.finish();
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(plan.copySql());
        try {
            in.writeToCopy(encoder.bytes(), 0, len);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void insert(List<Object[]> batchRows, int from, int to) throws SQLException {
        int n = to - from;
        PreparedStatement ps;
        boolean full = n == batchSize;
        if (full) {
            if (fullInsert == null) {
                fullInsert = connection.prepareStatement(plan.insertSql(n));
            }
            ps = fullInsert;
        } else {
            ps = connection.prepareStatement(plan.insertSql(n));
        }
        try {
            int p = 1;
            for (int r = from; r < to; r++) {
                Object[] row = batchRows.get(r);
                for (int i = 0; i < row.length; i++) {
                    bind(ps, p++, row[i], plan.columns().get(i));
                }
            }
            ps.executeUpdate();
        } finally {
            if (!full) {
                ps.close();
            }
        }
    }

    private void bind(PreparedStatement ps, int i, Object v, HoloColumn c) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.OTHER);
        } else if (v instanceof Instant t) {
            if (c.typeName().equals("timestamptz")) {
                ps.setObject(i, t.atOffset(ZoneOffset.UTC));
            } else {
                ps.setObject(i, t.atOffset(ZoneOffset.UTC).toLocalDateTime());
            }
        } else if (v instanceof LocalDate d) {
            ps.setObject(i, d);
        } else if (v instanceof float[] f) {
            ps.setObject(i, f);
        } else if (v instanceof List<?> list) {
            ps.setArray(i, connection.createArrayOf(c.typeName().substring(1), list.toArray()));
        } else if (v instanceof Double d && c.typeName().equals("float4")) {
            ps.setFloat(i, d.floatValue());
        } else {
            ps.setObject(i, v);
        }
    }

    private void closeConnection() {
        try {
            if (fullInsert != null) {
                fullInsert.close();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing connection failed", e);
        }
        fullInsert = null;
        connection = null;
    }
}
