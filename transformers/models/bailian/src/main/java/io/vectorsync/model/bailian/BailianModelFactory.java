package io.vectorsync.model.bailian;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.model.common.EndpointUrls;
import io.vectorsync.model.common.HttpEmbeddingModel;
import io.vectorsync.model.common.HttpModelOptions;
import io.vectorsync.model.common.ModelHttpClient;
import io.vectorsync.model.common.OpenAiCompatibleModel;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Headers;

/**
 * The {@code bailian} model provider: Alibaba Cloud Model Studio (DashScope) text embeddings, through the
 * native API or the OpenAI-compatible one ({@code apiMode}). The model's dimension is checked against the
 * documented table when the step is created, before any call.
 */
public final class BailianModelFactory implements EmbeddingModelFactory {
    public static final String NAME = "bailian";
    static final String NATIVE_PATH = "/api/v1/services/embeddings/text-embedding/text-embedding";
    static final String COMPATIBLE_PATH = "/compatible-mode/v1/embeddings";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Embeddings from Alibaba Cloud Model Studio (DashScope): text-embedding-v4, text-embedding-v3";
    }

    /** Sparse weights come from the native API's output_type, for the two models that have it. */
    @Override
    public String sparseOutput() {
        return "text-embedding-v4, text-embedding-v3 (apiMode native)";
    }

    @Override
    public ConfigSpec configSpec() {
        return BailianOptions.SPEC;
    }

    @Override
    public EmbeddingModel create(PluginConfig config, PluginContext context) {
        String modelName = config.get(BailianOptions.MODEL_NAME).strip();
        BailianModels model = BailianModels.find(modelName).orElseThrow(() -> PluginException.config("modelName",
                "\"" + modelName + "\" is not a Model Studio text embedding model; use one of "
                        + BailianModels.names()));
        Optional<Integer> set = config.getIfSet(BailianOptions.DIMENSION);
        int dimension = set.orElse(model.defaultDimension);
        HttpModelOptions.require(model.dimensions.contains(dimension), "dimension", model.modelName
                + " supports dimension " + model.dimensionList() + " (was " + dimension + ")");
        String textType = config.get(BailianOptions.TEXT_TYPE).toLowerCase(Locale.ROOT);
        boolean compatible = config.get(BailianOptions.API_MODE).equalsIgnoreCase(BailianOptions.OPENAI_COMPATIBLE);
        HttpModelOptions.require(!compatible || textType.equals("document"), "textType",
                "query is only sent by apiMode native; the OpenAI-compatible API has no text_type");
        String endpoint = config.get(BailianOptions.ENDPOINT);
        String url = compatible ? compatibleUrl(endpoint) : nativeUrl(endpoint);
        String key = HttpModelOptions.secret(config, BailianOptions.API_KEY).orElseThrow();
        Headers.Builder headers = HttpModelOptions.authorization("Bearer " + key).newBuilder();
        config.getIfSet(BailianOptions.WORKSPACE).filter(w -> !w.isBlank())
                .ifPresent(w -> headers.add("X-DashScope-WorkSpace", w.strip()));
        ModelLimits limits = new ModelLimits(model.maxRows, 0, model.maxTokens, dimension);
        ModelHttpClient client = new ModelHttpClient(NAME, HttpModelOptions.timeouts(config), key);
        String cacheKey = String.join("|", NAME, model.modelName, Integer.toString(dimension), textType);
        Integer dimensionParameter = model.dimensionParameter ? dimension : null;
        HttpEmbeddingModel created = compatible
                ? new OpenAiCompatibleModel(client, url, headers.build(), model.modelName, dimensionParameter,
                        limits, cacheKey)
                : new BailianNativeModel(client, url, headers.build(), model.modelName, dimensionParameter, textType,
                        model.sparseOutput, limits, cacheKey);
        return created.priced(model.price(endpoint).orElse(null));
    }

    static String nativeUrl(String endpoint) {
        HttpModelOptions.require(!endpoint.toLowerCase(Locale.ROOT).contains("/compatible-mode"), "endpoint",
                "points at the OpenAI-compatible route; give the base URL (https://dashscope.aliyuncs.com) or set "
                        + "apiMode to openai-compatible");
        return EndpointUrls.join(endpoint, NATIVE_PATH);
    }

    static String compatibleUrl(String endpoint) {
        String base = EndpointUrls.stripSlashes(endpoint.strip());
        if (base.toLowerCase(Locale.ROOT).endsWith("/compatible-mode/v1")) {
            return base + "/embeddings";
        }
        return EndpointUrls.join(base, COMPATIBLE_PATH, "/embeddings");
    }
}
