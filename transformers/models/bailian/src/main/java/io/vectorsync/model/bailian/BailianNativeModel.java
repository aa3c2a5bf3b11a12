package io.vectorsync.model.bailian;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.model.common.HttpEmbeddingModel;
import io.vectorsync.model.common.ModelErrors;
import io.vectorsync.model.common.ModelHttpClient;
import io.vectorsync.model.common.OpenAiCodec;
import io.vectorsync.model.common.VectorCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Headers;

/**
 * Model Studio's native text embedding API. Request
 * {@code {"model", "input": {"texts": [..]}, "parameters": {"dimension", "text_type"}}}; reply
 * {@code {"output": {"embeddings": [{"text_index", "embedding"}]}, "usage": {"total_tokens"}}}, aligned by
 * {@code text_index}.
 */
final class BailianNativeModel extends HttpEmbeddingModel {
    private final String model;
    private final Integer dimensionParameter;
    private final String textType;

    BailianNativeModel(ModelHttpClient client, String url, Headers headers, String model, Integer dimensionParameter,
                       String textType, ModelLimits limits, String cacheKey) {
        super(client, url, headers, limits, cacheKey);
        this.model = model;
        this.dimensionParameter = dimensionParameter;
        this.textType = textType;
    }

    record Input(List<String> texts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Parameters(Integer dimension, @JsonProperty("text_type") String textType) {
    }

    record Request(String model, Input input, Parameters parameters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(@JsonProperty("text_index") Integer textIndex, float[] embedding) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Output(List<Item> embeddings) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(@JsonProperty("total_tokens") Long totalTokens) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reply(Output output, Usage usage) {
    }

    @Override
    protected byte[] encode(List<String> texts) {
        try {
            return OpenAiCodec.MAPPER.writeValueAsBytes(new Request(model, new Input(texts),
                    new Parameters(dimensionParameter, textType)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a Model Studio request", e);
        }
    }

    @Override
    protected Embeddings decode(byte[] body, int texts) throws IOException {
        Reply reply = OpenAiCodec.MAPPER.readValue(body, Reply.class);
        if (reply == null || reply.output() == null || reply.output().embeddings() == null) {
            throw ModelErrors.malformed(provider(), "no output.embeddings in the reply ("
                    + ModelErrors.parseError(new String(body, StandardCharsets.UTF_8)) + ")", null);
        }
        VectorCollector collector = new VectorCollector(provider(), texts, limits().dimension());
        List<Item> items = reply.output().embeddings();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item == null) {
                throw ModelErrors.malformed(provider(), "output.embeddings[" + i + "] is null", null);
            }
            collector.put(item.textIndex() == null ? i : item.textIndex(), item.embedding());
        }
        Usage usage = reply.usage();
        return collector.finish(usage == null || usage.totalTokens() == null ? 0 : usage.totalTokens());
    }
}
