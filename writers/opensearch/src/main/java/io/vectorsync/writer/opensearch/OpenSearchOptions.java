package io.vectorsync.writer.opensearch;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.Secret;
import java.util.List;
import java.util.Map;

/**
 * The parameters of the {@code opensearch} writer: the Elasticsearch writer's (DataWorks/DataX names) plus the
 * names of DataWorks' OpenSearch writer ({@code host}, {@code indexName}/{@code table}, {@code writeMode},
 * {@code accessId}/{@code accessKey}) and the k-NN settings {@code engine} and {@code spaceType}.
 */
public final class OpenSearchOptions {
    private OpenSearchOptions() {
    }

    public static final Option<String> ENDPOINT = Option.stringOption("endpoint").alias("host").required()
            .description("Cluster address, e.g. http://127.0.0.1:9200; several hosts separated by commas. "
                    + "Usually comes from the datasource (DataWorks: host).").build();
    public static final Option<String> USERNAME = Option.stringOption("username").alias("accessId")
            .description("Basic-auth user (DataX: accessId). Leave empty for a cluster without security.").build();
    public static final Option<Secret> PASSWORD = Option.secretOption("password").alias("accessKey")
            .description("Basic-auth password (DataX: accessKey).").build();
    public static final Option<String> INDEX = Option.stringOption("index").alias("indexName", "table")
            .required().description("Target index; created when missing (DataWorks: indexName or table).").build();
    public static final Option<String> INDEX_TYPE = Option.stringOption("indexType").alias("type")
            .description("Mapping type of Elasticsearch 5/6. Accepted and ignored: OpenSearch has only _doc.").build();
    public static final Option<List<Object>> COLUMN = Option.listOption("column").required()
            .description("Fields to write, in order: [{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"text\",\"type\":\"text\"},"
                    + "{\"name\":\"vec\",\"type\":\"knn_vector\",\"dimension\":384,\"space_type\":\"cosinesimil\"}]. Each name "
                    + "must be a field of the input; a column of type id becomes the document _id. Without a type the "
                    + "type follows the input field (float vectors become knn_vector; dense_vector is accepted as a synonym).").build();
    public static final Option<String> ACTION_TYPE = Option.stringOption("actionType").alias("writeMode")
            .defaultValue("index").oneOf("index", "create", "update", "delete", "add")
            .description("index: replace the document by _id (or add with a generated id); create: add, fail on an "
                    + "existing _id; update: partial update, upsert when missing (doc_as_upsert); delete: delete by _id. "
                    + "DataWorks' writeMode add means index.")
            .build();
    public static final Option<Map<String, Object>> PRIMARY_KEY_INFO = Option.objectOption("primaryKeyInfo")
            .description("How the _id is made when no column has type id: {\"type\":\"pk\",\"column\":[\"id\"]}, "
                    + "{\"type\":\"specific\",\"column\":[\"a\",\"b\"],\"fieldDelimiter\":\",\"} (joined values) or "
                    + "{\"type\":\"nopk\"} (generated ids).").build();
    public static final Option<Integer> BATCH_SIZE = Option.intOption("batchSize").defaultValue(300)
            .check(n -> n > 0, "must be positive").description("Documents per _bulk request (DataWorks' OpenSearch writer default: 300).").build();
    public static final Option<Long> BATCH_SIZE_BYTES = Option.longOption("batchSizeBytes")
            .defaultValue(10L * 1024 * 1024).check(n -> n > 0, "must be positive")
            .description("A _bulk request is sent once its body reaches this many bytes, even below batchSize "
                    + "(vectorsync extension).").build();
    public static final Option<Boolean> CLEANUP = Option.booleanOption("cleanup").alias("truncate")
            .defaultValue(false).description("Delete and recreate the index before writing.").build();
    public static final Option<Map<String, Object>> SETTINGS = Option.objectOption("settings")
            .description("Index settings used when the writer creates the index, e.g. "
                    + "{\"number_of_shards\":1,\"number_of_replicas\":0}.").build();
    public static final Option<Boolean> DYNAMIC = Option.booleanOption("dynamic").defaultValue(false)
            .description("true: leave fields to OpenSearch's dynamic mapping (vector fields are still mapped "
                    + "explicitly); false: map every column from its type.").build();
    public static final Option<String> ENGINE = Option.stringOption("engine").defaultValue("lucene")
            .oneOf("lucene", "faiss", "nmslib")
            .description("k-NN engine of the HNSW index on knn_vector fields the writer creates. lucene needs no "
                    + "native library; faiss/nmslib need the plugin's native libraries on every node.").build();
    public static final Option<String> SPACE_TYPE = Option.stringOption("spaceType").defaultValue("cosinesimil")
            .oneOf("cosinesimil", "l2", "innerproduct", "l1", "linf")
            .description("Distance of the knn_vector fields the writer creates (a column's space_type wins).").build();
    public static final Option<Integer> PAGE_SIZE = Option.intOption("pageSize").defaultValue(100)
            .description("DataWorks' OpenSearch writer page size. Accepted and ignored: batchSize and batchSizeBytes "
                    + "size the requests.").build();
    public static final Option<String> VERSION = Option.stringOption("version")
            .description("DataWorks' OpenSearch API version (v2/v3). Accepted and ignored.").build();
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
    public static final Option<List<Object>> ES_PARTITION_COLUMN = Option.listOption("esPartitionColumn")
            .description("Columns [{\"name\":\"c\"}] whose joined values become the document's routing.").build();
    public static final Option<Boolean> ENABLE_WRITE_NULL = Option.booleanOption("enableWriteNull")
            .defaultValue(true).description("true: null values are written as null; false: the field is left out.")
            .build();
    public static final Option<String> SPLITTER = Option.stringOption("splitter").defaultValue("-,-")
            .description("Separator that splits a string value of an \"array\":true column into elements.").build();

    /** Every option, in documentation order. */
    public static final ConfigSpec SPEC = ConfigSpec.builder().add(ENDPOINT, USERNAME, PASSWORD, INDEX, INDEX_TYPE,
            COLUMN, ACTION_TYPE, PRIMARY_KEY_INFO, BATCH_SIZE, BATCH_SIZE_BYTES, CLEANUP, SETTINGS, DYNAMIC,
            ENGINE, SPACE_TYPE, PAGE_SIZE, VERSION, DISCOVERY, COMPRESSION, MULTI_THREAD, TRY_SIZE, TIMEOUT, IGNORE_WRITE_ERROR,
            IGNORE_PARSE_ERROR, ALIAS, ALIAS_MODE, ES_PARTITION_COLUMN, ENABLE_WRITE_NULL, SPLITTER).build();
}
