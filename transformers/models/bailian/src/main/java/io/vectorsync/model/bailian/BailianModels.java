package io.vectorsync.model.bailian;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Model Studio's text embedding models and their documented limits (Model Studio "text embedding synchronous
 * API" model table): dimensions offered, texts per request, tokens per text.
 */
enum BailianModels {
    V4("text-embedding-v4", List.of(2048, 1536, 1024, 768, 512, 256, 128, 64), 1024, 10, 8192, true),
    V3("text-embedding-v3", List.of(1024, 768, 512, 256, 128, 64), 1024, 10, 8192, true),
    V2("text-embedding-v2", List.of(1536), 1536, 25, 2048, false),
    V1("text-embedding-v1", List.of(1536), 1536, 25, 2048, false);

    final String modelName;
    final List<Integer> dimensions;
    final int defaultDimension;
    final int maxRows;
    final int maxTokens;
    /** Whether the model takes a {@code dimension} parameter. */
    final boolean dimensionParameter;
    /** Whether the native API returns sparse weights (output_type sparse / dense&sparse): v3 and v4 only. */
    final boolean sparseOutput;

    BailianModels(String modelName, List<Integer> dimensions, int defaultDimension, int maxRows, int maxTokens,
                  boolean dimensionParameter) {
        this.modelName = modelName;
        this.dimensions = dimensions;
        this.defaultDimension = defaultDimension;
        this.maxRows = maxRows;
        this.maxTokens = maxTokens;
        this.dimensionParameter = dimensionParameter;
        this.sparseOutput = this.modelName.equals("text-embedding-v4") || this.modelName.equals("text-embedding-v3");
    }

    static Optional<BailianModels> find(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (BailianModels m : values()) {
            if (m.modelName.equals(n)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    static String names() {
        return java.util.Arrays.stream(values()).map(m -> m.modelName).collect(Collectors.joining(", "));
    }

    /**
     * The list price per million input tokens in USD, from Model Studio's model table ("text embedding synchronous
     * API", checked 2026-11): text-embedding-v4 and v3 $0.07 in Singapore (international); text-embedding-v4
     * $0.072 in China (Beijing), used for v3 there too. v1/v2 are not listed: no price (set pricePerMillionTokens).
     */
    Optional<io.vectorsync.api.model.EmbeddingModel.Price> price(String endpoint) {
        if (this != V4 && this != V3) {
            return Optional.empty();
        }
        boolean international = endpoint.toLowerCase(Locale.ROOT).contains("dashscope-intl");
        return Optional.of(new io.vectorsync.api.model.EmbeddingModel.Price(international ? 0.07 : 0.072, "USD"));
    }

    String dimensionList() {
        return dimensions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
