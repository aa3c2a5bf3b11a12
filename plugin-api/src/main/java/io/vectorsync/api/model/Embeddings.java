package io.vectorsync.api.model;

import java.util.List;
import java.util.Objects;

/**
 * The result of one call: one vector per text, in the order of the texts, and the tokens the provider
 * reported (0 when it reports none).
 */
public record Embeddings(List<float[]> vectors, long tokens) {
    public Embeddings {
        vectors = List.copyOf(Objects.requireNonNull(vectors, "vectors is null"));
    }
}
