package io.vectorsync.writer.stream;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;

/** The {@code stream} writer: prints records to standard output, or discards them (DataX streamwriter). */
public final class StreamWriterFactory implements WriterFactory {
    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String description() {
        return "Prints records to standard output or discards them (DataX streamwriter)";
    }

    @Override
    public ConfigSpec configSpec() {
        return StreamWriterOptions.SPEC;
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new StreamWriter(config, context);
    }
}
