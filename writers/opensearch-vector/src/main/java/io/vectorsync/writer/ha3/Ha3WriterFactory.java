package io.vectorsync.writer.ha3;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import java.util.List;

/**
 * Creates the {@code opensearch-vector} writer: Alibaba Cloud OpenSearch Vector Search Edition (the HA3 engine)
 * through its data-push HTTP API. Not to be confused with the {@code opensearch} writer (Apache OpenSearch k-NN).
 */
public final class Ha3WriterFactory implements WriterFactory {
    @Override
    public String name() {
        return "opensearch-vector";
    }

    @Override
    public List<String> aliases() {
        return List.of("ha3", "opensearch-ha3");
    }

    @Override
    public String description() {
        return "Writes documents and vectors to an Alibaba Cloud OpenSearch Vector Search Edition (HA3) table";
    }

    @Override
    public ConfigSpec configSpec() {
        return Ha3Options.SPEC;
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new Ha3Writer(config, context);
    }
}
