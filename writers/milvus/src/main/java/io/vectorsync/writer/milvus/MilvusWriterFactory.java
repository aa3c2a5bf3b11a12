package io.vectorsync.writer.milvus;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;

/** The {@code milvus} writer step: rows and vectors into a Milvus collection. */
public final class MilvusWriterFactory implements WriterFactory {
    @Override
    public String name() {
        return "milvus";
    }

    @Override
    public String description() {
        return "Writes rows and vectors to a Milvus collection (insert or upsert), creating it with an index if asked.";
    }

    @Override
    public ConfigSpec configSpec() {
        return MilvusOptions.SPEC;
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new MilvusWriter(config, context);
    }
}
