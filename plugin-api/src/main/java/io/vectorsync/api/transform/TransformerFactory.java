package io.vectorsync.api.transform;

import io.vectorsync.api.PluginFactory;
import io.vectorsync.api.PluginKind;
import io.vectorsync.api.config.PluginConfig;

/** Creates a transformer step. Registered in {@code META-INF/services/io.vectorsync.api.transform.TransformerFactory}. */
public interface TransformerFactory extends PluginFactory {
    @Override
    default PluginKind kind() {
        return PluginKind.TRANSFORMER;
    }

    /** Creates the transformer from validated parameters; must not open connections. */
    Transformer create(PluginConfig config, TransformerContext context);
}
