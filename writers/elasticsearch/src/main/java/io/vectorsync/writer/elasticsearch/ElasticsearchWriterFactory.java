package io.vectorsync.writer.elasticsearch;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;

/** Creates the {@code elasticsearch} writer: documents and {@code dense_vector} fields through {@code _bulk}. */
public final class ElasticsearchWriterFactory implements WriterFactory {
    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public String description() {
        return "Writes documents and dense_vector fields to an Elasticsearch index with _bulk";
    }

    @Override
    public ConfigSpec configSpec() {
        return ElasticsearchOptions.SPEC;
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new ElasticsearchWriter(config, context);
    }
}
