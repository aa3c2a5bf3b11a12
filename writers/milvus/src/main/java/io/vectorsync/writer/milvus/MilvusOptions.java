package io.vectorsync.writer.milvus;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import java.util.List;
import java.util.Map;

/** The parameters of the {@code milvus} writer, named as in DataWorks' Milvus writer and DataX's milvuswriter. */
public final class MilvusOptions {
    public static final Option<String> ENDPOINT = Option.stringOption("endpoint").required()
            .description("Milvus URI, e.g. http://host:19530 or https://in01-xxx.zillizcloud.com:443 (usually from "
                    + "the datasource).").build();
    public static final Option<Secret> TOKEN = Option.secretOption("token")
            .description("API key or \"user:password\" token; alternative to username/password.").build();
    public static final Option<String> USERNAME = Option.stringOption("username")
            .description("User name, used with password when no token is given.").build();
    public static final Option<Secret> PASSWORD = Option.secretOption("password")
            .description("Password of username.").build();
    public static final Option<String> DATABASE = Option.stringOption("database")
            .description("Database of the collection; unset means Milvus' \"default\".").build();
    public static final Option<String> COLLECTION = Option.stringOption("collection").required()
            .description("Target collection.").build();
    public static final Option<String> PARTITION = Option.stringOption("partition")
            .description("Target partition; created when missing. Unset writes to _default.").build();
    public static final Option<String> WRITE_MODE = Option.stringOption("writeMode").defaultValue("upsert")
            .oneOf("upsert", "insert")
            .description("upsert: by primary key on collections without autoId; on autoId collections the key is "
                    + "generated and the row inserted. insert: plain insert (meant for autoId collections; on others "
                    + "re-runs duplicate rows). Other values are rejected (DataX silently falls back to upsert).")
            .build();
    public static final Option<String> SCHEMA_CREATE_MODE = Option.stringOption("schemaCreateMode")
            .defaultValue("createIfNotExist").oneOf("createIfNotExist", "ignore", "recreate")
            .description("createIfNotExist: create the collection from column (with vector index, loaded) when "
                    + "missing; ignore: the collection must exist; recreate: drop and create it on every run.")
            .build();
    public static final Option<Boolean> ENABLE_DYNAMIC_SCHEMA = Option.booleanOption("enableDynamicSchema")
            .defaultValue(true)
            .description("Enable the dynamic field when the writer creates the collection; upstream fields not "
                    + "in the collection are then stored as dynamic fields.").build();
    public static final Option<Integer> BATCH_SIZE = Option.intOption("batchSize").defaultValue(1024)
            .check(n -> n > 0 && n <= 100_000, "must be between 1 and 100000")
            .description("Rows per insert/upsert call.").build();
    public static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", MilvusColumn.SPEC)
            .description("Field definitions, one object per collection field (keys below); needed to create the "
                    + "collection. Values may be strings (\"128\", \"true\").").build();
    public static final Option<List<PluginConfig>> COLUMN_MAPPING = Option.listOf("columnMapping",
                    MilvusMapping.PAIR_SPEC)
            .description("Pairs mapping upstream fields to collection fields; without it fields are matched by equal "
                    + "names.").build();
    public static final Option<Long> CONNECT_TIMEOUT_MS = Option.longOption("connectTimeoutMs").defaultValue(10_000L)
            .check(n -> n > 0, "must be positive").description("Connection timeout in milliseconds.").build();
    public static final Option<String> INDEX_TYPE = Option.stringOption("indexType").defaultValue("AUTOINDEX")
            .description("Dense vector index type used when the writer creates the collection (AUTOINDEX, HNSW, "
                    + "IVF_FLAT, DISKANN…); sparse fields always get SPARSE_INVERTED_INDEX (or SPARSE_WAND when "
                    + "given here).").build();
    public static final Option<String> METRIC_TYPE = Option.stringOption("metricType").defaultValue("COSINE")
            .description("Metric of the vector index created with the collection (COSINE, L2, IP; sparse vectors "
                    + "always use IP).").build();
    public static final Option<Map<String, Object>> INDEX_PARAMS = Option.objectOption("indexParams")
            .description("Extra index build parameters, e.g. {\"M\":16,\"efConstruction\":200}.").build();
    public static final Option<Integer> MAX_RETRIES = Option.intOption("maxRetries").defaultValue(8)
            .check(n -> n >= 0, "must not be negative")
            .description("Retries of a batch refused with \"rate limited\", or of an upsert after a transient RPC "
                    + "error; each waits longer (from retryIntervalMs, doubling) and a rate-limited batch is halved. An "
                    + "insert whose reply was lost (deadline, unavailable) is never resent: it may have been applied.")
            .build();
    public static final Option<Long> RETRY_INTERVAL_MS = Option.longOption("retryIntervalMs").defaultValue(200L)
            .check(n -> n >= 0, "must not be negative").description("First retry back-off in milliseconds.").build();

    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(ENDPOINT, TOKEN, USERNAME, PASSWORD, DATABASE, COLLECTION, PARTITION, WRITE_MODE, SCHEMA_CREATE_MODE,
                    ENABLE_DYNAMIC_SCHEMA, BATCH_SIZE, COLUMN, COLUMN_MAPPING, CONNECT_TIMEOUT_MS, INDEX_TYPE,
                    METRIC_TYPE, INDEX_PARAMS, MAX_RETRIES, RETRY_INTERVAL_MS)
            .build();

    private MilvusOptions() {
    }
}
