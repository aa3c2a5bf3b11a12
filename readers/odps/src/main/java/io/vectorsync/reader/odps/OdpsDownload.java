package io.vectorsync.reader.odps;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.tunnel.InstanceTunnel;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.aliyun.odps.tunnel.io.TunnelRecordReader;
import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A download session a split reads its record range from: a table tunnel session (a table or one partition) or
 * an instance tunnel session (the result of the SQL instance that evaluates {@code where}).
 */
interface OdpsDownload {
    /** The download session's id. */
    String id();

    /** The SQL instance whose result this session downloads, or "" for a table session. */
    String instanceId();

    /** The columns of the downloaded records. */
    TableSchema schema();

    /** How many records the session holds. */
    long recordCount();

    /** Downloads {@code count} records from {@code start}, only {@code columns}. */
    TunnelRecordReader open(long start, long count, CompressOption compress, List<Column> columns)
            throws TunnelException, IOException;

    /** A table tunnel session. */
    static OdpsDownload of(TableTunnel.DownloadSession s) {
        return new SdkSession(s.getId(), "", s::getSchema, s::getRecordCount, s::openRecordReader);
    }

    /** An instance tunnel session over a SQL instance's result. */
    static OdpsDownload of(InstanceTunnel.DownloadSession s) {
        return new SdkSession(s.getId(), s.getInstanceID(), s::getSchema, s::getRecordCount, s::openRecordReader);
    }

    /** How a session opens a record range (the SDK's two session classes share the call, not a type). */
    @FunctionalInterface
    interface Opener {
        TunnelRecordReader open(long start, long count, CompressOption compress, List<Column> columns)
                throws TunnelException, IOException;
    }

    /** Either SDK session, seen through the calls a split reader makes. */
    record SdkSession(String id, String instanceId, Supplier<TableSchema> schemaOf, LongSupplier records,
                      Opener opener) implements OdpsDownload {
        @Override
        public TableSchema schema() {
            return schemaOf.get();
        }

        @Override
        public long recordCount() {
            return records.getAsLong();
        }

        @Override
        public TunnelRecordReader open(long start, long count, CompressOption compress, List<Column> columns)
                throws TunnelException, IOException {
            return opener.open(start, count, compress, columns);
        }
    }
}
