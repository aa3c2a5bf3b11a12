package io.vectorsync.api.writer;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.PluginFactory;
import io.vectorsync.api.PluginKind;
import io.vectorsync.api.config.PluginConfig;

/** Creates a writer step. Registered in {@code META-INF/services/io.vectorsync.api.writer.WriterFactory}. */
public interface WriterFactory extends PluginFactory {
    @Override
    default PluginKind kind() {
        return PluginKind.WRITER;
    }

    /** Creates the writer from validated parameters; must not open connections. */
    Writer create(PluginConfig config, PluginContext context);
}
