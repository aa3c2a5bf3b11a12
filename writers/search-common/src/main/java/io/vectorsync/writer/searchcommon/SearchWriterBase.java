package io.vectorsync.writer.searchcommon;

import static io.vectorsync.writer.searchcommon.SearchOptions.ALIAS;
import static io.vectorsync.writer.searchcommon.SearchOptions.ALIAS_MODE;
import static io.vectorsync.writer.searchcommon.SearchOptions.CLEANUP;
import static io.vectorsync.writer.searchcommon.SearchOptions.ENABLE_WRITE_NULL;
import static io.vectorsync.writer.searchcommon.SearchOptions.ES_PARTITION_COLUMN;
import static io.vectorsync.writer.searchcommon.SearchOptions.PRIMARY_KEY_INFO;
import static io.vectorsync.writer.searchcommon.SearchOptions.SPLITTER;
import static io.vectorsync.writer.searchcommon.SearchOptions.TRY_SIZE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code elasticsearch} and {@code opensearch} writer steps share: the column mapping bound to the input,
 * the vector check against an existing index, index creation (or recreation with {@code cleanup}) and mapping
 * updates, refresh and alias at the end, idempotence and abort. A writer supplies its REST connection, the body
 * that creates its index, the mapping of its columns and its tasks, and may add checks through the hooks.
 *
 * @param <T> the writer's connection
 */
public abstract class SearchWriterBase<T extends SearchTransport & AutoCloseable> implements Writer {
    /** The JSON of requests and documents: fast doubles; NaN is refused, never written as a string. */
    protected static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    protected final Logger log = LoggerFactory.getLogger(getClass());
    protected final SearchDialect dialect;
    protected final ObjectMapper mapper;
    protected final PluginConfig config;
    protected final PluginContext context;
    protected final String step;
    protected final String index;
    /** index, create, update or delete. */
    protected final String action;
    private final List<SearchColumn> declared;
    private final SearchIdRule idRule;
    protected List<SearchColumn> columns;
    protected SearchBinding binding;
    protected SearchDocumentEncoder encoder;
    protected SearchRetry retry;
    private T http;

    protected SearchWriterBase(SearchDialect dialect, ObjectMapper mapper, PluginConfig config, PluginContext context,
                               String index, String action, List<PluginConfig> column) {
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
        this.mapper = Objects.requireNonNull(mapper, "mapper is null");
        this.config = Objects.requireNonNull(config, "config is null");
        this.context = Objects.requireNonNull(context, "context is null");
        this.step = context.stepName();
        this.index = index;
        this.action = action;
        this.declared = SearchColumn.parseAll(dialect, step, column);
        this.idRule = SearchIdRule.parse(dialect, step, declared, config.get(PRIMARY_KEY_INFO));
        SearchBinding.requireIds(step, action, idRule);
    }

    /** Opens the writer's REST connection (no request yet) with the retry policy to use. */
    protected abstract T connect(SearchRetry retry);

    /** The body of the request that creates the index with these field {@code properties}. */
    protected abstract Map<String, Object> createIndexBody(Map<String, Object> properties);

    /** The mapping of the columns (with {@code dynamic}, only the vector fields). */
    protected abstract Map<String, Object> properties();

    /** Called in {@link #check()} when the index will be created: e.g. that the cluster supports vectors. */
    protected void beforeCreatingIndex() throws Exception {
    }

    /** Called with a refused index creation before it fails the step: a writer may explain it better. */
    protected void onCreateRefused(SearchReply reply) {
    }

    /** Called with a refused mapping update before it fails the step: a writer may explain it better. */
    protected void onMappingRefused(SearchReply reply) {
    }

    @Override
    public void bind(Schema input) {
        SearchBinding b = SearchBinding.bind(dialect, step, mapper, index, action, declared, idRule,
                config.get(ES_PARTITION_COLUMN), config.get(ENABLE_WRITE_NULL), config.get(SPLITTER), input);
        this.binding = b;
        this.columns = b.columns();
        this.encoder = b.encoder();
    }

    protected final T http() {
        if (http == null) {
            retry = new SearchRetry(dialect, step, config.get(TRY_SIZE), 100, 10_000, context);
            http = connect(retry);
        }
        return http;
    }

    protected final String path(String suffix) {
        return SearchBinding.indexPath(index, suffix);
    }

    /** Fails before anything is written when the index maps a vector column with another dimension or type. */
    @Override
    public void check() throws Exception {
        requireBound();
        String what = "reading the mapping of index \"" + index + "\"";
        SearchReply r = http().json("GET", path("/_mapping"), null, what);
        if (r.status() != 404) {
            http().expectOk(r, what);
        }
        if (r.status() == 404 || config.get(CLEANUP)) {
            beforeCreatingIndex();
            return;
        }
        SearchBinding.checkVectorMappings(dialect, step, index, columns, r.body());
    }

    /** Deletes the index ({@code cleanup}), creates it when missing, else adds the columns its mapping lacks. */
    @Override
    public void prepare() throws Exception {
        requireBound();
        if (context.preview()) {
            return;
        }
        boolean exists = http().json("HEAD", path(""), null, "checking index \"" + index + "\"").status() == 200;
        if (exists && config.get(CLEANUP)) {
            http().jsonOk("DELETE", path(""), null, "deleting index \"" + index + "\" (cleanup)");
            log.info("step \"{}\": deleted index \"{}\" (cleanup)", step, index);
            exists = false;
        }
        Map<String, Object> properties = properties();
        if (!exists) {
            SearchReply r = http().json("PUT", path(""), createIndexBody(properties), "creating index \"" + index + "\"");
            if (r.status() == 400 && r.reason().startsWith("resource_already_exists_exception")) {
                return;
            }
            if (r.status() >= 300) {
                onCreateRefused(r);
            }
            http().expectOk(r, "creating index \"" + index + "\"");
            log.info("step \"{}\": created index \"{}\" with fields {}", step, index, columns);
            return;
        }
        String what = "reading the mapping of index \"" + index + "\"";
        JsonNode current = http().jsonOk("GET", path("/_mapping"), null, what).body();
        for (JsonNode idx : current) {
            idx.path("mappings").path("properties").fieldNames().forEachRemaining(properties::remove);
        }
        if (properties.isEmpty()) {
            return;
        }
        what = "adding the columns to the mapping of index \"" + index + "\"";
        SearchReply r = http().json("PUT", path("/_mapping"), Map.of("properties", properties), what);
        if (r.status() >= 300) {
            onMappingRefused(r);
        }
        http().expectOk(r, what);
    }

    /** Refreshes the index and sets the alias. */
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
        log.info("step \"{}\": the job did not succeed; documents already written to index \"{}\" stay, the index is"
                + " not refreshed{}", step, index, config.get(ALIAS) == null ? "" : " and alias \"" + config.get(ALIAS)
                + "\" is not set");
    }

    protected final void requireBound() {
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
