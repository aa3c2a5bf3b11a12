package io.vectorsync.e2e;

import java.util.Random;

/** The vectors the fake DashScope servers give texts, so that a test can check what landed in the target. */
public final class FakeVectors {
    private FakeVectors() {
    }

    /** The vector of {@code text}: a deterministic function of the text, L2-normalized. */
    public static float[] of(String text, int dimension) {
        Random random = new Random(text.hashCode());
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dimension; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
