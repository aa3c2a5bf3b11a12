package io.vectorsync.model.common;

import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import java.io.IOException;
import java.util.List;
import okhttp3.Headers;

/**
 * A model behind an OpenAI-compatible {@code /v1/embeddings} route. Used by the {@code openai},
 * {@code paiModelGallery} and {@code dataworksModelService} providers and by {@code bailian} in compatible mode;
 * they differ only in URL, the {@code Authorization} header and whether {@code dimensions} is sent.
 */
public final class OpenAiCompatibleModel extends HttpEmbeddingModel {
    private final String model;
    private final Integer sentDimensions;

    /**
     * @param sentDimensions the {@code dimensions} field to send, or null to leave it out (models with a fixed
     *                       output size, servers that reject it)
     */
    public OpenAiCompatibleModel(ModelHttpClient client, String url, Headers headers, String model,
                                 Integer sentDimensions, ModelLimits limits, String cacheKey) {
        super(client, url, headers, limits, cacheKey);
        this.model = model;
        this.sentDimensions = sentDimensions;
    }

    @Override
    protected byte[] encode(List<String> texts) {
        return OpenAiCodec.encode(model, texts, sentDimensions);
    }

    @Override
    protected Embeddings decode(byte[] body, int texts) throws IOException {
        return OpenAiCodec.decode(provider(), body, texts, limits().dimension());
    }
}
