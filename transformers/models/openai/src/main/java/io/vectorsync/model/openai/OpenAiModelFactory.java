package io.vectorsync.model.openai;

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
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;

/**
 * The {@code openai} model provider: any server with an OpenAI-compatible {@code /v1/embeddings} route
 * (OpenAI, vLLM, Ollama, LocalAI, Hugging Face TEI).
 */
public final class OpenAiModelFactory implements EmbeddingModelFactory {
    public static final String NAME = "openai";
    /** OpenAI's own models and their native sizes. */
    static final Map<String, Integer> KNOWN_DIMENSIONS = Map.of(
            "text-embedding-3-small", 1536,
            "text-embedding-3-large", 3072,
            "text-embedding-ada-002", 1536);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Embeddings from any OpenAI-compatible /v1/embeddings server (OpenAI, vLLM, Ollama, LocalAI, TEI)";
    }

    @Override
    public ConfigSpec configSpec() {
        return OpenAiOptions.SPEC;
    }

    @Override
    public EmbeddingModel create(PluginConfig config, PluginContext context) {
        String model = config.get(OpenAiOptions.MODEL_NAME).strip();
        String lower = model.toLowerCase(Locale.ROOT);
        boolean matryoshka = lower.startsWith("text-embedding-3-");
        Optional<Integer> set = config.getIfSet(OpenAiOptions.DIMENSION);
        Integer known = KNOWN_DIMENSIONS.get(lower);
        int dimension;
        if (set.isPresent()) {
            dimension = set.get();
            HttpModelOptions.require(!lower.equals("text-embedding-ada-002") || dimension == 1536, "dimension",
                    "text-embedding-ada-002 gives 1536 dimensions only (was " + dimension + ")");
            HttpModelOptions.require(known == null || dimension <= known, "dimension",
                    model + " gives at most " + known + " dimensions (was " + dimension + ")");
        } else if (known != null) {
            dimension = known;
        } else {
            throw io.vectorsync.api.error.PluginException.config("dimension", "required for model \"" + model
                    + "\": set it to the length of the vectors the server returns (e.g. 768 for nomic-embed-text, "
                    + "1024 for bge-m3)");
        }
        boolean send = config.getIfSet(OpenAiOptions.SEND_DIMENSIONS).orElse(set.isPresent() || matryoshka);
        Optional<String> key = HttpModelOptions.secret(config, OpenAiOptions.API_KEY);
        Headers headers = key.map(k -> HttpModelOptions.authorization("Bearer " + k)).orElse(Headers.of());
        String url = url(config.get(OpenAiOptions.ENDPOINT));
        ModelLimits limits = new ModelLimits(config.get(OpenAiOptions.MAX_ROWS_PER_CALL), 0,
                config.get(OpenAiOptions.MAX_TOKENS_PER_TEXT), dimension);
        ModelHttpClient client = new ModelHttpClient(NAME, HttpModelOptions.timeouts(config), key.orElse(null));
        String cacheKey = String.join("|", NAME, EndpointUrls.stripSlashes(config.get(OpenAiOptions.ENDPOINT).strip()),
                model, Integer.toString(dimension));
        return new OpenAiCompatibleModel(client, url, headers, model, send ? dimension : null, limits,
                cacheKey).priced(price(config.get(OpenAiOptions.ENDPOINT), model));
    }

    /**
     * OpenAI's list prices per million input tokens (USD, openai.com/api/pricing): text-embedding-3-small $0.02,
     * text-embedding-3-large $0.13, text-embedding-ada-002 $0.10. Only for api.openai.com: other servers speaking
     * the same protocol (vLLM, Ollama, TEI) have no price here (set pricePerMillionTokens).
     */
    static io.vectorsync.api.model.EmbeddingModel.Price price(String endpoint, String model) {
        if (!endpoint.contains("api.openai.com")) {
            return null;
        }
        double perMillion = switch (model) {
            case "text-embedding-3-small" -> 0.02;
            case "text-embedding-3-large" -> 0.13;
            case "text-embedding-ada-002" -> 0.10;
            default -> -1;
        };
        return perMillion < 0 ? null : new io.vectorsync.api.model.EmbeddingModel.Price(perMillion, "USD");
    }

    static String url(String endpoint) {
        String base = EndpointUrls.stripSlashes(endpoint.strip());
        if (base.toLowerCase(Locale.ROOT).endsWith("/v1")) {
            return base + "/embeddings";
        }
        return EndpointUrls.join(base, "/v1/embeddings", "/embeddings");
    }
}
