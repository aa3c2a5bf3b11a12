package io.vectorsync.writer.opensearch;

import static io.vectorsync.writer.opensearch.OpenSearchOptions.*;
import static io.vectorsync.writer.searchcommon.SearchOptions.*;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.writer.searchcommon.SearchBinding;
import io.vectorsync.writer.searchcommon.SearchColumn;
import io.vectorsync.writer.searchcommon.SearchDocumentEncoder;
import io.vectorsync.writer.searchcommon.SearchIdRule;
import io.vectorsync.writer.searchcommon.SearchIdempotence;
import io.vectorsync.writer.searchcommon.SearchReply;
import io.vectorsync.writer.searchcommon.SearchRetry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code opensearch} writer step: checks the column mapping, the index's vector dimensions and the k-NN plugin,
 * creates (or recreates with {@code cleanup}) the index with {@code index.knn} and a {@code knn_vector} mapping
 * (HNSW, engine and space type from the parameters), hands each stream a
 * {@link OpenSearchWriterTask}, then refreshes the index and sets the alias.
 */
final class OpenSearchWriter implements Writer {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchWriter.class);
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private final PluginConfig config;
    private final PluginContext context;
    private final String step;
    private final String index;
    private final String action;
    private final List<SearchColumn> declared;
    private final SearchIdRule idRule;
    private List<SearchColumn> columns;
    private SearchBinding binding;
    private SearchDocumentEncoder encoder;
    private OpenSearchHttp http;
    private SearchRetry retry;

    OpenSearchWriter(PluginConfig config, PluginContext context) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.context = Objects.requireNonNull(context, "context is null");
        this.step = context.stepName();
        this.index = config.get(INDEX);
        String a = config.get(ACTION_TYPE).toLowerCase(java.util.Locale.ROOT);
        this.action = a.equals("add") ? "index" : a;
        this.declared = SearchColumn.parseAll(OpenSearchErrorCode.DIALECT, step, config.get(COLUMN));
        this.idRule = SearchIdRule.parse(OpenSearchErrorCode.DIALECT, step, declared, config.get(PRIMARY_KEY_INFO));
        SearchBinding.requireIds(step, action, idRule);
    }

    @Override
    public void bind(Schema input) {
        SearchBinding b = SearchBinding.bind(OpenSearchErrorCode.DIALECT, step, MAPPER, index, action, declared, idRule,
                config.get(ES_PARTITION_COLUMN), config.get(ENABLE_WRITE_NULL), config.get(SPLITTER), input);
        this.binding = b;
        this.columns = b.columns();
        this.encoder = b.encoder();
    }

    private OpenSearchHttp http() {
        if (http == null) {
            retry = new SearchRetry(OpenSearchErrorCode.DIALECT, step, config.get(TRY_SIZE), 100, 10_000, context);
            http = new OpenSearchHttp(step, config.get(ENDPOINT), config.get(USERNAME), config.get(PASSWORD),
                    config.get(TIMEOUT), config.get(COMPRESSION), config.get(DISCOVERY), MAPPER, retry);
        }
        return http;
    }

    private String path(String suffix) {
        return SearchBinding.indexPath(index, suffix);
    }

    /** Fails before anything is written when the index maps a vector column with another dimension or type. */
    @Override
    public void check() throws Exception {
        requireBound();
        SearchReply r = http().json("GET", path("/_mapping"), null, "reading the mapping of index \"" + index + "\"");
        boolean willCreate = r.status() == 404 || config.get(CLEANUP);
        if (willCreate) {
            if (r.status() != 404) {
                http().expectOk(r, "reading the mapping of index \"" + index + "\"");
            }
            if (columns.stream().anyMatch(SearchColumn::isVector)) {
                requireKnnPlugin();
            }
            return;
        }
        http().expectOk(r, "reading the mapping of index \"" + index + "\"");
        SearchBinding.checkVectorMappings(OpenSearchErrorCode.DIALECT, step, index, columns, r.body());
    }

    @Override
    public void prepare() throws Exception {
        requireBound();
        if (context.preview()) {
            return;
        }
        boolean exists = http().json("HEAD", path(""), null, "checking index \"" + index + "\"").status() == 200;
        if (exists && config.get(CLEANUP)) {
            http().expectOk(http().json("DELETE", path(""), null, "deleting index \"" + index + "\" (cleanup)"),
                    "deleting index \"" + index + "\" (cleanup)");
            LOG.info("step \"{}\": deleted index \"{}\" (cleanup)", step, index);
            exists = false;
        }
        Map<String, Object> properties = properties();
        if (!exists) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("settings", settings());
            body.put("mappings", Map.of("properties", properties));
            SearchReply r = http().json("PUT", path(""), body, "creating index \"" + index + "\"");
            if (r.status() == 400 && r.reason().startsWith("resource_already_exists_exception")) {
                return;
            }
            if (r.status() == 400 && OpenSearchKnn.looksLikeMissingPlugin(r.reason())) {
                throw OpenSearchKnn.missing(step, index, r.reason());
            }
            http().expectOk(r, "creating index \"" + index + "\"");
            LOG.info("step \"{}\": created index \"{}\" with fields {}", step, index, columns);
        } else {
            JsonNode current = http().expectOk(http().json("GET", path("/_mapping"), null, "reading the mapping of index \""
                    + index + "\""), "reading the mapping of index \"" + index + "\"").body();
            for (JsonNode idx : current) {
                idx.path("mappings").path("properties").fieldNames().forEachRemaining(properties::remove);
            }
            if (properties.isEmpty()) {
                return;
            }
            String what = "adding the columns to the mapping of index \"" + index + "\"";
            SearchReply r = http().json("PUT", path("/_mapping"), Map.of("properties", properties), what);
            if (r.status() == 400 && r.reason().contains("index.knn setting is false")) {
                throw new PluginException(OpenSearchErrorCode.REQUEST_FAILED, "step \"" + step + "\": index \"" + index
                        + "\" was created without \"index.knn\": true, so a knn_vector field cannot be added to it; "
                        + "set cleanup:true to recreate it, or write to a new index");
            }
            http().expectOk(r, what);
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
            LOG.warn("step \"{}\": cannot list the cluster's plugins ({}); the index creation will tell whether "
                    + "knn_vector is supported", step, e.getMessage());
            return;
        }
        if (!OpenSearchKnn.hasKnnPlugin(components)) {
            throw OpenSearchKnn.missing(step, index, "_cat/plugins lists " + components);
        }
    }

    /** The mapping of the columns; with {@code dynamic} only the vector fields. */
    private Map<String, Object> properties() {
        return binding.properties(config.get(DYNAMIC), config.get(ENGINE).toLowerCase(java.util.Locale.ROOT),
                config.get(SPACE_TYPE).toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public WriterTask openTask(int streamIndex) throws Exception {
        requireBound();
        http();
        return new OpenSearchWriterTask(step, index, action, http, encoder, retry, context, config.get(BATCH_SIZE),
                config.get(BATCH_SIZE_BYTES), config.get(IGNORE_WRITE_ERROR), config.get(IGNORE_PARSE_ERROR));
    }

    @Override
    public void finish() throws Exception {
        if (context.preview()) {
            return;
        }
        http().refreshAndAlias(index, config.get(ALIAS), config.get(ALIAS_MODE));
    }

    @Override
    public Idempotence idempotence() {
        return SearchIdempotence.of(action, idRule);
    }

    /**
     * Nothing is undone: documents already bulk-indexed stay, an index created (or recreated with cleanup) stays.
     * The refresh and the alias of {@link #finish()} are skipped, so a reader going through {@code alias} does not
     * see the index of a failed first run.
     */
    @Override
    public void abort(Throwable cause) {
        LOG.info("step \"{}\": the job did not succeed; documents already written to index \"{}\" stay, the index is"
                + " not refreshed{}", step, index, config.get(ALIAS) == null ? "" : " and alias \"" + config.get(ALIAS)
                + "\" is not set");
    }

    private void requireBound() {
        if (encoder == null) {
            throw new IllegalStateException("bind(schema) was not called");
        }
    }

    @Override
    public void close() throws Exception {
        if (http != null) {
            http.close();
        }
    }
}
