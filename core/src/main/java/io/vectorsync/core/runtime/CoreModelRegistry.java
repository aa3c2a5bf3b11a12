package io.vectorsync.core.runtime;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.PluginKind;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Suggestions;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.api.model.ModelRegistry;
import io.vectorsync.api.model.OutputType;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.plugin.PluginRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Offers the installed model providers to transformers. A model is created in its own plugin's class loader,
 * and every call into it sets that loader as context class loader.
 */
public final class CoreModelRegistry implements ModelRegistry {
    private final PluginRegistry plugins;
    private final String stepName;
    private final Supplier<PluginContext> context;
    private final boolean estimating;

    public CoreModelRegistry(PluginRegistry plugins, String stepName, Supplier<PluginContext> context) {
        this(plugins, stepName, context, false);
    }

    /** With {@code estimating}, models count texts and tokens instead of calling the service (see {@link #estimating()}). */
    public CoreModelRegistry(PluginRegistry plugins, String stepName, Supplier<PluginContext> context,
                             boolean estimating) {
        this.plugins = plugins;
        this.stepName = stepName;
        this.context = context;
        this.estimating = estimating;
    }

    @Override
    public boolean estimating() {
        return estimating;
    }

    @Override
    public EmbeddingModel open(String provider, Map<String, Object> parameters) {
        LoadedPlugin plugin = find(plugins, provider);
        EmbeddingModelFactory factory = (EmbeddingModelFactory) plugin.factory();
        PluginConfig config = factory.configSpec().bindDeclared(stepName, "model provider " + provider, parameters);
        try {
            EmbeddingModel model = plugin.call(() -> factory.create(config, context.get()));
            EmbeddingModel switching = new ContextSwitchingModel(model, plugin);
            return estimating ? new EstimatingModel(switching) : switching;
        } catch (PluginException e) {
            throw e;
        } catch (Exception e) {
            throw new PluginException(CommonErrorCode.INTERNAL, "model provider " + provider + " failed to start: " + e, e);
        }
    }

    @Override
    public Map<String, String> sparseProviders() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String name : plugins.names(PluginKind.MODEL)) {
            plugins.find(PluginKind.MODEL, name).ifPresent(p -> {
                String models = ((EmbeddingModelFactory) p.factory()).sparseOutput();
                if (models != null) {
                    out.put(name, models);
                }
            });
        }
        return out;
    }

    /** The provider's plugin, or a PluginException listing the installed ones. */
    public static LoadedPlugin find(PluginRegistry plugins, String provider) {
        // DataWorks' names are matched whatever their case and surrounding spaces ("Bailian", " bailian ")
        String name = provider.trim();
        return plugins.find(PluginKind.MODEL, name).or(() -> plugins.names(PluginKind.MODEL).stream()
                .filter(n -> n.equalsIgnoreCase(name)).findFirst()
                .flatMap(n -> plugins.find(PluginKind.MODEL, n))).orElseThrow(() -> {
            List<String> names = plugins.names(PluginKind.MODEL);
            String suggestion = Suggestions.closest(provider, names);
            return new PluginException(CommonErrorCode.CONFIG_INVALID, "\"modelProvider\": unknown provider \""
                    + provider + "\"" + (suggestion != null ? "; did you mean \"" + suggestion + "\"?" : "")
                    + "; installed: " + names);
        });
    }

    /** The parameters the provider declares (by key or alias); the step's own ones are not its business. */
    public static Map<String, Object> ownParameters(ConfigSpec spec, Map<String, Object> parameters) {
        return spec.select(parameters);
    }

    /** Sets the model plugin's class loader around each call. */
    private record ContextSwitchingModel(EmbeddingModel delegate, LoadedPlugin plugin) implements EmbeddingModel {
        @Override
        public ModelLimits limits() {
            return call(delegate::limits);
        }

        @Override
        public String cacheKey() {
            return call(delegate::cacheKey);
        }

        @Override
        public CompletableFuture<Embeddings> embed(List<String> texts) {
            return call(() -> delegate.embed(texts));
        }

        @Override
        public java.util.Set<OutputType> outputTypes() {
            return call(delegate::outputTypes);
        }

        @Override
        public CompletableFuture<Embeddings> embed(List<String> texts, OutputType type) {
            return call(() -> delegate.embed(texts, type));
        }

        @Override
        public void check() throws Exception {
            plugin.run(delegate::check);
        }

        @Override
        public void useMetrics(io.vectorsync.api.Metrics metrics) {
            call(() -> {
                delegate.useMetrics(metrics);
                return null;
            });
        }

        @Override
        public java.util.Optional<Price> price() {
            return call(delegate::price);
        }

        @Override
        public long estimateTokens(String text) {
            return call(() -> delegate.estimateTokens(text));
        }

        @Override
        public void close() throws Exception {
            plugin.run(delegate::close);
        }

        private <T> T call(java.util.concurrent.Callable<T> c) {
            try {
                return plugin.call(c);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new PluginException(CommonErrorCode.INTERNAL, e.toString(), e);
            }
        }
    }

    /**
     * For {@code vectorsync estimate}: the real model's limits, key, price and token counts, but no call: each
     * text gets a zero vector and the reply's tokens are the model's estimate.
     */
    private record EstimatingModel(EmbeddingModel real) implements EmbeddingModel {
        @Override
        public ModelLimits limits() {
            return real.limits();
        }

        @Override
        public String cacheKey() {
            return real.cacheKey();
        }

        @Override
        public CompletableFuture<Embeddings> embed(List<String> texts) {
            float[] zero = new float[real.limits().dimension()]; // one shared array: an estimate keeps millions
            List<float[]> vectors = new java.util.ArrayList<>(texts.size());
            long tokens = 0;
            for (String t : texts) {
                vectors.add(zero);
                tokens += real.estimateTokens(t);
            }
            return CompletableFuture.completedFuture(new Embeddings(vectors, tokens));
        }

        @Override
        public java.util.Set<OutputType> outputTypes() {
            return real.outputTypes();
        }

        /** As {@link #embed(List)}, with an empty sparse vector per text when sparse output is asked for. */
        @Override
        public CompletableFuture<Embeddings> embed(List<String> texts, OutputType type) {
            Embeddings dense = embed(texts).join();
            List<io.vectorsync.api.record.SparseVector> sparse = type.sparse()
                    ? java.util.Collections.nCopies(texts.size(), new io.vectorsync.api.record.SparseVector(new int[0],
                    new float[0])) : List.of();
            return CompletableFuture.completedFuture(new Embeddings(type.dense() ? dense.vectors() : List.of(),
                    dense.tokens(), sparse));
        }

        @Override
        public java.util.Optional<Price> price() {
            return real.price();
        }

        @Override
        public long estimateTokens(String text) {
            return real.estimateTokens(text);
        }

        @Override
        public void close() throws Exception {
            real.close();
        }
    }
}
