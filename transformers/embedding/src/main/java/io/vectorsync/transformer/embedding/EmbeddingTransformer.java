package io.vectorsync.transformer.embedding;

import static java.util.Objects.requireNonNull;

import io.vectorsync.api.transform.TransformerContext;
import io.vectorsync.api.config.Suggestions;
import io.vectorsync.api.error.DirtyRecordReporter;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.api.model.OutputType;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code embedding-transformer} step. One instance serves every stream of the job concurrently; the model
 * client, the vector cache and the endpoint's rate limiter are shared, each {@link #transform} call keeps its
 * own calls in flight. Per batch: compose each record's text ({@link TextComposer}), apply the model's size
 * limits ({@link TextBudget}), look distinct texts up in the cache, embed the misses
 * ({@link EmbeddingCallScheduler}), then emit the records in input order with the vector column added.
 */
final class EmbeddingTransformer implements Transformer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingTransformer.class);
    private final EmbeddingOptions options;
    private final TransformerContext context;
    private final EmbeddingModel model;
    private final ModelLimits limits;
    private final TextComposer composer;
    private final TextBudget budget;
    /** Texts to embed (records with a non-empty text), counted for estimates and reports. */
    static final String TEXTS = "texts";
    /** With {@code vectorsync estimate}: the run's duration at the configured rate limits. */
    static final String ESTIMATED_MILLIS = "estimatedMillis";
    private final PersistentCache persistent;
    private final boolean estimating;
    private final java.util.Optional<EmbeddingModel.Price> price;
    private final io.vectorsync.api.Metrics.Counter texts;
    private final VectorResolver resolver;
    private final EndpointRateLimiter limiter;
    private final EmbeddingCallScheduler scheduler;
    private final String apiKey;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int dimension;
    private volatile Plan plan;

    /** Positions resolved against the planned input schema; -1 for a vector column the outputType does not add. */
    private record Plan(Schema input, Schema output, int[] sourcePositions, int vectorPosition, int sparsePosition) {
    }

    EmbeddingTransformer(EmbeddingOptions options, Map<String, Object> rawParameters, TransformerContext context) {
        this.options = requireNonNull(options, "options is null");
        this.context = requireNonNull(context, "context is null");
        this.apiKey = options.apiKey() == null ? "" : options.apiKey().reveal();
        Map<String, Object> modelParameters = new LinkedHashMap<>(rawParameters);
        this.model = requireNonNull(context.models().open(options.modelProvider(), modelParameters), "model is null");
        this.limits = model.limits();
        requireOutputType(model, options, context);
        // an omitted dimension means the provider's default (the model's own size for fixed-size models)
        this.dimension = options.dimension() != null ? options.dimension() : limits.dimension();
        this.composer = new TextComposer(options);
        this.budget = new TextBudget(limits);
        model.useMetrics(context.metrics());
        this.estimating = context.models().estimating();
        // an estimate must see every repeat as a repeat: its vectors are shared zero arrays, so bound nothing
        EmbeddingCache memory = new EmbeddingCache(estimating ? Long.MAX_VALUE : options.cacheSize() * 1024 * 1024);
        // the persistent store holds dense vectors of one dimension; sparse output is cached in memory only
        PersistentCache store = options.outputType() != OutputType.DENSE ? null
                : PersistentCaches.open(options.persistentCache(), options.modelProvider(), model.cacheKey(),
                dimension, context.stepName());
        this.persistent = estimating && store != null ? PersistentCaches.readOnly(store) : store;
        this.price = options.pricePerMillionTokens() != null
                ? java.util.Optional.of(new EmbeddingModel.Price(options.pricePerMillionTokens(), options.priceCurrency()))
                : model.price();
        this.texts = context.metrics().counter(TEXTS);
        this.limiter = estimating ? EndpointRateLimiter.unshared(0, 0, 0, System::nanoTime)
                : EndpointRateLimiter.ofRun(context, options.modelProvider(), options.endpoint(), options.apiKey(),
                options.requestsPerSecond(), options.requestsPerMinute(), options.tokensPerMinute());
        int callSize = Math.min(options.batchSize(), limits.maxRowsPerCall());
        this.scheduler = new EmbeddingCallScheduler(model, options.modelProvider(), options.modelName(),
                context.stepName(), callSize, options.concurrentRequests(), dimension,
                new RetryPolicy(options.maxRetries(), options.initialBackoffMs(), options.maxBackoffMs()),
                limiter, context.metrics(), this::scrub, context::stopRequested, price)
                .outputType(options.outputType());
        this.resolver = new VectorResolver(memory, persistent, scheduler, context.metrics(), context::stopRequested,
                context.stepName());
    }

    @Override
    public Schema outputSchema(Schema input) {
        List<String> names = options.sourceColumnNames();
        int[] positions = new int[names.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = input.indexOf(names.get(i));
            if (positions[i] < 0) {
                String suggestion = Suggestions.closest(names.get(i), input.names());
                throw new PluginException(EmbeddingErrorCode.COLUMN_NOT_FOUND, context.stepName()
                        + ": \"embeddingColumns.sourceColumnNames\": no column \"" + names.get(i) + "\" in the input"
                        + (suggestion == null ? "" : "; did you mean \"" + suggestion + "\"?")
                        + "; available fields: " + input.names());
            }
        }
        if (limits.dimension() != dimension) {
            throw new PluginException(EmbeddingErrorCode.DIMENSION_MISMATCH, context.stepName() + ": model provider \""
                    + options.modelProvider() + "\" returns " + limits.dimension() + "-dimensional vectors but "
                    + "\"dimension\" is " + dimension + "; set dimension to a value the model supports");
        }
        Schema.Builder b = input.toBuilder();
        OutputType type = options.outputType();
        if (type.dense()) {
            b.put(Field.of(options.embeddingColumnName(), DataType.floatVector(dimension)));
        }
        if (type.sparse()) {
            b.put(Field.of(options.sparseEmbeddingColumnName(), DataType.SPARSE_VECTOR));
        }
        Schema output = b.build();
        plan = new Plan(input, output, positions, type.dense() ? output.indexOf(options.embeddingColumnName()) : -1,
                type.sparse() ? output.indexOf(options.sparseEmbeddingColumnName()) : -1);
        return output;
    }

    /**
     * Refuses an outputType the model cannot return, when the step is created (before anything is read), naming
     * the installed providers that can.
     */
    private static void requireOutputType(EmbeddingModel model, EmbeddingOptions options, TransformerContext context) {
        if (model.outputTypes().contains(options.outputType())) {
            return;
        }
        Map<String, String> able = context.models().sparseProviders();
        StringBuilder list = new StringBuilder();
        able.forEach((provider, models) -> list.append(list.length() == 0 ? "" : "; ").append(provider)
                .append(" (").append(models).append(')'));
        throw PluginException.config("outputType", context.stepName() + ": model provider \""
                + options.modelProvider() + "\"" + (options.modelName() == null ? "" : " (model " + options.modelName()
                + ")") + " returns " + model.outputTypes() + " vectors, not \"" + options.outputType() + "\"; "
                + (able.isEmpty() ? "no installed provider returns sparse vectors"
                : "providers that return sparse vectors: " + list) + "; or set outputType to dense");
    }

    /**
     * Proves endpoint and credentials before data moves. A throttled or unavailable service does not fail the
     * job here: the run retries those anyway; wrong credentials or an unknown model do.
     */
    @Override
    public void check() throws Exception {
        if (estimating) {
            return; // an estimate calls no service
        }
        try {
            model.check();
        } catch (ModelException e) {
            if (e.kind() != ModelException.Kind.THROTTLED && e.kind() != ModelException.Kind.TRANSIENT) {
                throw e;
            }
            LOG.warn("{}: could not check model provider {} before the run ({}); the run will retry", context.stepName(),
                    options.modelProvider(), scrub(e.getMessage()));
        }
    }

    @Override
    public void transform(List<Row> batch, TransformOutput output) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        Plan p = planFor(batch.get(0).schema());
        DirtyRecordReporter dirty = context.dirtyRecords();
        String[] texts = new String[batch.size()];
        boolean[] nullVector = new boolean[batch.size()];
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < texts.length; i++) {
            TextComposer.Composed composed = composer.compose(batch.get(i), p.sourcePositions());
            if (composed.isEmptyVector()) {
                nullVector[i] = true; // nullAsEmptyString: an empty text continues with a NULL vector, never sent
                continue;
            }
            texts[i] = textOf(batch.get(i), composed, dirty);
            if (texts[i] != null) {
                distinct.add(texts[i]);
                this.texts.increment();
            }
        }
        Map<String, VectorResolver.Outcome> vectors = distinct.isEmpty() ? Map.of() : resolver.resolve(distinct);
        for (int i = 0; i < texts.length; i++) {
            if (nullVector[i]) {
                output.emit(withVector(batch.get(i), p, null));
                continue;
            }
            if (texts[i] == null) {
                continue;
            }
            VectorResolver.Outcome o = vectors.get(texts[i]);
            if (o.vector() == null) {
                dirty.report(batch.get(i), EmbeddingErrorCode.INPUT_REJECTED, "model provider \""
                        + options.modelProvider() + "\" rejected the text of " + options.sourceColumnNames() + ": "
                        + o.rejection());
                continue;
            }
            output.emit(withVector(batch.get(i), p, o.vector().clone()));
        }
    }

    /** The text to embed, or null after reporting the record dirty. */
    private String textOf(Row record, TextComposer.Composed composed, DirtyRecordReporter dirty) {
        if (!composed.isOk()) {
            dirty.report(record, composed.error(), composed.message());
            return null;
        }
        String text = composed.text();
        if (budget.fits(text)) {
            return text;
        }
        if (options.oversizeTextPolicy() == EmbeddingOptions.OversizePolicy.DIRTY) {
            dirty.report(record, EmbeddingErrorCode.TEXT_TOO_LONG, "the text to embed has " + budget.describe(text)
                    + "; set oversizeTextPolicy to truncate to embed its beginning");
            return null;
        }
        return budget.truncate(text);
    }

    private Plan planFor(Schema schema) {
        Plan p = plan;
        if (p == null || !p.input().equals(schema)) {
            outputSchema(schema);
            p = plan;
        }
        return p;
    }

    /** {@code in} plus its vectors: {@code payload} is the dense vector, or a {@link SparsePayload}; null: NULL. */
    private Row withVector(Row in, Plan p, float[] payload) {
        Object[] values = new Object[p.output().size()];
        for (int i = 0; i < in.size(); i++) {
            values[i] = in.get(i);
        }
        if (payload == null) {
            return Row.wrap(p.output(), values); // NULL dense and sparse vectors
        }
        if (p.sparsePosition() < 0) {
            values[p.vectorPosition()] = payload;
            return Row.wrap(p.output(), values);
        }
        if (p.vectorPosition() >= 0) {
            values[p.vectorPosition()] = SparsePayload.dense(payload, dimension);
        }
        values[p.sparsePosition()] = SparsePayload.sparse(payload, p.vectorPosition() >= 0 ? dimension : 0);
        return Row.wrap(p.output(), values);
    }

    /**
     * How long the calls and tokens counted so far take at the configured limits (as the limiter spaces them,
     * headroom included); 0 when no limit is configured.
     */
    private long estimatedMillis() {
        long calls = context.metrics().counter(io.vectorsync.api.Metrics.MODEL_CALLS).get();
        long tokens = context.metrics().counter(io.vectorsync.api.Metrics.TOKENS).get();
        double seconds = 0;
        if (options.requestsPerSecond() > 0) {
            seconds = Math.max(seconds, calls / options.requestsPerSecond());
        }
        if (options.requestsPerMinute() > 0) {
            seconds = Math.max(seconds, calls * 60.0 / options.requestsPerMinute());
        }
        if (options.tokensPerMinute() > 0) {
            seconds = Math.max(seconds, tokens * 60.0 / options.tokensPerMinute());
        }
        return Math.round(seconds * 1000 / EndpointRateLimiter.HEADROOM);
    }

    /** Removes the API key from a provider message, should a provider ever echo it. */
    private String scrub(String message) {
        if (message == null) {
            return "";
        }
        return apiKey.length() >= 4 ? message.replace(apiKey, "******") : message;
    }

    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            if (estimating) {
                context.metrics().counter(ESTIMATED_MILLIS).add(estimatedMillis());
            }
            try {
                model.close();
            } finally {
                if (persistent != null) {
                    persistent.close();
                }
            }
        }
    }
}
