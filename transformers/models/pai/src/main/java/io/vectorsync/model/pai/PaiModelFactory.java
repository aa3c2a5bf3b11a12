package io.vectorsync.model.pai;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.model.common.EndpointUrls;
import io.vectorsync.model.common.HttpModelOptions;
import io.vectorsync.model.common.ModelHttpClient;
import io.vectorsync.model.common.OpenAiCompatibleModel;
import java.util.Locale;
import okhttp3.Headers;

/**
 * The {@code paiModelGallery} model provider: a PAI-EAS service deployed from the PAI Model Gallery (bge-m3),
 * called on its OpenAI-compatible route with the raw EAS token as {@code Authorization}.
 */
public final class PaiModelFactory implements EmbeddingModelFactory {
    public static final String NAME = "paiModelGallery";
    static final int BGE_M3_DIMENSION = 1024;
    static final int BGE_M3_MAX_TOKENS = 8192;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Embeddings from a PAI-EAS service of the PAI Model Gallery (bge-m3, 1024 dimensions)";
    }

    @Override
    public ConfigSpec configSpec() {
        return PaiOptions.SPEC;
    }

    @Override
    public EmbeddingModel create(PluginConfig config, PluginContext context) {
        String model = config.get(PaiOptions.MODEL_NAME).strip();
        boolean bgeM3 = model.toLowerCase(Locale.ROOT).contains("bge-m3");
        int dimension = config.getIfSet(PaiOptions.DIMENSION).orElse(BGE_M3_DIMENSION);
        HttpModelOptions.require(!bgeM3 || dimension == BGE_M3_DIMENSION, "dimension",
                "bge-m3 gives 1024-dimension dense vectors only (was " + dimension + "); set dimension to 1024");
        String token = HttpModelOptions.secret(config, PaiOptions.API_KEY).orElseThrow();
        String endpoint = config.get(PaiOptions.ENDPOINT);
        String url = EndpointUrls.join(endpoint, config.get(PaiOptions.REQUEST_PATH).strip(), "/embeddings");
        ModelLimits limits = new ModelLimits(config.get(PaiOptions.MAX_ROWS_PER_CALL), 0,
                bgeM3 ? BGE_M3_MAX_TOKENS : 0, dimension);
        ModelHttpClient client = new ModelHttpClient(NAME, HttpModelOptions.timeouts(config), token);
        Headers headers = HttpModelOptions.authorization(token);
        String cacheKey = String.join("|", NAME, EndpointUrls.stripSlashes(endpoint.strip()), model,
                Integer.toString(dimension));
        return new OpenAiCompatibleModel(client, url, headers, model, null, limits, cacheKey);
    }
}
