package io.vectorsync.core.console;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.api.writer.WriterTask;
import java.util.List;

/**
 * Test writer "columns-probe", found on the test class path: declares a typed nested list ({@code column}, with a
 * shorthand) and a secret, so the browser test can drive the editable table the editor draws for such options.
 * It validates and binds; it never writes.
 */
public final class ColumnsProbeWriterFactory implements WriterFactory {
    static final Option<String> NAME = Option.stringOption("name").required().description("Field to write.").build();
    static final Option<String> TYPE = Option.stringOption("type").defaultValue("string")
            .oneOf("string", "long", "double", "float_vector").description("Target type.").build();
    static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", ConfigSpec.builder().add(NAME, TYPE).build())
            .shorthand("name").description("The target's columns.").build();
    static final Option<Secret> PASSWORD = Option.secretOption("password").description("A secret.").build();

    @Override
    public String name() {
        return "columns-probe";
    }

    @Override
    public String description() {
        return "Test writer with a typed column list.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(COLUMN, PASSWORD).build();
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        return new Writer() {
            @Override
            public void bind(Schema input) {
            }

            @Override
            public WriterTask openTask(int streamIndex) {
                throw new UnsupportedOperationException("columns-probe never writes");
            }

            @Override
            public void close() {
            }
        };
    }
}
