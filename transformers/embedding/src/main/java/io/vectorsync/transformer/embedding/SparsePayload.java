package io.vectorsync.transformer.embedding;

import io.vectorsync.api.record.SparseVector;

/**
 * Carries a sparse vector (and the dense vector of a {@code dense&sparse} call) as one {@code float[]}, so the
 * step's in-memory cache and in-flight coalescing, which hold {@code float[]} per text, serve sparse output too.
 *
 * <p>Layout: the dense vector's {@code dimension} floats (none for {@code sparse} alone), the entry count, then per
 * entry the index's upper and lower 16 bits and the weight. Each half is below 65,536, which a float holds exactly,
 * so every index round-trips bit for bit.
 */
final class SparsePayload {
    private SparsePayload() {
    }

    /** {@code dense} (may be null) followed by {@code sparse}. */
    static float[] pack(float[] dense, SparseVector sparse) {
        int d = dense == null ? 0 : dense.length;
        float[] out = new float[d + 1 + 3 * sparse.size()];
        if (dense != null) {
            System.arraycopy(dense, 0, out, 0, d);
        }
        out[d] = sparse.size();
        for (int i = 0; i < sparse.size(); i++) {
            int index = sparse.index(i);
            out[d + 1 + 3 * i] = index >>> 16;
            out[d + 2 + 3 * i] = index & 0xFFFF;
            out[d + 3 + 3 * i] = sparse.value(i);
        }
        return out;
    }

    /** The dense part of a payload packed with a dense vector of {@code dimension} floats. */
    static float[] dense(float[] payload, int dimension) {
        float[] out = new float[dimension];
        System.arraycopy(payload, 0, out, 0, dimension);
        return out;
    }

    /** The sparse part of a payload whose dense part has {@code denseLength} floats (0 for sparse alone). */
    static SparseVector sparse(float[] payload, int denseLength) {
        int n = (int) payload[denseLength];
        int[] indices = new int[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            indices[i] = ((int) payload[denseLength + 1 + 3 * i] << 16) | (int) payload[denseLength + 2 + 3 * i];
            values[i] = payload[denseLength + 3 + 3 * i];
        }
        return new SparseVector(indices, values);
    }
}
