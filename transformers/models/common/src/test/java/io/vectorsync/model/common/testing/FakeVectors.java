package io.vectorsync.model.common.testing;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic vectors for fake servers: the same text always gets the same vector. */
public final class FakeVectors {
    private FakeVectors() {
    }

    public static float[] of(String text, int dimension) {
        Random r = new Random(java.util.Arrays.hashCode(text.getBytes(StandardCharsets.UTF_8)));
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Cosine similarity, for live tests. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
