package io.vectorsync.writer.searchcommon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fake's vectors do what the hybrid tests rely on, checked in memory: BM25 sparse weights rank the expected
 * document first for every query, the keyword-blind dense vectors do not.
 */
class FakeModelStudioTest {
    private static String best(Map<String, Double> scores) {
        return scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void sparseFindsTheKeywordDocumentAndDenseDoesNot() throws Exception {
        List<String> corpus = HybridSearchContract.CORPUS;
        try (FakeModelStudio fake = new FakeModelStudio(corpus)) {
            for (Map.Entry<String, String> q : HybridSearchContract.QUERIES.entrySet()) {
                TreeMap<Integer, Map.Entry<String, Double>> query = fake.sparse(q.getKey(), true);
                float[] queryDense = fake.dense(q.getKey(), 64);
                Map<String, Double> bm25 = new TreeMap<>();
                Map<String, Double> cosine = new TreeMap<>();
                for (int i = 0; i < corpus.size(); i++) {
                    TreeMap<Integer, Map.Entry<String, Double>> doc = fake.sparse(corpus.get(i), false);
                    double dot = 0;
                    for (Map.Entry<Integer, Map.Entry<String, Double>> e : query.entrySet()) {
                        Map.Entry<String, Double> d = doc.get(e.getKey());
                        dot += d == null ? 0 : d.getValue() * e.getValue().getValue();
                    }
                    bm25.put("d" + (i + 1), dot);
                    float[] v = fake.dense(corpus.get(i), 64);
                    double c = 0;
                    for (int k = 0; k < v.length; k++) {
                        c += v[k] * queryDense[k];
                    }
                    cosine.put("d" + (i + 1), c);
                }
                assertEquals(q.getValue(), best(bm25), q.getKey() + ": " + bm25);
                assertNotEquals(q.getValue(), best(cosine), q.getKey() + ": " + cosine);
                // the hybrid margin: BM25 lead over the dense winner exceeds the largest possible kNN score gap (1)
                assertTrue(bm25.get(q.getValue()) - bm25.get(best(cosine)) > 1, q.getKey() + ": " + bm25);
            }
        }
    }
}
