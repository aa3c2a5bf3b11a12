package io.vectorsync.writer.opensearch;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;

/** Creates the {@code opensearch} writer: documents and {@code knn_vector} fields through {@code _bulk}. */
public final class OpenSearchWriterFactory implements WriterFactory {
    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public String description() {
        return "Writes documents and knn_vector fields to an OpenSearch index with _bulk";
    }

    @Override
    public ConfigSpec configSpec() {
        return OpenSearchOptions.SPEC;
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new OpenSearchWriter(config, context);
    }
}
