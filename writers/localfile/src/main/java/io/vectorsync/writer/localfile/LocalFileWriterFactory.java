package io.vectorsync.writer.localfile;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;

/** The {@code localfile} writer: JSON-lines, csv or text files in a local directory (DataX txtfilewriter). */
public final class LocalFileWriterFactory implements WriterFactory {
    @Override
    public String name() {
        return "localfile";
    }

    @Override
    public String description() {
        return "Writes JSON-lines, csv or text files to a local directory, one file per stream";
    }

    @Override
    public ConfigSpec configSpec() {
        return LocalFileWriterOptions.SPEC;
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new LocalFileWriter(config, context);
    }
}
