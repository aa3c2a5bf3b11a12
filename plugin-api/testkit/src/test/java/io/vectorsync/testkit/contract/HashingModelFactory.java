package io.vectorsync.testkit.contract;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A deterministic in-process model for the kit's own tests: each component is a byte sum of the text, seeded by
 * its position. {@code reversed} makes it a broken provider that answers in the wrong order.
 */
final class HashingModelFactory implements EmbeddingModelFactory {
    static final int DIMENSION = 8;
    private final boolean reversed;

    HashingModelFactory(boolean reversed) {
        this.reversed = reversed;
    }

    @Override
    public String name() {
        return "hashing";
    }

    @Override
    public String description() {
        return "deterministic vectors from the bytes of the text";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().build();
    }

    @Override
    public EmbeddingModel create(PluginConfig config, PluginContext context) {
        return new EmbeddingModel() {
            @Override
            public ModelLimits limits() {
                return new ModelLimits(16, 10_000, 10_000, DIMENSION);
            }

            @Override
            public String cacheKey() {
                return "hashing/" + DIMENSION;
            }

            @Override
            public CompletableFuture<Embeddings> embed(List<String> texts) {
                List<float[]> vectors = new ArrayList<>();
                for (String t : texts) {
                    vectors.add(vector(t));
                }
                if (reversed) {
                    Collections.reverse(vectors);
                }
                return CompletableFuture.completedFuture(new Embeddings(vectors, texts.size()));
            }
        };
    }

    private static float[] vector(String text) {
        float[] v = new float[DIMENSION];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            v[i % DIMENSION] += (bytes[i] & 0xff) * (1 + i % 7);
        }
        return v;
    }
}
