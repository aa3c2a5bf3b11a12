package io.vectorsync.reader.odps;

import io.vectorsync.api.reader.SplitCodec;
import com.aliyun.odps.Column;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.Configuration;
import com.aliyun.odps.tunnel.InstanceTunnel;
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
 * ranges that the job's streams download in parallel. With {@code enableWhere} the filter runs in MaxCompute as a
 * SQL instance and its result is downloaded through the instance tunnel, cut into record ranges the same way.
 */
final class OdpsReader implements Reader {
    private static final Logger LOG = LoggerFactory.getLogger(OdpsReader.class);
    private static final Set<String> AUTH = Set.of("InvalidSignature", "AccessDenied", "Unauthorized", "NoPermission",
            "InvalidAccessKeyId", "SignatureNotMatch", "NoSuchAccessKey");

    /** An open download session and the partition it reads (null for a table without partitions or a query). */
    record Session(OdpsDownload download, PartitionSpec partition, String label) {
    }

    /** A call to MaxCompute that may be repeated on the shared quota. */
    @FunctionalInterface
    interface OdpsCall<T> {
        T run() throws OdpsException;
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
    private InstanceTunnel instanceTunnel;
    /** The exclusive tunnel quota still in use, or null (shared quota, or fallen back to it). */
    private volatile String quota;
    private List<Session> sessions;
    /** Sessions of decoded splits planned elsewhere, re-opened by id. */
    private final java.util.Map<String, Session> reopened = new java.util.HashMap<>();

    OdpsReader(PluginConfig config, PluginContext context) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.context = Objects.requireNonNull(context, "context is null");
        if (config.get(OdpsOptions.ENABLE_WHERE) && config.getIfSet(OdpsOptions.WHERE).filter(w -> !w.isBlank())
                .isEmpty()) {
            throw PluginException.config("where", "enableWhere is true but \"where\" is empty; give the SQL predicate "
                    + "that selects the rows, e.g. \"gmt_create > '2024-01-01'\", or set enableWhere to false");
        }
        this.project = config.get(OdpsOptions.PROJECT);
        this.table = config.get(OdpsOptions.TABLE);
        this.star = OdpsColumn.isStar(config.get(OdpsOptions.COLUMN));
        if (!star) {
            this.columns = OdpsColumn.parse(config.get(OdpsOptions.COLUMN), config.get(OdpsOptions.ENABLE_WHERE));
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
            for (Column c : s.get(0).download().schema().getColumns()) {
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
            instanceTunnel = new InstanceTunnel(odps);
            config.getIfSet(OdpsOptions.TUNNEL_ENDPOINT).filter(s -> !s.isBlank()).ifPresent(e -> {
                tunnel.setEndpoint(e);
                instanceTunnel.setEndpoint(e);
            });
            String q = config.get(OdpsOptions.TUNNEL_QUOTA);
            if (q != null && !q.isBlank() && !q.equalsIgnoreCase("default")) {
                quota = q.trim();
                tunnel.getConfig().setQuotaName(quota);
                ((Configuration) instanceTunnel.getConfig()).setQuotaName(quota);
            }
        }
        return tunnel;
    }

    private synchronized InstanceTunnel instanceTunnel() {
        tunnel();
        return instanceTunnel;
    }

    /**
     * Runs {@code call}; when it fails because the exclusive {@code tunnelQuota} is unavailable (overdue payment,
     * expired, released), switches to the shared quota with a warning and runs it again, as DataWorks does.
     */
    <T> T onAvailableQuota(OdpsCall<T> call) throws OdpsException {
        try {
            return call.run();
        } catch (OdpsException | RuntimeException e) {
            if (quota == null || !OdpsQuota.unavailable(e)) {
                throw e;
            }
            fallBackToSharedQuota(e);
            return call.run();
        }
    }

    /** Stops using the exclusive quota for every later request of this reader. */
    synchronized void fallBackToSharedQuota(Throwable why) {
        if (quota == null) {
            return;
        }
        LOG.warn("step \"{}\": exclusive tunnel quota \"{}\" is unavailable ({}); reading {}.{} on the shared "
                + "(public) tunnel quota instead", context.stepName(), quota, OdpsQuota.describe(why), project, table);
        quota = null;
        tunnel.getConfig().setQuotaName(null);
        ((Configuration) instanceTunnel.getConfig()).setQuotaName(null);
    }

