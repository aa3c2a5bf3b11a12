package io.vectorsync.model.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.testkit.TestPluginContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a live test checks against a real service: sizes, tokens, and that similar texts are closer. */
public final class LiveChecks {
    private LiveChecks() {
    }

    /**
     * Opens {@code factory}'s model with {@code params} and runs {@link #similarTextsAreCloser}; a null
     * {@code dimension} expects the size the model reports.
     */
    public static void similarTextsAreCloser(EmbeddingModelFactory factory, Map<String, Object> params,
            Integer dimension) throws Exception {
        try (EmbeddingModel m = new TestPluginContext("live").withModel(factory).models().open(factory.name(),
                params)) {
            similarTextsAreCloser(m, dimension == null ? m.limits().dimension() : dimension);
        }
    }

    /** Puts the environment variable {@code env} under {@code key} when it is set and not blank. */
    public static void putIfSet(Map<String, Object> params, String key, String env) {
        String value = System.getenv(env);
        if (value != null && !value.isBlank()) {
            params.put(key, value);
        }
    }

    public static void similarTextsAreCloser(EmbeddingModel model, int dimension) throws Exception {
        model.check();
        List<String> texts = List.of("The cat sits on the mat.", "A cat is sitting on a rug.",
                "Quarterly revenue grew by eight percent.");
        Embeddings e = model.embed(texts).get(2, TimeUnit.MINUTES);
        assertEquals(3, e.vectors().size());
        for (float[] v : e.vectors()) {
            assertEquals(dimension, v.length);
        }
        double similar = FakeVectors.cosine(e.vectors().get(0), e.vectors().get(1));
        double unrelated = FakeVectors.cosine(e.vectors().get(0), e.vectors().get(2));
        System.out.printf("live %s: cos(similar)=%.3f cos(unrelated)=%.3f tokens=%d%n", model.cacheKey(), similar,
                unrelated, e.tokens());
        assertTrue(similar > unrelated, "similar " + similar + " <= unrelated " + unrelated);
    }
}
