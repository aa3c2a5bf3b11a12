package io.vectorsync.writer.elasticsearch;

import static io.vectorsync.writer.elasticsearch.ElasticsearchOptions.*;
import static io.vectorsync.writer.searchcommon.SearchOptions.*;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.writer.searchcommon.SearchRetry;
import io.vectorsync.writer.searchcommon.SearchWriterBase;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code elasticsearch} writer step: checks the column mapping, the index's vector dimensions, creates (or
 * recreates with {@code cleanup}) the index with a {@code dense_vector} mapping, hands each stream a
 * {@link ElasticsearchWriterTask}, then refreshes the index and sets the alias. The flow is shared with the
 * opensearch writer ({@link SearchWriterBase}).
 */
final class ElasticsearchWriter extends SearchWriterBase<ElasticsearchHttp> {
    ElasticsearchWriter(PluginConfig config, PluginContext context) {
        super(ElasticsearchErrorCode.DIALECT, MAPPER, config, context, config.get(INDEX),
                config.get(ACTION_TYPE).toLowerCase(Locale.ROOT), config.get(COLUMN));
    }

    @Override
    protected ElasticsearchHttp connect(SearchRetry retry) {
        return new ElasticsearchHttp(step, config.get(ENDPOINT), config.get(USERNAME), config.get(PASSWORD),
                config.get(TIMEOUT), config.get(COMPRESSION), config.get(DISCOVERY), MAPPER, retry);
    }

    @Override
    protected Map<String, Object> createIndexBody(Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (config.get(SETTINGS) != null) {
            body.put("settings", config.get(SETTINGS));
        }
        body.put("mappings", Map.of("properties", properties));
        return body;
    }

    @Override
    protected Map<String, Object> properties() {
        return binding.properties(config.get(DYNAMIC), null, null);
    }

    @Override
    public WriterTask openTask(int streamIndex) throws Exception {
        requireBound();
        return new ElasticsearchWriterTask(http(), encoder, retry, context, config.get(BATCH_SIZE),
                config.get(BATCH_SIZE_BYTES), config.get(IGNORE_WRITE_ERROR), config.get(IGNORE_PARSE_ERROR));
    }
}
