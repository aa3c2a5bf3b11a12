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
        return new OdpsDownload() {
            @Override
            public String id() {
                return s.getId();
            }

            @Override
            public String instanceId() {
                return "";
            }

            @Override
            public TableSchema schema() {
                return s.getSchema();
            }

            @Override
            public long recordCount() {
                return s.getRecordCount();
            }

            @Override
            public TunnelRecordReader open(long start, long count, CompressOption compress, List<Column> columns)
                    throws TunnelException, IOException {
                return s.openRecordReader(start, count, compress, columns);
            }
        };
    }

    /** An instance tunnel session over a SQL instance's result. */
    static OdpsDownload of(InstanceTunnel.DownloadSession s) {
        return new OdpsDownload() {
            @Override
            public String id() {
                return s.getId();
            }

            @Override
            public String instanceId() {
                return s.getInstanceID();
            }

            @Override
            public TableSchema schema() {
                return s.getSchema();
            }

            @Override
            public long recordCount() {
                return s.getRecordCount();
            }

            @Override
            public TunnelRecordReader open(long start, long count, CompressOption compress, List<Column> columns)
                    throws TunnelException, IOException {
                return s.openRecordReader(start, count, compress, columns);
            }
        };
    }
}
