package io.vectorsync.model.bailian;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.api.model.OutputType;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.model.common.HttpEmbeddingModel;
import io.vectorsync.model.common.ModelErrors;
import io.vectorsync.model.common.ModelHttpClient;
import io.vectorsync.model.common.OpenAiCodec;
import io.vectorsync.model.common.VectorCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.Headers;

/**
 * Model Studio's native text embedding API. Request
 * {@code {"model", "input": {"texts": [..]}, "parameters": {"dimension", "text_type", "output_type"}}}; reply
 * {@code {"output": {"embeddings": [{"text_index", "embedding", "sparse_embedding"}]}, "usage": {"total_tokens"}}},
 * aligned by {@code text_index}. {@code output_type} is sent only for sparse output ({@code sparse} or
 * {@code dense&sparse}, text-embedding-v3 and -v4): each item then carries {@code sparse_embedding: [{"index",
 * "value", "token"}]}, which becomes a {@link SparseVector} of (index, value) sorted by index; the token text is not
 * kept (see the writers' READMEs: indices are the feature names).
 */
final class BailianNativeModel extends HttpEmbeddingModel {
    private final String model;
    private final Integer dimensionParameter;
    private final String textType;
    private final Set<OutputType> outputTypes;

    BailianNativeModel(ModelHttpClient client, String url, Headers headers, String model, Integer dimensionParameter,
                       String textType, boolean sparse, ModelLimits limits, String cacheKey) {
        super(client, url, headers, limits, cacheKey);
        this.model = model;
        this.dimensionParameter = dimensionParameter;
        this.textType = textType;
        this.outputTypes = sparse ? EnumSet.allOf(OutputType.class) : EnumSet.of(OutputType.DENSE);
    }

    record Input(List<String> texts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Parameters(Integer dimension, @JsonProperty("text_type") String textType,
                      @JsonProperty("output_type") String outputType) {
    }

    record Request(String model, Input input, Parameters parameters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SparseItem(Long index, Float value, String token) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(@JsonProperty("text_index") Integer textIndex, float[] embedding,
                @JsonProperty("sparse_embedding") List<SparseItem> sparseEmbedding) {
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
    public Set<OutputType> outputTypes() {
        return outputTypes;
    }

    @Override
    protected byte[] encode(List<String> texts) {
        return encode(texts, OutputType.DENSE);
    }

    @Override
    protected byte[] encode(List<String> texts, OutputType type) {
        try {
            // dense requests keep the shape they always had: output_type is only sent when sparse is wanted
            String outputType = type == OutputType.DENSE ? null : type.wireName();
            return OpenAiCodec.MAPPER.writeValueAsBytes(new Request(model, new Input(texts),
                    new Parameters(dimensionParameter, textType, outputType)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a Model Studio request", e);
        }
    }

    @Override
    protected Embeddings decode(byte[] body, int texts) throws IOException {
        return decode(body, texts, OutputType.DENSE);
    }

    @Override
    protected Embeddings decode(byte[] body, int texts, OutputType type) throws IOException {
        Reply reply = OpenAiCodec.MAPPER.readValue(body, Reply.class);
        if (reply == null || reply.output() == null || reply.output().embeddings() == null) {
            throw ModelErrors.malformed(provider(), "no output.embeddings in the reply ("
                    + ModelErrors.parseError(new String(body, StandardCharsets.UTF_8)) + ")", null);
        }
        VectorCollector collector = new VectorCollector(provider(), texts, limits().dimension());
        SparseVector[] sparse = new SparseVector[texts];
        List<Item> items = reply.output().embeddings();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item == null) {
                throw ModelErrors.malformed(provider(), "output.embeddings[" + i + "] is null", null);
            }
            int at = item.textIndex() == null ? i : item.textIndex();
            if (type.dense()) {
                collector.put(at, item.embedding());
            }
            if (type.sparse()) {
                if (at < 0 || at >= texts) {
                    throw ModelErrors.malformed(provider(), "text_index " + at + " is outside the " + texts
                            + " texts sent", null);
                }
                sparse[at] = sparse(item.sparseEmbedding(), i);
            }
        }
        long tokens = reply.usage() == null || reply.usage().totalTokens() == null ? 0 : reply.usage().totalTokens();
        List<float[]> dense = List.of();
        if (type.dense()) {
            dense = collector.finish(tokens).vectors();
        }
        List<SparseVector> sparseList = new ArrayList<>();
        if (type.sparse()) {
            for (int i = 0; i < texts; i++) {
                if (sparse[i] == null) {
                    throw ModelErrors.malformed(provider(), "no sparse_embedding for text " + i, null);
                }
                sparseList.add(sparse[i]);
            }
        }
        return new Embeddings(dense, tokens, sparseList);
    }

    /** The (index, value) pairs sorted by index; an index listed twice keeps its largest value. */
    private SparseVector sparse(List<SparseItem> items, int item) {
        if (items == null) {
            throw ModelErrors.malformed(provider(), "output.embeddings[" + item + "] has no sparse_embedding", null);
        }
        TreeMap<Integer, Float> byIndex = new TreeMap<>();
        for (SparseItem s : items) {
            if (s == null || s.index() == null || s.value() == null || s.index() < 0
                    || s.index() > Integer.MAX_VALUE) {
                throw ModelErrors.malformed(provider(), "output.embeddings[" + item + "].sparse_embedding holds "
                        + s + ", not an {index, value} with an index from 0 to 2^31-1", null);
            }
            byIndex.merge((int) (long) s.index(), s.value(), Math::max);
        }
        int[] indices = new int[byIndex.size()];
        float[] values = new float[byIndex.size()];
        int k = 0;
        for (var e : byIndex.entrySet()) {
            indices[k] = e.getKey();
            values[k++] = e.getValue();
        }
        return new SparseVector(indices, values);
    }
}
