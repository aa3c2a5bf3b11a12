package io.vectorsync.writer.elasticsearch;

import static io.vectorsync.writer.searchcommon.SearchOptions.*;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.writer.searchcommon.SearchColumnSpec;
import java.util.List;
import java.util.Map;

/** The parameters of the {@code elasticsearch} writer, named as in DataWorks' and DataX's Elasticsearch writer. */
public final class ElasticsearchOptions {
    private ElasticsearchOptions() {
    }

    // username, password, primaryKeyInfo, batchSizeBytes, cleanup, settings, discovery, compression, multiThread,
    // trySize, timeout, ignoreWriteError, ignoreParseError, alias, aliasMode, esPartitionColumn, enableWriteNull and
    // splitter are declared once in SearchOptions (shared with the other search writer).

    public static final Option<String> ENDPOINT = Option.stringOption("endpoint").required()
            .description("Cluster address, e.g. http://127.0.0.1:9200; several hosts separated by commas. "
                    + "Usually comes from the datasource.").build();
    public static final Option<String> INDEX = Option.stringOption("index").required()
            .description("Target index; created when missing.").build();
    public static final Option<String> INDEX_TYPE = Option.stringOption("indexType").alias("type")
            .description("Mapping type of Elasticsearch 5/6. Accepted and ignored: 7.x and later have only _doc.")
            .build();
    public static final Option<List<PluginConfig>> COLUMN = SearchColumnSpec.columnOption("Fields to write, in order, "
            + "e.g. [{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"text\",\"type\":\"text\"},{\"name\":\"vec\","
            + "\"type\":\"dense_vector\",\"dims\":384,\"similarity\":\"cosine\"}] (a plain string is a name). Each name "
            + "must be a field of the input; a column of type id becomes the document _id. Without a type the type "
            + "follows the input field (float vectors become dense_vector).");
    public static final Option<String> ACTION_TYPE = Option.stringOption("actionType").defaultValue("index")
            .oneOf("index", "create", "update", "delete")
            .description("index: replace the document by _id (or add with a generated id); create: add, fail on an "
                    + "existing _id; update: partial update, upsert when missing (doc_as_upsert); delete: delete by _id.")
            .build();
    public static final Option<Integer> BATCH_SIZE = Option.intOption("batchSize").defaultValue(1000)
            .check(n -> n > 0, "must be positive").description("Documents per _bulk request.").build();
    public static final Option<Boolean> DYNAMIC = Option.booleanOption("dynamic").defaultValue(false)
            .description("true: leave fields to Elasticsearch's dynamic mapping (vector fields are still mapped "
                    + "explicitly); false: map every column from its type.").build();
    public static final Option<String> ES_VERSION = Option.stringOption("esVersion")
            .description("Cluster major version used with dynamic. Accepted and ignored: the writer speaks the 7/8 API.")
            .build();

    /** Every option, in documentation order. */
    public static final ConfigSpec SPEC = ConfigSpec.builder().add(ENDPOINT, USERNAME, PASSWORD, INDEX, INDEX_TYPE,
            COLUMN, ACTION_TYPE, PRIMARY_KEY_INFO, BATCH_SIZE, BATCH_SIZE_BYTES, CLEANUP, SETTINGS, DYNAMIC,
            ES_VERSION, DISCOVERY, COMPRESSION, MULTI_THREAD, TRY_SIZE, TIMEOUT, IGNORE_WRITE_ERROR,
            IGNORE_PARSE_ERROR, ALIAS, ALIAS_MODE, ES_PARTITION_COLUMN, ENABLE_WRITE_NULL, SPLITTER).build();
}
