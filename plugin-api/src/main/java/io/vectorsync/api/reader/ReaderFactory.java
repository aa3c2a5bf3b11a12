package io.vectorsync.api.reader;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.PluginFactory;
import io.vectorsync.api.PluginKind;
import io.vectorsync.api.config.PluginConfig;

/** Creates the reader of one job step. Registered in {@code META-INF/services/io.vectorsync.api.reader.ReaderFactory}. */
public interface ReaderFactory extends PluginFactory {
    @Override
    default PluginKind kind() {
        return PluginKind.READER;
    }

    /**
     * Creates the reader from validated parameters. Must not open connections: {@code validate} creates readers
     * too. Throw {@link io.vectorsync.api.error.PluginException} for problems the spec cannot express.
     */
    Reader create(PluginConfig config, PluginContext context);
}
