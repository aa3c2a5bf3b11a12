package io.vectorsync.api.model;

import io.vectorsync.api.record.SparseVector;
import java.util.List;
import java.util.Objects;

/**
 * The result of one call: one vector per text, in the order of the texts, and the tokens the provider
 * reported (0 when it reports none). For an {@link OutputType#SPARSE} or {@link OutputType#DENSE_AND_SPARSE}
 * call, {@code sparseVectors} holds one sparse vector per text, in order (for {@code SPARSE} alone,
 * {@code vectors} is empty); otherwise it is empty.
 */
public record Embeddings(List<float[]> vectors, long tokens, List<SparseVector> sparseVectors) {
    public Embeddings {
        vectors = List.copyOf(Objects.requireNonNull(vectors, "vectors is null"));
        sparseVectors = sparseVectors == null ? List.of() : List.copyOf(sparseVectors);
    }

    /** Dense vectors only. */
    public Embeddings(List<float[]> vectors, long tokens) {
        this(vectors, tokens, List.of());
    }
}