    /** Whether an exclusive quota is still in use. */
    boolean exclusiveQuota() {
        return quota != null;
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
        if (config.get(OdpsOptions.ENABLE_WHERE)) {
            sessions = partitions.isEmpty() ? List.of() : List.of(query(partitions));
            if (sessions.isEmpty() && !successOnNone) {
                throw new PluginException(OdpsErrorCode.PARTITION_NOT_FOUND, "step \"" + context.stepName()
                        + "\": no partition of " + project + "." + table + " matches \"partition\" " + patterns
                        + "; fix \"partition\", or set successOnNoPartition to true to read nothing and succeed");
            }
            return sessions;
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
                out.add(new Session(OdpsDownload.of(onAvailableQuota(b::build)), p, label));
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

    /** Runs the where query and opens an instance tunnel session over its result. */
    private Session query(List<PartitionSpec> partitions) {
        List<PartitionSpec> filter = partitions.size() == 1 && partitions.get(0) == null ? List.of() : partitions;
        List<String> selected = null;
        if (!star) {
            selected = new ArrayList<>();
            for (OdpsColumn c : columns) {
                if (c.source() != null && !selected.contains(c.selectItem())) {
                    selected.add(c.selectItem());
                }
            }
        }
        String sql = OdpsWhereQuery.sql(project, config.get(OdpsOptions.SCHEMA), table, selected, filter,
                config.get(OdpsOptions.WHERE));
        com.aliyun.odps.Instance instance = new OdpsWhereQuery(context, table()).run(odps, project, sql);
        try {
            InstanceTunnel.DownloadSession s = onAvailableQuota(
                    () -> instanceTunnel().createDownloadSession(project, instance.getId()));
            LOG.info("step \"{}\": where query (instance {}) selected {} records", context.stepName(),
                    instance.getId(), s.getRecordCount());
            return new Session(OdpsDownload.of(s), null, "");
        } catch (OdpsException | RuntimeException e) {
            throw translate(e, "opening the instance tunnel for the where query (instance " + instance.getId()
                    + ") on");
        }
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

    /** See {@link OdpsSplitCodec}: the session and SQL instance ids travel with the split. */
    @Override
    public SplitCodec splitCodec() {
        return new OdpsSplitCodec();
    }

    @Override
    public List<? extends Split> planSplits(int suggestedParallelism) {
        schema();
        List<Session> s = sessions();
        long total = 0;
        for (Session x : s) {
            total += x.download().recordCount();
        }
        int parallelism = Math.max(1, suggestedParallelism);
        long per = config.get(OdpsOptions.SPLIT_MODE).equalsIgnoreCase("partition") ? Long.MAX_VALUE
                : Math.min(config.get(OdpsOptions.SPLIT_RECORDS), Math.max(1, (total + parallelism - 1) / parallelism));
        List<OdpsSplit> splits = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            OdpsDownload d = s.get(i).download();
            long count = d.recordCount();
            for (long start = 0; start < count; start += per) {
                splits.add(new OdpsSplit(table(), d.id(), d.instanceId(), s.get(i).label(), start,
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
        return new OdpsSplitReader(this, session, s, OdpsSplitReader.bind(context.stepName(), project, table, columns,
                session), planned, context);
    }

    /** The split's session: one this reader planned, else the planner's session re-opened by its id. */
    private synchronized Session session(OdpsSplit s) {
        if (sessions != null) {
            for (Session x : sessions) {
                if (x.download().id().equals(s.sessionId())) {
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
            if (!s.instanceId().isEmpty()) {
                Session opened = new Session(OdpsDownload.of(onAvailableQuota(() -> instanceTunnel()
                        .getDownloadSession(project, s.instanceId(), s.sessionId()))), null, "");
                reopened.put(s.sessionId(), opened);
                return opened;
            }
            TableTunnel.DownloadSessionBuilder b = tunnel().buildDownloadSession(project, table)
                    .setDownloadId(s.sessionId());
            config.getIfSet(OdpsOptions.SCHEMA).ifPresent(b::setSchemaName);
            if (p != null) {
                b.setPartitionSpec(p);
            }
            Session opened = new Session(OdpsDownload.of(onAvailableQuota(b::build)), p, s.partition());
            reopened.put(s.sessionId(), opened);
            return opened;
        } catch (OdpsException | RuntimeException e) {
            PluginException translated = translate(e, "re-opening download session " + s.sessionId() + " ("
                    + s.id() + ") of");
            throw new PluginException(translated.errorCode(), translated.getMessage() + "; download sessions expire"
                    + " after 24 hours: if it did, run the job again without resuming", e);
        }
    }

    String table() {
        return project + "." + table;
    }

    @Override
    public void close() {
        // the SDK's clients hold no resources that need closing
    }
}
