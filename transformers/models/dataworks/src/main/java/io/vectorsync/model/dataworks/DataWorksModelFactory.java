package io.vectorsync.model.dataworks;

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

/**
 * The {@code dataworksModelService} model provider: a model deployed with DataWorks' large language model
 * service, called on its OpenAI-style {@code POST /v1/embeddings} with the {@code DW-ms-…} token as
 * {@code Authorization}.
 */
public final class DataWorksModelFactory implements EmbeddingModelFactory {
    public static final String NAME = "dataworksModelService";
    static final int BGE_M3_DIMENSION = 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Embeddings from a DataWorks large language model service (for example bge-m3)";
    }

    @Override
    public ConfigSpec configSpec() {
        return DataWorksOptions.SPEC;
    }

    @Override
    public EmbeddingModel create(PluginConfig config, PluginContext context) {
        String model = config.get(DataWorksOptions.MODEL_NAME).strip();
        boolean bgeM3 = model.toLowerCase(Locale.ROOT).contains("bge-m3");
        int dimension = config.getIfSet(DataWorksOptions.DIMENSION).orElse(BGE_M3_DIMENSION);
        HttpModelOptions.require(!bgeM3 || dimension == BGE_M3_DIMENSION, "dimension",
                "bge-m3 gives 1024-dimension vectors only (was " + dimension + "); set dimension to 1024");
        String token = HttpModelOptions.secret(config, DataWorksOptions.API_KEY).orElseThrow();
        String endpoint = config.get(DataWorksOptions.ENDPOINT);
        String url = EndpointUrls.join(endpoint, "/v1/embeddings", "/embeddings");
        ModelLimits limits = new ModelLimits(config.get(DataWorksOptions.MAX_ROWS_PER_CALL), 0,
                bgeM3 ? 8192 : 0, dimension);
        ModelHttpClient client = new ModelHttpClient(NAME, HttpModelOptions.timeouts(config), token);
        String cacheKey = String.join("|", NAME, EndpointUrls.stripSlashes(endpoint.strip()), model,
                Integer.toString(dimension));
        return new OpenAiCompatibleModel(client, url, HttpModelOptions.authorization(token), model, null, limits,
                cacheKey);
    }
}
