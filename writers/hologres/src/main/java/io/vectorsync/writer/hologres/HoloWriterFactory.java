package io.vectorsync.writer.hologres;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import java.util.List;

/** The {@code holo} (alias {@code hologres}) writer step: rows and float4[] vectors into a Hologres/PostgreSQL table. */
public final class HoloWriterFactory implements WriterFactory {
    @Override
    public String name() {
        return "holo";
    }

    @Override
    public List<String> aliases() {
        return List.of("hologres");
    }

    @Override
    public String description() {
        return "Writes rows and float4[] vectors to a Hologres or PostgreSQL table (binary COPY or INSERT ON CONFLICT).";
    }

    @Override
    public ConfigSpec configSpec() {
        return HoloOptions.SPEC;
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new HoloWriter(config, context);
    }
}
