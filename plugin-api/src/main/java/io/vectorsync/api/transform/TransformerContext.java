package io.vectorsync.api.transform;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.model.ModelRegistry;

/** The context of a transformer step: the generic one plus the installed embedding model providers. */
public interface TransformerContext extends PluginContext {
    /** The installed embedding model providers, for steps that embed. */
    ModelRegistry models();
}
