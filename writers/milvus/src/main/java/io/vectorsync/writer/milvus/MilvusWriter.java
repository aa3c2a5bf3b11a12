package io.vectorsync.writer.milvus;

import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.service.utility.request.FlushReq;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to a Milvus collection through {@link MilvusClientV2}: checks the collection (and the vector
 * dimension) before anything is written, creates it with a vector index when allowed, then inserts or upserts
 * batches from each stream and flushes at the end.
 */
public final class MilvusWriter implements Writer {
    private static final Logger LOG = LoggerFactory.getLogger(MilvusWriter.class);

    private final PluginConfig config;
    private final PluginContext context;
    private final String step;
    private final String collection;
    private final String database;
    private final String mode;
    private final List<MilvusColumn> columns;
    private final List<MilvusMapping.Pair> pairs;
    private MilvusClientV2 client;
    private MilvusCollections collections;
    private Schema input;
    private boolean exists;
    private volatile MilvusTarget target;
    private volatile List<MilvusMapping.Entry> mapping;

    MilvusWriter(PluginConfig config, PluginContext context) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.context = Objects.requireNonNull(context, "context is null");
        this.step = context.stepName();
        this.collection = config.get(MilvusOptions.COLLECTION);
        this.database = config.get(MilvusOptions.DATABASE);
        this.mode = config.get(MilvusOptions.SCHEMA_CREATE_MODE).toLowerCase(Locale.ROOT);
        this.columns = config.getIfSet(MilvusOptions.COLUMN).map(MilvusColumn::parseAll).orElse(List.of());
        this.pairs = config.getIfSet(MilvusOptions.COLUMN_MAPPING).map(MilvusMapping::parsePairs).orElse(List.of());
        if (!mode.equals("ignore")) {
            checkColumnsForCreate();
        }
        checkIndexNames();
    }

    private void checkColumnsForCreate() {
        String why = "schemaCreateMode \"" + config.get(MilvusOptions.SCHEMA_CREATE_MODE)
                + "\" creates the collection from column";
        if (columns.isEmpty()) {
            throw PluginException.config("column", why + ": define its fields, or set schemaCreateMode to ignore");
        }
        if (columns.stream().filter(MilvusColumn::primaryKey).count() != 1) {
            throw PluginException.config("column", why + ": exactly one field needs \"primaryKey\": \"true\"");
        }
        if (columns.stream().noneMatch(c -> MilvusColumn.isVector(c.type()))) {
            throw PluginException.config("column", why + ": a collection needs at least one vector field");
        }
    }

    private void checkIndexNames() {
        try {
            io.milvus.v2.common.IndexParam.IndexType.valueOf(config.get(MilvusOptions.INDEX_TYPE).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PluginException.config("indexType", "unknown index type \"" + config.get(MilvusOptions.INDEX_TYPE)
                    + "\"; use AUTOINDEX, HNSW, IVF_FLAT, DISKANN…");
        }
        try {
            io.milvus.v2.common.IndexParam.MetricType.valueOf(config.get(MilvusOptions.METRIC_TYPE).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PluginException.config("metricType", "unknown metric \"" + config.get(MilvusOptions.METRIC_TYPE)
                    + "\"; use COSINE, L2 or IP");
        }
    }

    @Override
    public void bind(Schema input) {
        this.input = Objects.requireNonNull(input, "input is null");
        MilvusMapping.checkSources(step, pairs, input);
        if (!columns.isEmpty() && !mode.equals("ignore")) {
            // offline check against the definitions the collection would be created with; in ignore mode the
            // existing collection is the truth and is checked in check()
            MilvusMapping.resolve(step, collection, pairs, input, MilvusTarget.of(columns,
                    config.get(MilvusOptions.ENABLE_DYNAMIC_SCHEMA)));
        }
    }

    @Override
    public void check() {
        requireBound();
        connect();
        exists = call("check whether the collection exists", collections::exists);
        if (!exists && mode.equals("ignore")) {
            throw new PluginException(MilvusErrorCode.COLLECTION_MISSING, "step \"" + step + "\": collection \""
                    + collection + "\" does not exist in database \"" + databaseName() + "\" and schemaCreateMode is "
                    + "\"ignore\"; create it first or set schemaCreateMode to \"createIfNotExist\"");
        }
        if (exists && !mode.equals("recreate")) {
            useTarget(call("describe the collection", collections::describe));
        } else {
            useTarget(MilvusTarget.of(columns, config.get(MilvusOptions.ENABLE_DYNAMIC_SCHEMA)));
        }
    }

    @Override
    public void prepare() {
        if (client == null) {
            check();
        }
        boolean create = !exists;
        if (exists && mode.equals("recreate")) {
            LOG.info("step {}: dropping collection {} (schemaCreateMode recreate)", step, collection);
            call("drop the collection", () -> {
                collections.drop();
                return null;
            });
            create = true;
        }
        if (create) {
            LOG.info("step {}: creating collection {} with {} index", step, collection, config.get(MilvusOptions.INDEX_TYPE));
            call("create the collection", () -> {
                collections.create(columns, config.get(MilvusOptions.ENABLE_DYNAMIC_SCHEMA),
                        config.get(MilvusOptions.INDEX_TYPE), config.get(MilvusOptions.METRIC_TYPE),
                        config.get(MilvusOptions.INDEX_PARAMS));
                return null;
            });
            exists = true;
        }
        config.getIfSet(MilvusOptions.PARTITION).filter(p -> !p.isBlank()).ifPresent(p ->
                call("create partition " + p, () -> {
                    collections.ensurePartition(p);
                    return null;
                }));
        useTarget(call("describe the collection", collections::describe));
    }

    @Override
    public WriterTask openTask(int streamIndex) {
        if (client == null) {
            check();
        }
        if (!exists) {
            throw new IllegalStateException("prepare() must run before openTask()");
        }
        if (target == null) {
            useTarget(call("describe the collection", collections::describe));
        }
        String writeMode = config.get(MilvusOptions.WRITE_MODE).toLowerCase(Locale.ROOT);
        boolean upsert = writeMode.equals("upsert") && !target.autoId();
        if (writeMode.equals("insert") && !target.autoId() && streamIndex == 0) {
            LOG.warn("step {}: writeMode insert on collection {} without autoId: re-running the job duplicates rows",
                    step, collection);
        }
        return new MilvusWriterTask(client, context, new MilvusWriterTask.Settings(database, collection,
                config.getIfSet(MilvusOptions.PARTITION).filter(p -> !p.isBlank()).orElse(null), upsert,
                config.get(MilvusOptions.BATCH_SIZE), config.get(MilvusOptions.MAX_RETRIES),
                config.get(MilvusOptions.RETRY_INTERVAL_MS)), input, mapping);
    }

    /**
     * Upsert by a primary key the job provides is idempotent; an insert, or an upsert into a collection that
     * generates its keys (autoId, where upsert becomes insert), adds a new row for every replay. Decided from the
     * collection once {@link #check()} has described it, before that from {@code column}.
     */
    @Override
    public Idempotence idempotence() {
        String writeMode = config.get(MilvusOptions.WRITE_MODE).toLowerCase(Locale.ROOT);
        if (writeMode.equals("insert")) {
            return Idempotence.no("writeMode insert adds the rows again when they are replayed; set writeMode upsert"
                    + " with a primary key that is not autoId");
        }
        Boolean autoId = target != null ? Boolean.valueOf(target.autoId())
                : columns.isEmpty() || mode.equals("ignore") ? null
                : columns.stream().anyMatch(c -> c.primaryKey() && c.autoId());
        if (autoId == null) {
            return Idempotence.no("cannot tell before connecting whether collection \"" + collection + "\" generates"
                    + " its primary keys (autoId); describe its fields in column, or let the writer check it first");
        }
        if (autoId) {
            return Idempotence.no("collection \"" + collection + "\" generates its primary keys (autoId), so upsert"
                    + " inserts a new row for every replay; write to a collection whose primary key comes from the"
                    + " data (autoId false) with writeMode upsert");
        }
        return Idempotence.yes("writeMode upsert replaces rows by primary key");
    }

    @Override
    public void finish() {
        call("flush the collection", () -> {
            client.flush(FlushReq.builder().databaseName(database).collectionNames(List.of(collection)).build());
            return null;
        });
    }

    /**
     * Nothing to undo: batches already inserted stay (a resumed run relies on them) and a collection this run
     * created or recreated stays. Only the final flush is skipped; Milvus seals the segments itself.
     */
    @Override
    public void abort(Throwable cause) {
        LOG.info("step {}: the job did not succeed; rows already written to collection {} stay", step, collection);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void useTarget(MilvusTarget t) {
        List<MilvusMapping.Entry> m = MilvusMapping.resolve(step, collection, pairs, input, t);
        this.target = t;
        this.mapping = m;
    }

    private void requireBound() {
        if (input == null) {
            throw new IllegalStateException("bind() must run first");
        }
    }

    private void connect() {
        if (client != null) {
            return;
        }
        ConnectConfig.ConnectConfigBuilder b = ConnectConfig.builder().uri(config.get(MilvusOptions.ENDPOINT))
                .connectTimeoutMs(config.get(MilvusOptions.CONNECT_TIMEOUT_MS));
        Secret token = config.get(MilvusOptions.TOKEN);
        if (token != null && !token.isEmpty()) {
            b.token(token.reveal());
        } else if (config.get(MilvusOptions.USERNAME) != null) {
            Secret password = config.get(MilvusOptions.PASSWORD);
            b.username(config.get(MilvusOptions.USERNAME)).password(password == null ? "" : password.reveal());
        }
        if (database != null && !database.isBlank()) {
            b.dbName(database);
        }
        try {
            client = new MilvusClientV2(b.build());
        } catch (RuntimeException e) {
            throw new PluginException(MilvusErrorCode.CONNECT_FAILED, "step \"" + step + "\": cannot connect to Milvus at "
                    + config.get(MilvusOptions.ENDPOINT) + " (database \"" + databaseName() + "\"): "
                    + MilvusFailures.describe(e) + "; check endpoint, credentials and network", e);
        }
        // our own retry policy (MilvusWriterTask) decides about rate limits and transient errors
        client.retryConfig(RetryConfig.builder().maxRetryTimes(1).retryOnRateLimit(false).build());
        collections = new MilvusCollections(client, database, collection);
    }

    private String databaseName() {
        return database == null || database.isBlank() ? "default" : database;
    }

    private <T> T call(String what, java.util.concurrent.Callable<T> action) {
        try {
            return MilvusFailures.withRetries(action, config.get(MilvusOptions.MAX_RETRIES),
                    config.get(MilvusOptions.RETRY_INTERVAL_MS), context);
        } catch (PluginException e) {
            throw e;
        } catch (Exception e) {
            throw new PluginException(MilvusErrorCode.REQUEST_FAILED, "step \"" + step + "\": could not " + what
                    + " \"" + collection + "\": " + MilvusFailures.describe(e), e);
        }
    }

    Map<String, MilvusTarget.TargetField> targetFields() {
        return target.fields();
    }
}
