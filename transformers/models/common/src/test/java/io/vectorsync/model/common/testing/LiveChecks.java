package io.vectorsync.model.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.Embeddings;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a live test checks against a real service: sizes, tokens, and that similar texts are closer. */
public final class LiveChecks {
    private LiveChecks() {
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
