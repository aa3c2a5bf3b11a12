package io.vectorsync.writer.searchcommon;

import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import java.util.List;
import java.util.Map;

/**
 * The parameters the {@code elasticsearch} and {@code opensearch} writers share, named as in DataWorks' and DataX's
 * Elasticsearch writer. Each writer's options class re-exports them next to its own.
 */
public final class SearchOptions {
    private SearchOptions() {
    }

    public static final Option<String> USERNAME = Option.stringOption("username").alias("accessId")
            .description("Basic-auth user (DataX: accessId). Leave empty for a cluster without security.").build();
    public static final Option<Secret> PASSWORD = Option.secretOption("password").alias("accessKey")
            .description("Basic-auth password (DataX: accessKey).").build();
    public static final Option<Map<String, Object>> PRIMARY_KEY_INFO = Option.objectOption("primaryKeyInfo")
            .description("How the _id is made when no column has type id: {\"type\":\"pk\",\"column\":[\"id\"]}, "
                    + "{\"type\":\"specific\",\"column\":[\"a\",\"b\"],\"fieldDelimiter\":\",\"} (joined values) or "
                    + "{\"type\":\"nopk\"} (generated ids).").build();
    public static final Option<Long> BATCH_SIZE_BYTES = Option.longOption("batchSizeBytes")
            .defaultValue(10L * 1024 * 1024).check(n -> n > 0, "must be positive")
            .description("A _bulk request is sent once its body reaches this many bytes, even below batchSize "
                    + "(vectorsync extension).").build();
    public static final Option<Boolean> CLEANUP = Option.booleanOption("cleanup").alias("truncate")
            .defaultValue(false).description("Delete and recreate the index before writing.").build();
    public static final Option<Map<String, Object>> SETTINGS = Option.objectOption("settings")
            .description("Index settings used when the writer creates the index, e.g. "
                    + "{\"number_of_shards\":1,\"number_of_replicas\":0}.").build();
    public static final Option<Boolean> DISCOVERY = Option.booleanOption("discovery").defaultValue(false)
            .description("Sniff the cluster's nodes and spread requests over them.").build();
    public static final Option<Boolean> COMPRESSION = Option.booleanOption("compression").defaultValue(false)
            .description("Gzip request bodies. DataX defaults to true; off here because vector bodies compress "
                    + "poorly and gzip costs more CPU than it saves on a fast network.").build();
    public static final Option<Boolean> MULTI_THREAD = Option.booleanOption("multiThread").defaultValue(true)
            .description("Accepted and ignored: every stream (setting.speed.concurrent) has its own bulk writer.")
            .build();
    public static final Option<Integer> TRY_SIZE = Option.intOption("trySize").defaultValue(30)
            .check(n -> n > 0, "must be positive")
            .description("Tries of a _bulk request that fails with 429, 5xx or a connection error "
                    + "(exponential backoff).").build();
    public static final Option<Integer> TIMEOUT = Option.intOption("timeout").defaultValue(600000)
            .check(n -> n > 0, "must be positive").description("Socket timeout of a request, in milliseconds.").build();
    public static final Option<Boolean> IGNORE_WRITE_ERROR = Option.booleanOption("ignoreWriteError")
            .defaultValue(false).description("true: documents the cluster rejects are logged and counted "
                    + "(ignoredDocuments) instead of reported as dirty records.").build();
    public static final Option<Boolean> IGNORE_PARSE_ERROR = Option.booleanOption("ignoreParseError")
            .defaultValue(true).description("true: a value that does not convert to its column's type makes a dirty "
                    + "record; false: it fails the job.").build();
    public static final Option<String> ALIAS = Option.stringOption("alias")
            .description("Alias put on the index after the load.").build();
    public static final Option<String> ALIAS_MODE = Option.stringOption("aliasMode").defaultValue("append")
            .oneOf("append", "exclusive")
            .description("append: add the alias; exclusive: also remove it from every other index.").build();
    public static final Option<List<PluginConfig>> ES_PARTITION_COLUMN = Option.listOf("esPartitionColumn",
                    SearchColumnSpec.ROUTING).shorthand("name")
            .description("Columns whose joined values become the document's routing (objects or names).").build();
    public static final Option<Boolean> ENABLE_WRITE_NULL = Option.booleanOption("enableWriteNull")
            .defaultValue(true).description("true: null values are written as null; false: the field is left out.")
            .build();
    public static final Option<String> SPLITTER = Option.stringOption("splitter").defaultValue("-,-")
            .description("Separator that splits a string value of an \"array\":true column into elements.").build();
}
