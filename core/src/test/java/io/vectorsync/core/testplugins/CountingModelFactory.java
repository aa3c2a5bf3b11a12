package io.vectorsync.core.testplugins;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test model provider "counting": 8-dimension vectors from the text's hash, 10 texts per call, priced at 2 USD per
 * million tokens; reports one token per character. Counts the texts it was really sent.
 */
public final class CountingModelFactory implements EmbeddingModelFactory {
    public static final AtomicLong TEXTS_SENT = new AtomicLong();
    static final Option<String> MODEL_NAME = Option.stringOption("modelName").defaultValue("count-embed").build();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public String description() {
        return "test model";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(MODEL_NAME).build();
    }

    @Override
    public EmbeddingModel create(PluginConfig config, PluginContext context) {
        return new EmbeddingModel() {
            @Override
            public ModelLimits limits() {
                return new ModelLimits(10, 0, 0, 8);
            }

            @Override
            public String cacheKey() {
                return "counting/" + config.get(MODEL_NAME) + "/8";
            }

            @Override
            public CompletableFuture<Embeddings> embed(List<String> texts) {
                TEXTS_SENT.addAndGet(texts.size());
                List<float[]> vectors = new ArrayList<>();
                long tokens = 0;
                for (String t : texts) {
                    float[] v = new float[8];
                    v[Math.floorMod(t.hashCode(), 8)] = 1;
                    vectors.add(v);
                    tokens += t.length();
                }
                return CompletableFuture.completedFuture(new Embeddings(vectors, tokens));
            }

            @Override
            public Optional<Price> price() {
                return Optional.of(new Price(2.0, "USD"));
            }
        };
    }
}
