package io.vectorsync.writer.opensearch;

import static io.vectorsync.writer.opensearch.OpenSearchOptions.*;
import static io.vectorsync.writer.searchcommon.SearchOptions.*;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.writer.searchcommon.SearchColumn;
import io.vectorsync.writer.searchcommon.SearchReply;
import io.vectorsync.writer.searchcommon.SearchRetry;
import io.vectorsync.writer.searchcommon.SearchWriterBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code opensearch} writer step: checks the column mapping, the index's vector dimensions and the k-NN plugin,
 * creates (or recreates with {@code cleanup}) the index with {@code index.knn} and a {@code knn_vector} mapping
 * (HNSW, engine and space type from the parameters), hands each stream a {@link OpenSearchWriterTask}, then
 * refreshes the index and sets the alias. The flow is shared with the elasticsearch writer
 * ({@link SearchWriterBase}).
 */
final class OpenSearchWriter extends SearchWriterBase<OpenSearchHttp> {
    OpenSearchWriter(PluginConfig config, PluginContext context) {
        super(OpenSearchErrorCode.DIALECT, MAPPER, config, context, config.get(INDEX), action(config),
                config.get(COLUMN));
    }

    /** DataWorks' writeMode add means index. */
    private static String action(PluginConfig config) {
        String a = config.get(ACTION_TYPE).toLowerCase(Locale.ROOT);
        return a.equals("add") ? "index" : a;
    }

    @Override
    protected OpenSearchHttp connect(SearchRetry retry) {
        return new OpenSearchHttp(step, config.get(ENDPOINT), config.get(USERNAME), config.get(PASSWORD),
                config.get(TIMEOUT), config.get(COMPRESSION), config.get(DISCOVERY), MAPPER, retry);
    }

    @Override
    protected void beforeCreatingIndex() throws Exception {
        if (columns.stream().anyMatch(SearchColumn::isVector)) {
            requireKnnPlugin();
        }
    }

    @Override
    protected Map<String, Object> createIndexBody(Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("settings", settings());
        body.put("mappings", Map.of("properties", properties));
        return body;
    }

    @Override
    protected void onCreateRefused(SearchReply r) {
        if (r.status() == 400 && OpenSearchKnn.looksLikeMissingPlugin(r.reason())) {
            throw OpenSearchKnn.missing(step, index, r.reason());
        }
    }

    @Override
    protected void onMappingRefused(SearchReply r) {
        if (r.status() == 400 && r.reason().contains("index.knn setting is false")) {
            throw new PluginException(OpenSearchErrorCode.REQUEST_FAILED, "step \"" + step + "\": index \"" + index
                    + "\" was created without \"index.knn\": true, so a knn_vector field cannot be added to it; "
                    + "set cleanup:true to recreate it, or write to a new index");
        }
    }

    /** The user's {@code settings} plus {@code index.knn: true} when a column is a vector. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        if (config.get(SETTINGS) != null) {
            s.putAll(config.get(SETTINGS));
        }
        if (columns.stream().anyMatch(SearchColumn::isVector)) {
            if (s.get("index") instanceof Map<?, ?> m) {
                Map<String, Object> idx = new LinkedHashMap<>((Map<String, Object>) m);
                idx.putIfAbsent("knn", true);
                s.put("index", idx);
            } else {
                s.putIfAbsent("index.knn", true);
            }
        }
        return s;
    }

    /** Fails when the cluster lists no k-NN plugin in {@code _cat/plugins}. */
    private void requireKnnPlugin() throws Exception {
        List<String> components;
        try {
            components = http().client().cat().plugins().valueBody().stream()
                    .map(p -> p.component()).toList();
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("step \"{}\": cannot list the cluster's plugins ({}); the index creation will tell whether "
                    + "knn_vector is supported", step, e.getMessage());
            return;
        }
        if (!OpenSearchKnn.hasKnnPlugin(components)) {
            throw OpenSearchKnn.missing(step, index, "_cat/plugins lists " + components);
        }
    }

    @Override
    protected Map<String, Object> properties() {
        return binding.properties(config.get(DYNAMIC), config.get(ENGINE).toLowerCase(Locale.ROOT),
                config.get(SPACE_TYPE).toLowerCase(Locale.ROOT));
    }

    @Override
    public WriterTask openTask(int streamIndex) throws Exception {
        requireBound();
        return new OpenSearchWriterTask(index, action, http(), encoder, retry, context, config.get(BATCH_SIZE),
                config.get(BATCH_SIZE_BYTES), config.get(IGNORE_WRITE_ERROR), config.get(IGNORE_PARSE_ERROR));
    }
}
