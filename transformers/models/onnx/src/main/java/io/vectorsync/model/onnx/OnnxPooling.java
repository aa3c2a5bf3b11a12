package io.vectorsync.model.onnx;

import java.nio.FloatBuffer;

/** How a model's per-token hidden states become one sentence vector (sentence-transformers' Pooling module). */
public enum OnnxPooling {
    /** Average of the token states where the attention mask is 1 (padding excluded). */
    MEAN,
    /** The state of the first token, [CLS]. */
    CLS;

    /**
     * Pools one sequence out of a {@code [batch, seq, dim]} row-major buffer.
     *
     * @param states the model output, flattened
     * @param row    the sequence's index in the batch
     * @param seq    the padded sequence length of the batch
     * @param length the sequence's real token count (attention mask ones; they come first)
     * @param dim    the hidden size
     * @return the pooled vector, not normalized
     */
    float[] pool(FloatBuffer states, int row, int seq, int length, int dim) {
        float[] out = new float[dim];
        int base = row * seq * dim;
        if (this == CLS) {
            states.get(base, out, 0, dim);
            return out;
        }
        for (int t = 0; t < length; t++) {
            int off = base + t * dim;
            for (int d = 0; d < dim; d++) {
                out[d] += states.get(off + d);
            }
        }
        float inv = 1f / Math.max(1, length);
        for (int d = 0; d < dim; d++) {
            out[d] *= inv;
        }
        return out;
    }

    /** Scales {@code v} to unit length in place (sentence-transformers' Normalize module). */
    static void normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.max(Math.sqrt(sum), 1e-12);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / norm);
        }
    }
}
