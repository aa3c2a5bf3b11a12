package io.vectorsync.api.model;

import java.util.Map;

/**
 * The installed embedding model providers, as the core offers them to transformers. The embedding step opens
 * its model through this, so model providers stay separate plugins in their own class loaders.
 */
public interface ModelRegistry {
    /**
     * Creates a client of provider {@code provider} from the step's {@code parameters}: the keys the provider
     * declares are validated and passed on, the others ignored. Throws a PluginException naming the installed
     * providers when {@code provider} is unknown, or listing the parameter problems.
     */
    EmbeddingModel open(String provider, Map<String, Object> parameters);

    /**
     * The installed providers whose models can return sparse vectors, each with
     * {@link EmbeddingModelFactory#sparseOutput()}; for the message refusing a sparse {@code outputType}.
     */
    default Map<String, String> sparseProviders() {
        return Map.of();
    }

    /**
     * True while {@code vectorsync estimate} runs the job: the models opened here count texts and tokens and
     * return zero vectors without calling the service, and the embedding step must not store those vectors (no
     * persistent cache writes), wait for rate limits or check the service. Default: false.
     */
    default boolean estimating() {
        return false;
    }
}
