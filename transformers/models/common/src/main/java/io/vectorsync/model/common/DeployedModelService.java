package io.vectorsync.model.common;

import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.ModelLimits;
import java.util.Locale;
import java.util.Optional;

/**
 * A model deployed as a service on Alibaba Cloud (DataWorks' large language model service, a PAI-EAS service of
 * the PAI Model Gallery): called on its OpenAI-compatible route with the raw service token as
 * {@code Authorization}. bge-m3, the usual deployment, gives 1024-dimension vectors of texts up to 8192 tokens.
 */
public final class DeployedModelService {
    public static final int BGE_M3_DIMENSION = 1024;
    public static final int BGE_M3_MAX_TOKENS = 8192;

    private DeployedModelService() {
    }

    /**
     * The model {@code model} of the service at {@code url} (its base {@code endpoint} keys the vector cache).
     *
     * @param provider  the provider's name, for messages and the cache key
     * @param dimension the {@code dimension} parameter when set; bge-m3's 1024 otherwise
     */
    public static EmbeddingModel open(String provider, PluginConfig config, String model, Optional<Integer> dimension,
                                      String token, String endpoint, String url, int maxRowsPerCall) {
        String name = model.strip();
        boolean bgeM3 = name.toLowerCase(Locale.ROOT).contains("bge-m3");
        int dims = dimension.orElse(BGE_M3_DIMENSION);
        HttpModelOptions.require(!bgeM3 || dims == BGE_M3_DIMENSION, "dimension",
                "bge-m3 gives 1024-dimension dense vectors only (was " + dims + "); set dimension to 1024");
        ModelLimits limits = new ModelLimits(maxRowsPerCall, 0, bgeM3 ? BGE_M3_MAX_TOKENS : 0, dims);
        ModelHttpClient client = new ModelHttpClient(provider, HttpModelOptions.timeouts(config), token);
        String cacheKey = String.join("|", provider, EndpointUrls.stripSlashes(endpoint.strip()), name,
                Integer.toString(dims));
        return new OpenAiCompatibleModel(client, url, HttpModelOptions.authorization(token), name, null, limits,
                cacheKey);
    }
}
