package io.vectorsync.core.testplugins;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.api.model.OutputType;
import io.vectorsync.api.record.SparseVector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test model provider "sparsecount" with sparse output: 4-dimension dense vectors and one sparse entry per text,
 * at the text's length with weight 1. Counts the texts it was really sent.
 */
public final class SparseModelFactory implements EmbeddingModelFactory {
    public static final AtomicLong TEXTS_SENT = new AtomicLong();

    @Override
    public String name() {
        return "sparsecount";
    }

    @Override
    public String description() {
        return "test model with sparse output";
    }

    @Override
    public String sparseOutput() {
        return "any model";
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
                return new ModelLimits(10, 0, 0, 4);
            }

            @Override
            public String cacheKey() {
                return "sparsecount";
            }

            @Override
            public Set<OutputType> outputTypes() {
                return EnumSet.allOf(OutputType.class);
            }

            @Override
            public CompletableFuture<Embeddings> embed(List<String> texts) {
                return embed(texts, OutputType.DENSE);
            }

            @Override
            public CompletableFuture<Embeddings> embed(List<String> texts, OutputType type) {
                TEXTS_SENT.addAndGet(texts.size());
                List<float[]> dense = new ArrayList<>();
                List<SparseVector> sparse = new ArrayList<>();
                for (String t : texts) {
                    if (type.dense()) {
                        dense.add(new float[] {1, 0, 0, t.length()});
                    }
                    if (type.sparse()) {
                        sparse.add(new SparseVector(new int[] {t.length()}, new float[] {1}));
                    }
                }
                return CompletableFuture.completedFuture(new Embeddings(dense, texts.size(), sparse));
            }
        };
    }
}
