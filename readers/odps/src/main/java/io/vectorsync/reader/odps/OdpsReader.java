package io.vectorsync.reader.odps;

import io.vectorsync.api.reader.SplitCodec;
import com.aliyun.odps.Column;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.TableTunnel;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a MaxCompute table through the table tunnel: one download session per partition, cut into record
 * ranges that the job's streams download in parallel.
 */
final class OdpsReader implements Reader {
    private static final Logger LOG = LoggerFactory.getLogger(OdpsReader.class);
    private static final Set<String> AUTH = Set.of("InvalidSignature", "AccessDenied", "Unauthorized", "NoPermission",
            "InvalidAccessKeyId", "SignatureNotMatch", "NoSuchAccessKey");

    /** An open download session and the partition it reads. */
    record Session(TableTunnel.DownloadSession session, PartitionSpec partition, String label) {
    }

    private final PluginConfig config;
    private final PluginContext context;
    private final String project;
    private final String table;
    private final boolean star;
    private List<OdpsColumn> columns;
    private Schema schema;
    private Odps odps;
    private TableTunnel tunnel;
    private List<Session> sessions;
    /** Sessions of decoded splits planned elsewhere, re-opened by id. */
    private final java.util.Map<String, Session> reopened = new java.util.HashMap<>();

    OdpsReader(PluginConfig config, PluginContext context) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.context = Objects.requireNonNull(context, "context is null");
        if (config.get(OdpsOptions.ENABLE_WHERE)) {
            throw PluginException.config("enableWhere", "filtering with \"where\" is not supported: the MaxCompute "
                    + "table tunnel downloads whole partitions and cannot evaluate SQL. Set enableWhere to false and "
                    + "select data with \"partition\", or materialize the filtered rows into a table (or partition) "
                    + "with a SQL node first and read that");
        }
        this.project = config.get(OdpsOptions.PROJECT);
        this.table = config.get(OdpsOptions.TABLE);
        this.star = OdpsColumn.isStar(config.get(OdpsOptions.COLUMN));
        if (!star) {
            this.columns = OdpsColumn.parse(config.get(OdpsOptions.COLUMN));
            this.schema = schemaOf(columns);
        }
    }

    private static Schema schemaOf(List<OdpsColumn> cols) {
        List<Field> fields = new ArrayList<>();
        for (OdpsColumn c : cols) {
            fields.add(Field.of(c.name(), c.type()));
        }
        return Schema.of(fields);
    }

    /** The schema; with {@code column: ["*"]} this opens the download sessions to learn the table's columns. */
    @Override
    public synchronized Schema schema() {
        if (schema == null) {
            List<Session> s = sessions();
            if (s.isEmpty()) {
                throw new PluginException(OdpsErrorCode.PARTITION_NOT_FOUND, "step \"" + context.stepName()
                        + "\": column [\"*\"] needs the table's columns but no partition of " + project + "." + table
                        + " matches \"partition\"; list the columns explicitly");
            }
            List<OdpsColumn> cols = new ArrayList<>();
            for (Column c : s.get(0).session().getSchema().getColumns()) {
                cols.add(new OdpsColumn(c.getName(), c.getName().toLowerCase(java.util.Locale.ROOT),
                        OdpsValues.typeOf(c.getTypeInfo().getOdpsType()), null));
            }
            columns = List.copyOf(cols);
            schema = schemaOf(columns);
        }
        return schema;
    }

    @Override
    public void check() {
        sessions();
    }

    private synchronized TableTunnel tunnel() {
        if (tunnel == null) {
            odps = new Odps(new AliyunAccount(config.get(OdpsOptions.ACCESS_ID),
                    config.get(OdpsOptions.ACCESS_KEY).reveal()));
            odps.setEndpoint(config.get(OdpsOptions.ENDPOINT));
            odps.setDefaultProject(project);
            tunnel = new TableTunnel(odps);
            config.getIfSet(OdpsOptions.TUNNEL_ENDPOINT).filter(s -> !s.isBlank()).ifPresent(tunnel::setEndpoint);
            String quota = config.get(OdpsOptions.TUNNEL_QUOTA);
            if (quota != null && !quota.isBlank() && !quota.equalsIgnoreCase("default")) {
                tunnel.getConfig().setQuotaName(quota);
            }
        }
        return tunnel;
    }

    synchronized List<Session> sessions() {
        if (sessions != null) {
            return sessions;
        }
        TableTunnel t = tunnel();
        List<String> patterns = config.get(OdpsOptions.PARTITION);
        boolean successOnNone = config.get(OdpsOptions.SUCCESS_ON_NO_PARTITION);
        List<PartitionSpec> partitions = new ArrayList<>();
        if (patterns == null || patterns.isEmpty()) {
            partitions.add(null);
        } else if (OdpsPartitions.hasWildcard(patterns)) {
            List<PartitionSpec> existing;
            try {
                existing = odps.tables().get(project, table).getPartitionSpecs();
            } catch (OdpsException | RuntimeException e) {
                throw translate(e, "listing the partitions of");
            }
            partitions.addAll(OdpsPartitions.match(patterns, existing));
        } else {
            for (String p : patterns) {
                partitions.add(new PartitionSpec(p));
            }
        }
        List<Session> out = new ArrayList<>();
        for (PartitionSpec p : partitions) {
            String label = p == null ? "" : OdpsPartitions.normalize(p.toString());
            try {
                TableTunnel.DownloadSessionBuilder b = t.buildDownloadSession(project, table);
                config.getIfSet(OdpsOptions.SCHEMA).ifPresent(b::setSchemaName);
                if (p != null) {
                    b.setPartitionSpec(p);
                }
                out.add(new Session(b.build(), p, label));
            } catch (OdpsException | RuntimeException e) {
                String code = e instanceof OdpsException oe ? String.valueOf(oe.getErrorCode()) : "";
                if (code.equals("NoSuchPartition") && successOnNone) {
                    LOG.info("step \"{}\": partition {} of {}.{} does not exist; skipped (successOnNoPartition)",
                            context.stepName(), label, project, table);
                    continue;
                }
                throw translate(e, "opening a download session for " + (p == null ? "" : "partition " + label + " of"));
            }
        }
        if (out.isEmpty() && !successOnNone) {
            throw new PluginException(OdpsErrorCode.PARTITION_NOT_FOUND, "step \"" + context.stepName()
                    + "\": no partition of " + project + "." + table + " matches \"partition\" " + patterns
                    + "; fix \"partition\", or set successOnNoPartition to true to read nothing and succeed");
        }
        sessions = out;
        return out;
    }

    PluginException translate(Exception e, String action) {
        String code = e instanceof OdpsException oe && oe.getErrorCode() != null ? oe.getErrorCode() : "";
        String what = "step \"" + context.stepName() + "\": " + action + " table " + project + "." + table
                + " failed: " + e.getMessage();
        if (code.equals("NoSuchPartition")) {
            return new PluginException(OdpsErrorCode.PARTITION_NOT_FOUND, what + "; fix \"partition\", or set "
                    + "successOnNoPartition to true to read nothing and succeed", e);
        }
        if (code.equals("NoSuchTable") || code.equals("NoSuchObject") || code.equals("TableNotFound")) {
            return new PluginException(OdpsErrorCode.TABLE_NOT_FOUND, what + "; check \"table\" and \"project\"", e);
        }
        if (code.equals("MissingPartitionSpec") || code.equals("InvalidPartitionSpec")) {
            return new PluginException(CommonErrorCode.CONFIG_INVALID, what + "; the table is partitioned: set "
                    + "\"partition\" to the partitions to read, e.g. [\"pt=*\"]", e);
        }
        if (AUTH.contains(code)) {
            return new PluginException(OdpsErrorCode.ACCESS_DENIED, what + "; check \"accessId\"/\"accessKey\" and "
                    + "the Download permission on the table", e);
        }
        boolean transientError = e instanceof OdpsException oe && oe.getStatus() != null && oe.getStatus() >= 500;
        return new PluginException(transientError || code.isEmpty() ? OdpsErrorCode.TRANSIENT
                : OdpsErrorCode.REQUEST_FAILED, what, e);
    }

    /**
     * Version 2: table, session id, partition and record range, so a split re-opens its download session in another
     * reader or process. The identity leaves the session id out (each plan opens new sessions): two plans are
     * the same input when they cut the same partitions into the same record ranges.
     */
    @Override
    public SplitCodec splitCodec() {
        SplitCodec codec = SplitCodec.of(2, OdpsSplit.class, (s, out) -> {
            out.writeUTF(s.table());
            out.writeUTF(s.sessionId());
            out.writeUTF(s.partition());
            out.writeLong(s.start());
            out.writeLong(s.count());
        }, in -> new OdpsSplit(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong()));
        return new SplitCodec() {
            @Override
            public int version() {
                return codec.version();
            }

            @Override
            public byte[] encode(Split split) throws java.io.IOException {
                return codec.encode(split);
            }

            @Override
            public Split decode(int version, byte[] bytes) throws java.io.IOException {
                return codec.decode(version, bytes);
            }

            @Override
            public byte[] identity(Split split) throws java.io.IOException {
                OdpsSplit s = (OdpsSplit) split;
                return codec.encode(new OdpsSplit(s.table(), "", s.partition(), s.start(), s.count()));
            }
        };
    }

    @Override
    public List<? extends Split> planSplits(int suggestedParallelism) {
        schema();
        List<Session> s = sessions();
        long total = 0;
        for (Session x : s) {
            total += x.session().getRecordCount();
        }
        int parallelism = Math.max(1, suggestedParallelism);
        long per = config.get(OdpsOptions.SPLIT_MODE).equalsIgnoreCase("partition") ? Long.MAX_VALUE
                : Math.min(config.get(OdpsOptions.SPLIT_RECORDS), Math.max(1, (total + parallelism - 1) / parallelism));
        List<OdpsSplit> splits = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            long count = s.get(i).session().getRecordCount();
            for (long start = 0; start < count; start += per) {
                splits.add(new OdpsSplit(table(), s.get(i).session().getId(), s.get(i).label(), start,
                        Math.min(per, count - start)));
            }
        }
        return splits;
    }

    @Override
    public SplitReader open(Split split) {
        OdpsSplit s = (OdpsSplit) split;
        if (!s.table().equals(table())) {
            throw new PluginException(CommonErrorCode.CONFIG_INVALID, "step \"" + context.stepName() + "\": split "
                    + s.id() + " was planned on table " + s.table() + ", this step reads " + table()
                    + "; run the job again without resuming");
        }
        Schema planned = schema();
        Session session = session(s);
        return new OdpsSplitReader(this, session, s, bind(session), planned, context);
    }

    /** The split's session: one this reader planned, else the planner's session re-opened by its id. */
    private synchronized Session session(OdpsSplit s) {
        if (sessions != null) {
            for (Session x : sessions) {
                if (x.session().getId().equals(s.sessionId())) {
                    return x;
                }
            }
        }
        Session known = reopened.get(s.sessionId());
        if (known != null) {
            return known;
        }
        PartitionSpec p = s.partition().isEmpty() ? null : new PartitionSpec(s.partition());
        try {
            TableTunnel.DownloadSessionBuilder b = tunnel().buildDownloadSession(project, table)
                    .setDownloadId(s.sessionId());
            config.getIfSet(OdpsOptions.SCHEMA).ifPresent(b::setSchemaName);
            if (p != null) {
                b.setPartitionSpec(p);
            }
            Session opened = new Session(b.build(), p, s.partition());
            reopened.put(s.sessionId(), opened);
            return opened;
        } catch (OdpsException | RuntimeException e) {
            PluginException translated = translate(e, "re-opening download session " + s.sessionId() + " ("
                    + s.id() + ") of");
            throw new PluginException(translated.errorCode(), translated.getMessage() + "; download sessions expire"
                    + " after 24 hours: if it did, run the job again without resuming", e);
        }
    }

    /** Where each output field comes from in one session: the read column list, a partition value, a constant. */
    private OdpsSplitReader.Binding bind(Session session) {
        TableSchema ts = session.session().getSchema();
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
                throw new PluginException(CommonErrorCode.COLUMN_NOT_FOUND, "step \"" + context.stepName()
                        + "\": column[" + i + "] \"" + c.name() + "\" is not a column of " + project + "." + table
                        + "; columns: " + names + (session.partition() == null ? ""
                        : ", partition keys: " + session.partition().keys()));
            }
        }
        return new OdpsSplitReader.Binding(read, positions, fixed, columns);
    }

    String table() {
        return project + "." + table;
    }

    @Override
    public void close() {
        // the SDK's clients hold no resources that need closing
    }
}
