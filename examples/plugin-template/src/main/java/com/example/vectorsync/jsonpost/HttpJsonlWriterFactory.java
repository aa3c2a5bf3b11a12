package com.example.vectorsync.jsonpost;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;

/**
 * The plugin's entry point, registered in {@code META-INF/services/io.vectorsync.api.writer.WriterFactory}. Its
 * {@link #name()} is what a job writes as {@code "stepType"} and must equal {@code name=} in plugin.properties.
 */
public final class HttpJsonlWriterFactory implements WriterFactory {
    @Override
    public String name() {
        return "http-jsonl";
    }

    @Override
    public String description() {
        return "POSTs each batch of records as JSON lines to a URL.";
    }

    @Override
    public ConfigSpec configSpec() {
        return HttpJsonlOptions.SPEC;
    }

    /** Must not connect: {@code vectorsync validate} creates writers too. */
    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new HttpJsonlWriter(config, context);
    }
}
