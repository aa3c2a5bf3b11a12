package io.vectorsync.model.pai;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.model.common.DeployedModelService;
import io.vectorsync.model.common.EndpointUrls;
import io.vectorsync.model.common.HttpModelOptions;

/**
 * The {@code paiModelGallery} model provider: a PAI-EAS service deployed from the PAI Model Gallery (bge-m3),
 * called on its OpenAI-compatible route with the raw EAS token as {@code Authorization}.
 */
public final class PaiModelFactory implements EmbeddingModelFactory {
    public static final String NAME = "paiModelGallery";

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
        String endpoint = config.get(PaiOptions.ENDPOINT);
        return DeployedModelService.open(NAME, config, config.get(PaiOptions.MODEL_NAME),
                config.getIfSet(PaiOptions.DIMENSION), HttpModelOptions.secret(config, PaiOptions.API_KEY).orElseThrow(),
                endpoint, EndpointUrls.join(endpoint, config.get(PaiOptions.REQUEST_PATH).strip(), "/embeddings"),
                config.get(PaiOptions.MAX_ROWS_PER_CALL));
    }
}
