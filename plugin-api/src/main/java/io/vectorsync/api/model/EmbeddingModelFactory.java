package io.vectorsync.api.model;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.PluginFactory;
import io.vectorsync.api.PluginKind;
import io.vectorsync.api.config.PluginConfig;

/**
 * Creates an embedding model client. The plugin's name is the embedding step's {@code modelProvider}
 * ({@code bailian}, {@code paiModelGallery}, {@code openai}, {@code onnx}…). Registered in
 * {@code META-INF/services/io.vectorsync.api.model.EmbeddingModelFactory}.
 */
public interface EmbeddingModelFactory extends PluginFactory {
    @Override
    default PluginKind kind() {
        return PluginKind.MODEL;
    }

    /**
     * Creates the client from the embedding step's parameters that this spec declares ({@code modelName},
     * {@code apiKey}, {@code endpoint}, {@code dimension}, provider-specific ones). Must not connect.
     */
    EmbeddingModel create(PluginConfig config, PluginContext context);

    /**
     * Which of this provider's models return sparse vectors (e.g. "text-embedding-v3, text-embedding-v4"), shown
     * when a step asks another provider for them; {@code null} (the default) when none do.
     */
    default String sparseOutput() {
        return null;
    }
}
