package io.vectorsync.model.dataworks;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.model.common.DeployedModelService;
import io.vectorsync.model.common.EndpointUrls;
import io.vectorsync.model.common.HttpModelOptions;

/**
 * The {@code dataworksModelService} model provider: a model deployed with DataWorks' large language model
 * service, called on its OpenAI-style {@code POST /v1/embeddings} with the {@code DW-ms-…} token as
 * {@code Authorization}.
 */
public final class DataWorksModelFactory implements EmbeddingModelFactory {
    public static final String NAME = "dataworksModelService";

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
        String endpoint = config.get(DataWorksOptions.ENDPOINT);
        return DeployedModelService.open(NAME, config, config.get(DataWorksOptions.MODEL_NAME),
                config.getIfSet(DataWorksOptions.DIMENSION),
                HttpModelOptions.secret(config, DataWorksOptions.API_KEY).orElseThrow(), endpoint,
                EndpointUrls.join(endpoint, "/v1/embeddings", "/embeddings"),
                config.get(DataWorksOptions.MAX_ROWS_PER_CALL));
    }
}
