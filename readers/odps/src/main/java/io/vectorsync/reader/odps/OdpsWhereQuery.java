package io.vectorsync.reader.odps;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.task.SQLTask;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code enableWhere}: the filter runs in MaxCompute as a SQL instance ({@code SELECT <columns> FROM <table>
 * WHERE (<partition filter>) AND (<where>)}) whose result the reader then downloads through the instance tunnel,
 * in record ranges like a table. Waiting for the instance polls its status with a growing pause (100 ms to 2 s);
 * the wait ends at once when the job stops or the thread is interrupted, and the instance is then stopped.
 */
final class OdpsWhereQuery {
    private static final Logger LOG = LoggerFactory.getLogger(OdpsWhereQuery.class);
    static final String TASK = "AnonymousSQLTask";

    private final PluginContext context;
    private final String table;

    OdpsWhereQuery(PluginContext context, String table) {
        this.context = context;
        this.table = table;
    }

    /**
     * The query: the named table columns (or {@code *}), the partitions as a predicate, the user's {@code where}.
     *
     * @param columns    what to select (quoted names, {@code expression AS alias}), or null for every column
     * @param partitions the partitions to read (resolved, no wildcards), or empty for no partition filter
     */
    static String sql(String project, String schema, String table, List<String> columns,
                      List<PartitionSpec> partitions, String where) {
        StringBuilder sb = new StringBuilder("SELECT ");
        if (columns == null) {
            sb.append('*');
        } else {
            sb.append(String.join(", ", columns));
        }
        sb.append(" FROM ").append(quote(project)).append('.');
        if (schema != null && !schema.isBlank()) {
            sb.append(quote(schema)).append('.');
        }
        sb.append(quote(table)).append(" WHERE ");
        if (!partitions.isEmpty()) {
            List<String> any = new ArrayList<>();
            for (PartitionSpec p : partitions) {
                List<String> all = new ArrayList<>();
                for (String key : p.keys()) {
                    all.add(quote(key) + " = '" + p.get(key).replace("\\", "\\\\").replace("'", "\\'") + "'");
                }
                any.add(String.join(" AND ", all));
            }
            sb.append(any.size() == 1 ? "(" + any.get(0) + ")" : "((" + String.join(") OR (", any) + "))")
                    .append(" AND ");
        }
        return sb.append('(').append(where.trim().replaceAll(";+\\s*$", "")).append(");").toString();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** Runs {@code sql} and waits for it; fails with MaxCompute's message when the query fails. */
    Instance run(Odps odps, String project, String sql) {
        Instance instance;
        try {
            instance = SQLTask.run(odps, project, sql, TASK, Map.of(), null);
        } catch (OdpsException e) {
            Integer status = e.getStatus();
            if (status != null && (status == 401 || status == 403)) {
                throw new PluginException(OdpsErrorCode.ACCESS_DENIED, "step \"" + context.stepName() + "\": "
                        + "MaxCompute refused to run the where query on " + table + ": " + e.getMessage()
                        + "; check \"accessId\"/\"accessKey\" and the CreateInstance permission on the project", e);
            }
            if (status == null || status >= 500) {
                throw new PluginException(OdpsErrorCode.TRANSIENT, "step \"" + context.stepName() + "\": submitting "
                        + "the where query on " + table + " failed: " + e.getMessage(), e);
            }
            throw failed(sql, e.getMessage(), e);
        }
        LOG.info("step \"{}\": where query running as MaxCompute instance {}: {}", context.stepName(),
                instance.getId(), sql);
        waitForTermination(instance);
        try {
            for (Map.Entry<String, Instance.TaskStatus> e : instance.getTaskStatus().entrySet()) {
                Instance.TaskStatus.Status status = e.getValue().getStatus();
                if (status == Instance.TaskStatus.Status.FAILED) {
                    throw failed(sql, instance.getTaskResults().get(e.getKey()), null);
                }
                if (status != Instance.TaskStatus.Status.SUCCESS) {
                    throw failed(sql, "task " + e.getKey() + " ended " + status, null);
                }
            }
        } catch (OdpsException e) {
            throw new PluginException(OdpsErrorCode.TRANSIENT, "step \"" + context.stepName() + "\": reading the "
                    + "status of MaxCompute instance " + instance.getId() + " failed: " + e.getMessage(), e);
        }
        return instance;
    }

    private void waitForTermination(Instance instance) {
        long pause = 100;
        while (true) {
            Instance.Status status;
            try {
                status = instance.getStatus();
            } catch (RuntimeException e) {
                throw new PluginException(OdpsErrorCode.TRANSIENT, "step \"" + context.stepName() + "\": polling "
                        + "MaxCompute instance " + instance.getId() + " failed: " + e.getMessage(), e);
            }
            if (status == Instance.Status.TERMINATED) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
            try {
                for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                    if (context.stopRequested()) {
                        throw cancelled(instance, "the job is stopping");
                    }
                    Thread.sleep(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled(instance, "interrupted");
            }
            pause = Math.min(2000, pause * 2);
        }
    }

    private PluginException cancelled(Instance instance, String why) {
        try {
            instance.stop();
        } catch (OdpsException | RuntimeException e) {
            LOG.warn("step \"{}\": stopping MaxCompute instance {} failed: {}", context.stepName(), instance.getId(),
                    e.getMessage());
        }
        return new PluginException(CommonErrorCode.CANCELLED, "step \"" + context.stepName() + "\": " + why
                + " while the where query on " + table + " ran as MaxCompute instance " + instance.getId()
                + "; the instance was stopped");
    }

    private PluginException failed(String sql, String message, Exception cause) {
        return new PluginException(OdpsErrorCode.QUERY_FAILED, "step \"" + context.stepName() + "\": MaxCompute "
                + "rejected the where query on " + table + ": " + (message == null ? "" : message.trim())
                + "; check \"where\" (and \"column\"). Query: " + sql, cause);
    }
}
