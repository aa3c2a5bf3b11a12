package io.vectorsync.reader.odps;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.tunnel.TunnelException;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.aliyun.odps.tunnel.io.TunnelRecordReader;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.io.IOException;
import io.vectorsync.api.error.PluginException;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads one record range. A broken download is resumed from the next unread record, up to three times
 * with a growing pause; a value that does not convert to its column's type is a dirty record.
 */
final class OdpsSplitReader implements SplitReader {
    private static final int BATCH = 512;
    private static final int MAX_RESUMES = 3;

    /** Where each output field comes from. */
    record Binding(List<Column> read, int[] positions, Object[] fixed, List<OdpsColumn> columns) {
    }

    /** Where each output field comes from in one session: the read column list, a partition value, a constant. */
    static Binding bind(String step, String project, String table, List<OdpsColumn> columns,
                        OdpsReader.Session session) {
        TableSchema ts = session.download().schema();
        List<Column> read = new ArrayList<>();
        int[] positions = new int[columns.size()];
        Object[] fixed = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            OdpsColumn c = columns.get(i);
            positions[i] = -1;
            if (c.source() == null) {
                fixed[i] = c.constant();
            } else if (ts.containsColumn(c.source())) {
                Column col = ts.getColumn(c.source());
                int at = read.indexOf(col);
                if (at < 0) {
                    read.add(col);
                    at = read.size() - 1;
                }
                positions[i] = at;
            } else if (session.partition() != null && session.partition().get(c.source()) != null) {
                fixed[i] = OdpsValues.convert(session.partition().get(c.source()), c.type());
            } else {
                List<String> names = new ArrayList<>();
                ts.getColumns().forEach(x -> names.add(x.getName()));
                throw new PluginException(CommonErrorCode.COLUMN_NOT_FOUND, "step \"" + step
                        + "\": column[" + i + "] \"" + c.name() + "\" is not a column of " + project + "." + table
                        + "; columns: " + names + (session.partition() == null ? ""
                        : ", partition keys: " + session.partition().keys()));
            }
        }
        return new Binding(read, positions, fixed, columns);
    }

    private final OdpsReader reader;
    private final OdpsReader.Session session;
    private final OdpsSplit split;
    private final Binding binding;
    private final OdpsType[] types;
    private final Schema schema;
    private final PluginContext context;
    private final Metrics.Counter retries;
    private TunnelRecordReader records;
    private long done;
    private int resumes;

    OdpsSplitReader(OdpsReader reader, OdpsReader.Session session, OdpsSplit split, Binding binding, Schema schema,
                    PluginContext context) {
        this.reader = reader;
        this.session = session;
        this.split = split;
        this.binding = binding;
        this.schema = schema;
        this.context = context;
        this.retries = context.metrics().counter(Metrics.RETRIES);
        this.types = new OdpsType[binding.read().size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = binding.read().get(i).getTypeInfo().getOdpsType();
        }
    }

    @Override
    public PollStatus poll(RecordOutput output) throws Exception {
        for (int n = 0; n < BATCH; n++) {
            if (done >= split.count() || context.stopRequested()) {
                return PollStatus.END;
            }
            com.aliyun.odps.data.Record r = next();
            if (r == null) {
                throw reader.translate(new IOException("the tunnel ended the download after " + done + " of "
                        + split.count() + " records"), "reading " + split.id() + " of");
            }
            done++;
            emit(r, output);
        }
        return done >= split.count() ? PollStatus.END : PollStatus.MORE;
    }

    private com.aliyun.odps.data.Record next() {
        while (true) {
            try {
                if (records == null) {
                    records = session.download().open(split.start() + done, split.count() - done,
                            new CompressOption(), binding.read());
                }
                return records.read();
            } catch (IOException | TunnelException | RuntimeException e) {
                closeQuietly();
                if (reader.exclusiveQuota() && OdpsQuota.unavailable(e)) {
                    // the exclusive quota lapsed mid-job: go on on the shared quota (not counted as a retry)
                    reader.fallBackToSharedQuota(e);
                    continue;
                }
                boolean auth = e instanceof TunnelException te && te.getStatus() != null
                        && (te.getStatus() == 401 || te.getStatus() == 403);
                if (resumes >= MAX_RESUMES || auth) {
                    throw reader.translate(e, "reading " + split.id() + " (after " + resumes + " retries) of");
                }
                resumes++;
                retries.increment();
                pause(200L << (resumes - 1));
            }
        }
    }

    /** Waits before retrying; gives up at once when the job stops or the thread is interrupted. */
    private void pause(long millis) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                if (context.stopRequested()) {
                    throw cancelled("the job is stopping");
                }
                Thread.sleep(Math.max(1, Math.min(50, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled("interrupted");
        }
    }

    private io.vectorsync.api.error.PluginException cancelled(String why) {
        return new io.vectorsync.api.error.PluginException(CommonErrorCode.CANCELLED, "step \"" + context.stepName()
                + "\": " + why + " while waiting to retry " + split.id() + " of " + reader.table() + " after "
                + done + " records");
    }

    private void emit(com.aliyun.odps.data.Record r, RecordOutput output) {
        Object[] values = new Object[binding.columns().size()];
        for (int i = 0; i < values.length; i++) {
            int p = binding.positions()[i];
            if (p < 0) {
                values[i] = binding.fixed()[i];
                continue;
            }
            OdpsColumn c = binding.columns().get(i);
            Object natural = null;
            try {
                natural = OdpsValues.natural(r, p, types[p]);
                values[i] = OdpsValues.convert(natural, c.type());
            } catch (RuntimeException e) {
                context.dirtyRecords().reportRaw("column " + c.source() + " = " + OdpsValues.display(natural),
                        CommonErrorCode.CONVERSION_FAILED, "table " + reader.table() + " " + split.id() + " record "
                                + (split.start() + done - 1) + ": column[" + i + "] \"" + c.name() + "\" cannot be read as "
                                + c.type() + ": " + e.getMessage());
                return;
            }
        }
        output.emit(Row.wrap(schema, values));
    }

    private void closeQuietly() {
        if (records != null) {
            try {
                records.close();
            } catch (IOException | RuntimeException ignored) {
                // dropping a broken download
            }
            records = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
