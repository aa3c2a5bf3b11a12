package io.vectorsync.transformer.embedding;

import io.vectorsync.api.transform.TransformerContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerFactory;

/** The {@code embedding-transformer} step: turns chosen columns into a vector column through an embedding model. */
public final class EmbeddingTransformerFactory implements TransformerFactory {
    private static final ConfigSpec SPEC = EmbeddingOptions.spec();

    @Override
    public String name() {
        return "embedding-transformer";
    }

    @Override
    public String description() {
        return "Turns chosen fields into vectors through an embedding model (batched, cached, rate limited).";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Transformer create(PluginConfig config, TransformerContext context) {
        return new EmbeddingTransformer(EmbeddingOptions.from(config), config.raw(), context);
    }
}
