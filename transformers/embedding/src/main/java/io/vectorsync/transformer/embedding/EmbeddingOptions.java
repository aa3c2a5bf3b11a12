package io.vectorsync.transformer.embedding;

import static java.util.Objects.requireNonNull;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.OutputType;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of the {@code embedding-transformer} step: DataWorks' own (modelProvider … appendFieldNameDelimiter)
 * and vectorsync's throughput settings (cache, concurrency, rate limits, retries). {@link #from} binds them.
 */
public record EmbeddingOptions(
        String modelProvider,
        String modelName,
        String endpoint,
        Secret apiKey,
        int batchSize,
        List<String> sourceColumnNames,
        String embeddingColumnName,
        String appendDelimiter,
        boolean skipEmptyValue,
        Integer dimension,
        boolean nullAsEmptyString,
        boolean appendFieldNameEnable,
        String appendFieldNameDelimiter,
        OversizePolicy oversizeTextPolicy,
        long cacheSize,
        PersistentCacheSettings persistentCache,
        int concurrentRequests,
        double requestsPerSecond,
        long requestsPerMinute,
        long tokensPerMinute,
        int maxRetries,
        long initialBackoffMs,
        long maxBackoffMs,
        Double pricePerMillionTokens,
        String priceCurrency,
        OutputType outputType,
        String sparseEmbeddingColumnName) {

    /** What happens to a text longer than the model accepts. */
    public enum OversizePolicy {
        /** Cut the text to the longest prefix the model accepts. */
        TRUNCATE,
        /** Report the record dirty. */
        DIRTY
    }

    public static final Option<String> MODEL_PROVIDER = Option.stringOption("modelProvider").required()
            .description("The embedding model provider: the name of an installed model plugin, e.g. bailian "
                    + "(Alibaba Cloud Model Studio), paiModelGallery, dataworksModelService, openai, onnx. "
                    + "Parameters this step does not declare are checked against (and passed to) that provider.")
            .build();
    public static final Option<String> MODEL_NAME = Option.stringOption("modelName")
            .description("The embedding model, e.g. text-embedding-v4 (bailian) or bge-m3 (paiModelGallery). "
                    + "Whether it is required is up to the provider.")
            .build();
    public static final Option<Secret> API_KEY = Option.secretOption("apiKey")
            .description("The provider's API key (for PAI: the EAS Authorization header value). Never logged.")
            .build();
    public static final Option<String> ENDPOINT = Option.stringOption("endpoint")
            .description("The model service's address; required for paiModelGallery, optional for others.")
            .build();
    public static final Option<Integer> BATCH_SIZE = Option.intOption("batchSize").defaultValue(10)
            .check(n -> n > 0, "must be positive")
            .description("Texts per model call; capped by the provider's limit of rows per request.")
            .build();
    public static final Option<Map<String, Object>> EMBEDDING_COLUMNS = Option.objectOption("embeddingColumns")
            .required()
            .description("{\"sourceColumnNames\": [\"col1\", …], \"embeddingColumnName\": \"vec\"}: the columns "
                    + "whose values are joined into the text to embed, and the new column holding the vector.")
            .build();
    public static final Option<String> APPEND_DELIMITER = Option.stringOption("appendDelimiter").defaultValue("\n")
            .description("Joins the values of several source columns.")
            .build();
    public static final Option<Boolean> SKIP_EMPTY_VALUE = Option.booleanOption("skipEmptyValue").defaultValue(false)
            .description("Leave empty (and NULL) source values out of the text, with their delimiter and field name.")
            .build();
    public static final Option<Integer> DIMENSION = Option.intOption("dimension")
            .check(n -> n > 0, "must be positive")
            .description("Vector dimension; the model must support it. Passed to the provider. When omitted, the "
                    + "provider's default: 1024 for Model Studio's text-embedding-v3/v4 and bge-m3 (DataWorks' default), "
                    + "the model's own size for fixed-size models (384 for the onnx all-MiniLM-L6-v2).")
            .build();
    public static final Option<Boolean> NULL_AS_EMPTY_STRING = Option.booleanOption("nullAsEmptyString")
            .defaultValue(false)
            .description("Treat NULL source values as empty strings. When false, NULL values are left out of the "
                    + "text and a record whose source values are all NULL is dirty (models reject NULL input).")
            .build();
    public static final Option<Boolean> APPEND_FIELD_NAME_ENABLE = Option.booleanOption("appendFieldNameEnable")
            .defaultValue(false)
            .description("Prefix each value with its column name and appendFieldNameDelimiter.")
            .build();
    public static final Option<String> APPEND_FIELD_NAME_DELIMITER = Option.stringOption("appendFieldNameDelimiter")
            .defaultValue(":")
            .description("Separates a column name from its value when appendFieldNameEnable is true.")
            .build();
    public static final Option<String> OVERSIZE_TEXT_POLICY = Option.stringOption("oversizeTextPolicy")
            .defaultValue("truncate").oneOf("truncate", "dirty")
            .description("A text over the model's character or (estimated) token limit is cut to fit (truncate) "
                    + "or reported as a dirty record (dirty).")
            .build();
    public static final Option<Long> CACHE_SIZE = Option.longOption("cacheSizeMb").defaultValue(256L)
            .check(n -> n >= 0, "must be 0 (no in-memory cache) or positive")
            .description("Megabytes of the in-memory vector cache shared by all streams of the step (W-TinyLFU, "
                    + "weighed in bytes: text and vector); 0 disables it.")
            .build();
    public static final Option<Map<String, Object>> PERSISTENT_CACHE = Option.objectOption("persistentCache")
            .description("Vectors kept across runs, on by default: {\"path\": DIR} (default "
                    + "~/.vectorsync/embedding-cache, an LMDB store safe for concurrent jobs), {\"maxSizeMb\": N} "
                    + "(default 1024; least recently used entries evicted), {\"enabled\": false}, or "
                    + "{\"url\": \"jdbc:postgresql://host:port/db\", \"user\": …} (password: persistentCachePassword) for a store "
                    + "shared by several machines. Keyed by SHA-256 of (provider, model, dimension, vector-changing "
                    + "parameters, text); a corrupt entry is detected by its checksum and re-embedded.")
            .build();
    public static final Option<Secret> PERSISTENT_CACHE_PASSWORD = Option.secretOption("persistentCachePassword")
            .description("The password of the PostgreSQL user of persistentCache.url. Never logged.")
            .build();
    public static final Option<Integer> CONCURRENT_REQUESTS = Option.intOption("concurrentRequests")
            .alias("maxInFlight").defaultValue(8)
            .check(n -> n > 0, "must be positive")
            .description("Model calls in flight at once for the step, shared by all its streams.")
            .build();
    public static final Option<Double> REQUESTS_PER_SECOND = Option.doubleOption("requestsPerSecond")
            .defaultValue(0.0).check(n -> n >= 0, "must be 0 (unlimited) or positive")
            .description("Request rate limit per endpoint and API key, shared by all streams and steps; requests are "
                    + "spaced evenly (no bursts). 0 = adaptive: unlimited until the service throttles (HTTP 429), "
                    + "then just under the rate it allows. Lowered while the service throttles, then raised back.")
            .build();
    public static final Option<Long> REQUESTS_PER_MINUTE = Option.longOption("requestsPerMinute")
            .defaultValue(0L).check(n -> n >= 0, "must be 0 (no limit) or positive")
            .description("Requests per minute per endpoint and API key (Model Studio states RPM per model), "
                    + "shared by all streams and steps; spaced evenly. 0 = no per-minute limit.")
            .build();
    public static final Option<Long> TOKENS_PER_MINUTE = Option.longOption("tokensPerMinute")
            .defaultValue(0L).check(n -> n >= 0, "must be 0 (unlimited) or positive")
            .description("Token rate limit (estimated tokens) per endpoint and API key, shared by all streams and "
                    + "steps; each request moves the schedule on by its tokens (no bursts). 0 = unlimited.")
            .build();
    public static final Option<Integer> MAX_RETRIES = Option.intOption("maxRetries").defaultValue(5)
            .check(n -> n >= 0, "must not be negative")
            .description("Retries of a throttled (429) or failed (5xx, timeout) model call before the job fails.")
            .build();
    public static final Option<Long> INITIAL_BACKOFF_MS = Option.longOption("initialBackoffMs").defaultValue(200L)
            .check(n -> n > 0, "must be positive")
            .description("First retry delay cap in ms; doubles per attempt (full jitter), up to maxBackoffMs.")
            .build();
    public static final Option<Long> MAX_BACKOFF_MS = Option.longOption("maxBackoffMs").defaultValue(30_000L)
            .check(n -> n > 0, "must be positive")
            .description("Longest retry delay in ms (a longer Retry-After from the service still wins).")
            .build();

    public static final Option<Double> PRICE_PER_MILLION_TOKENS = Option.doubleOption("pricePerMillionTokens")
            .check(n -> n >= 0, "must not be negative")
            .description("The price of one million input tokens, for `vectorsync estimate` and the run's cost "
                    + "(metric costMicro<currency>); default: the provider's price table for the model, if any.")
            .build();
    public static final Option<String> PRICE_CURRENCY = Option.stringOption("priceCurrency").defaultValue("USD")
            .check(s -> s.matches("[A-Z]{3}"), "must be an ISO 4217 code such as USD or CNY")
            .description("The currency of pricePerMillionTokens.")
            .build();

    public static final Option<String> OUTPUT_TYPE = Option.stringOption("outputType").defaultValue("dense")
            .oneOf("dense", "sparse", "dense&sparse")
            .description("What the model returns: dense (a float vector in embeddingColumnName, the default), sparse "
                    + "(a sparse vector of token weights in sparseEmbeddingColumnName) or dense&sparse (both, from one "
                    + "call). Sparse needs a provider that returns it (bailian text-embedding-v3/v4, native API); "
                    + "others are refused when the job is planned.")
            .build();
    public static final Option<String> SPARSE_EMBEDDING_COLUMN_NAME = Option.stringOption("sparseEmbeddingColumnName")
            .check(s -> !s.isBlank(), "must not be empty")
            .description("Output column of the sparse vector (outputType sparse or dense&sparse). Default: "
                    + "embeddingColumnName for sparse, embeddingColumnName + \"_sparse\" for dense&sparse.")
            .build();

    static final String SOURCE_COLUMN_NAMES = "sourceColumnNames";
    static final String EMBEDDING_COLUMN_NAME = "embeddingColumnName";

    public EmbeddingOptions {
        requireNonNull(modelProvider, "modelProvider is null");
        sourceColumnNames = List.copyOf(sourceColumnNames);
        requireNonNull(embeddingColumnName, "embeddingColumnName is null");
    }

    /** The step's declared parameters; unknown keys go to the model provider named by modelProvider. */
    public static ConfigSpec spec() {
        return ConfigSpec.builder()
                .delegateUnknownKeysToModelNamedBy(MODEL_PROVIDER)
                .add(MODEL_NAME, API_KEY, ENDPOINT, BATCH_SIZE, EMBEDDING_COLUMNS, APPEND_DELIMITER,
                        SKIP_EMPTY_VALUE, DIMENSION, NULL_AS_EMPTY_STRING, APPEND_FIELD_NAME_ENABLE,
                        APPEND_FIELD_NAME_DELIMITER, OVERSIZE_TEXT_POLICY, CACHE_SIZE, PERSISTENT_CACHE, PERSISTENT_CACHE_PASSWORD, CONCURRENT_REQUESTS,
                        REQUESTS_PER_SECOND, REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, MAX_RETRIES, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS,
                        PRICE_PER_MILLION_TOKENS, PRICE_CURRENCY, OUTPUT_TYPE, SPARSE_EMBEDDING_COLUMN_NAME)
                .build();
    }

    /** Reads the bound parameters, validating the nested {@code embeddingColumns} object. */
    public static EmbeddingOptions from(PluginConfig config) {
        Map<String, Object> columns = config.get(EMBEDDING_COLUMNS);
        String step = config.stepName();
        return new EmbeddingOptions(
                config.get(MODEL_PROVIDER),
                config.get(MODEL_NAME),
                config.get(ENDPOINT),
                config.get(API_KEY),
                config.get(BATCH_SIZE),
                sourceColumns(step, columns),
                embeddingColumn(step, columns),
                config.get(APPEND_DELIMITER),
                config.get(SKIP_EMPTY_VALUE),
                config.getIfSet(DIMENSION).orElse(null),
                config.get(NULL_AS_EMPTY_STRING),
                config.get(APPEND_FIELD_NAME_ENABLE),
                config.get(APPEND_FIELD_NAME_DELIMITER),
                OversizePolicy.valueOf(config.get(OVERSIZE_TEXT_POLICY).toUpperCase(Locale.ROOT)),
                config.get(CACHE_SIZE),
                PersistentCacheSettings.from(step, config.getIfSet(PERSISTENT_CACHE).orElse(null),
                        config.getIfSet(PERSISTENT_CACHE_PASSWORD).map(Secret::reveal).orElse(null)),
                config.get(CONCURRENT_REQUESTS),
                config.get(REQUESTS_PER_SECOND),
                config.get(REQUESTS_PER_MINUTE),
                config.get(TOKENS_PER_MINUTE),
                config.get(MAX_RETRIES),
                config.get(INITIAL_BACKOFF_MS),
                config.get(MAX_BACKOFF_MS),
                config.getIfSet(PRICE_PER_MILLION_TOKENS).orElse(null),
                config.get(PRICE_CURRENCY),
                OutputType.parse(config.get(OUTPUT_TYPE)),
                sparseColumn(step, config, embeddingColumn(step, columns)));
    }

    /** The sparse vector's column: given, or derived from embeddingColumnName; never the dense column's name. */
    private static String sparseColumn(String step, PluginConfig config, String denseColumn) {
        OutputType type = OutputType.parse(config.get(OUTPUT_TYPE));
        String given = config.getIfSet(SPARSE_EMBEDDING_COLUMN_NAME).map(String::strip).orElse(null);
        if (type == OutputType.DENSE) {
            return null;
        }
        if (type == OutputType.SPARSE) {
            return given != null ? given : denseColumn;
        }
        String name = given != null ? given : denseColumn + "_sparse";
        if (name.equals(denseColumn)) {
            throw invalid(step, SPARSE_EMBEDDING_COLUMN_NAME.key(), "is \"" + name + "\", the dense vector's column "
                    + "too; with outputType dense&sparse give the sparse vector a column of its own");
        }
        return name;
    }

    private static List<String> sourceColumns(String step, Map<String, Object> columns) {
        Object raw = columns.get(SOURCE_COLUMN_NAMES);
        String key = EMBEDDING_COLUMNS.key() + "." + SOURCE_COLUMN_NAMES;
        if (raw == null) {
            throw invalid(step, key, "is missing; give the columns to embed, e.g. \"sourceColumnNames\": [\"title\", \"body\"]");
        }
        List<String> names = new ArrayList<>();
        if (raw instanceof String s) {
            names.add(s.trim());
        } else if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s) || s.isBlank()) {
                    throw invalid(step, key, "expected a list of column names, found element " + o);
                }
                names.add(s.trim());
            }
        } else {
            throw invalid(step, key, "expected a list of column names, got " + raw);
        }
        if (names.isEmpty() || names.get(0).isEmpty()) {
            throw invalid(step, key, "is empty; give at least one column to embed");
        }
        if (names.stream().distinct().count() != names.size()) {
            throw invalid(step, key, "names a column twice: " + names);
        }
        return names;
    }

    private static String embeddingColumn(String step, Map<String, Object> columns) {
        Object raw = columns.get(EMBEDDING_COLUMN_NAME);
        String key = EMBEDDING_COLUMNS.key() + "." + EMBEDDING_COLUMN_NAME;
        if (raw == null) {
            throw invalid(step, key, "is missing; give the name of the output vector column, e.g. \"embeddingColumnName\": \"vec\"");
        }
        if (!(raw instanceof String s) || s.isBlank()) {
            throw invalid(step, key, "expected a non-empty column name, got " + raw);
        }
        for (String k : columns.keySet()) {
            if (!k.equals(SOURCE_COLUMN_NAMES) && !k.equals(EMBEDDING_COLUMN_NAME)) {
                throw invalid(step, EMBEDDING_COLUMNS.key() + "." + k, "unknown key; expected only \""
                        + SOURCE_COLUMN_NAMES + "\" and \"" + EMBEDDING_COLUMN_NAME + "\"");
            }
        }
        return s.trim();
    }

    private static PluginException invalid(String step, String key, String problem) {
        return PluginException.config(key, problem + " (step " + step + ")");
    }
}
