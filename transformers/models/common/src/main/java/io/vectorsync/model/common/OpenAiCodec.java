package io.vectorsync.model.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.model.Embeddings;
import java.io.IOException;
import java.util.List;

/**
 * The OpenAI {@code /v1/embeddings} wire format, spoken by OpenAI, Model Studio's compatible mode, vLLM,
 * Ollama, LocalAI, Hugging Face TEI and PAI-EAS vLLM services.
 * Request: {@code {"model", "input": [..], "dimensions"?, "encoding_format": "float"}};
 * reply: {@code {"data": [{"index", "embedding": [..]}], "usage": {"prompt_tokens", "total_tokens"}}}.
 */
public final class OpenAiCodec {
    /** Shared, configured once: unknown fields ignored, a null inside a vector is an error. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private OpenAiCodec() {
    }

    /** The request body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String model, List<String> input, Integer dimensions,
                          @JsonProperty("encoding_format") String encodingFormat) {
    }

    /** One vector of the reply. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(Integer index, float[] embedding) {
    }

    /** Token usage. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") Long promptTokens,
                        @JsonProperty("total_tokens") Long totalTokens) {
        long tokens() {
            return totalTokens != null ? totalTokens : promptTokens != null ? promptTokens : 0;
        }
    }

    /** The reply. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reply(List<Item> data, Usage usage) {
    }

    /** Encodes a request; {@code dimensions} null leaves the field out. */
    public static byte[] encode(String model, List<String> texts, Integer dimensions) {
        try {
            return MAPPER.writeValueAsBytes(new Request(model, texts, dimensions, "float"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an embedding request", e);
        }
    }

    /**
     * Decodes a reply to {@code texts} texts of {@code dimension} floats, aligned by {@code index} (by position
     * when a server leaves it out).
     */
    public static Embeddings decode(String provider, byte[] body, int texts, int dimension) throws IOException {
        Reply reply = MAPPER.readValue(body, Reply.class);
        if (reply == null || reply.data() == null) {
            throw ModelErrors.malformed(provider, "no \"data\" array in the reply ("
                    + ModelErrors.parseError(new String(body, java.nio.charset.StandardCharsets.UTF_8)) + ")", null);
        }
        VectorCollector collector = new VectorCollector(provider, texts, dimension);
        List<Item> data = reply.data();
        for (int i = 0; i < data.size(); i++) {
            Item item = data.get(i);
            if (item == null) {
                throw ModelErrors.malformed(provider, "data[" + i + "] is null", null);
            }
            collector.put(item.index() == null ? i : item.index(), item.embedding());
        }
        return collector.finish(reply.usage() == null ? 0 : reply.usage().tokens());
    }
}
