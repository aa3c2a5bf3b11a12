package io.vectorsync.writer.opensearch;

import static io.vectorsync.writer.searchcommon.SearchOptions.*;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.writer.searchcommon.SearchColumnSpec;
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

    // username, password, primaryKeyInfo, batchSizeBytes, cleanup, settings, discovery, compression, multiThread,
    // trySize, timeout, ignoreWriteError, ignoreParseError, alias, aliasMode, esPartitionColumn, enableWriteNull and
    // splitter are declared once in SearchOptions (shared with the other search writer).

    public static final Option<String> ENDPOINT = Option.stringOption("endpoint").alias("host").required()
            .description("Cluster address, e.g. http://127.0.0.1:9200; several hosts separated by commas. "
                    + "Usually comes from the datasource (DataWorks: host).").build();
    public static final Option<String> INDEX = Option.stringOption("index").alias("indexName", "table")
            .required().description("Target index; created when missing (DataWorks: indexName or table).").build();
    public static final Option<String> INDEX_TYPE = Option.stringOption("indexType").alias("type")
            .description("Mapping type of Elasticsearch 5/6. Accepted and ignored: OpenSearch has only _doc.").build();
    public static final Option<List<PluginConfig>> COLUMN = SearchColumnSpec.columnOption("Fields to write, in order, "
            + "e.g. [{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"text\",\"type\":\"text\"},{\"name\":\"vec\","
            + "\"type\":\"knn_vector\",\"dimension\":384,\"space_type\":\"cosinesimil\"}] (a plain string is a name). "
            + "Each name must be a field of the input; a column of type id becomes the document _id. Without a type "
            + "the type follows the input field (float vectors become knn_vector; dense_vector is accepted as a "
            + "synonym).");
    public static final Option<String> ACTION_TYPE = Option.stringOption("actionType").alias("writeMode")
            .defaultValue("index").oneOf("index", "create", "update", "delete", "add")
            .description("index: replace the document by _id (or add with a generated id); create: add, fail on an "
                    + "existing _id; update: partial update, upsert when missing (doc_as_upsert); delete: delete by _id. "
                    + "DataWorks' writeMode add means index.")
            .build();
    public static final Option<Integer> BATCH_SIZE = Option.intOption("batchSize").defaultValue(300)
            .check(n -> n > 0, "must be positive").description("Documents per _bulk request (DataWorks' OpenSearch writer default: 300).").build();
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

    /** Every option, in documentation order. */
    public static final ConfigSpec SPEC = ConfigSpec.builder().add(ENDPOINT, USERNAME, PASSWORD, INDEX, INDEX_TYPE,
            COLUMN, ACTION_TYPE, PRIMARY_KEY_INFO, BATCH_SIZE, BATCH_SIZE_BYTES, CLEANUP, SETTINGS, DYNAMIC,
            ENGINE, SPACE_TYPE, PAGE_SIZE, VERSION, DISCOVERY, COMPRESSION, MULTI_THREAD, TRY_SIZE, TIMEOUT, IGNORE_WRITE_ERROR,
            IGNORE_PARSE_ERROR, ALIAS, ALIAS_MODE, ES_PARTITION_COLUMN, ENABLE_WRITE_NULL, SPLITTER).build();
}
