package io.vectorsync.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Model quality on the STS Benchmark dev split: cosine similarity of the two sentences' vectors against the gold
 * scores, Spearman ×100. A wrong tokenizer, truncation or pooling shows up here as a lower figure.
 */
class OnnxStsQualityTest {

    /** all-MiniLM-L6-v2 scores 86.72 on this split (LangChain4j's implementation of the same model). */
    @Test
    void allMiniLmMatchesTheReferenceFigure() throws Exception {
        double spearman = stsSpearman("all-MiniLM-L6-v2");
        System.out.printf("STS-B en dev, all-MiniLM-L6-v2: cosine Spearman x100 = %.2f%n", spearman);
        assertEquals(86.7, spearman, 0.5, "all-MiniLM-L6-v2 on STS-B dev");
    }

    /**
     * bge-small-en-v1.5 has no published figure for this dev split (its MTEB STSBenchmark test figure is 85.86);
     * the bound is below the 87.9 measured here with CLS pooling, and far above what mean pooling or a broken
     * tokenizer give.
     */
    @Test
    void bgeSmallEnScoresWell() throws Exception {
        double spearman = stsSpearman("bge-small-en-v1.5");
        System.out.printf("STS-B en dev, bge-small-en-v1.5: cosine Spearman x100 = %.2f%n", spearman);
        assertTrue(spearman > 87.0, "bge-small-en-v1.5 on STS-B dev: " + spearman);
    }

    /** The int8 variants may lose at most one point against their fp32 models' figures above. */
    @Test
    void quantizedModelsLoseAtMostOnePoint() throws Exception {
        double miniLm = stsSpearman("all-MiniLM-L6-v2-q");
        double bge = stsSpearman("bge-small-en-v1.5-q");
        System.out.printf("STS-B en dev, all-MiniLM-L6-v2-q: cosine Spearman x100 = %.2f%n", miniLm);
        System.out.printf("STS-B en dev, bge-small-en-v1.5-q: cosine Spearman x100 = %.2f%n", bge);
        assertTrue(miniLm >= 86.72 - 1.0, "all-MiniLM-L6-v2-q on STS-B dev: " + miniLm);
        assertTrue(bge >= 88.92 - 1.0, "bge-small-en-v1.5-q on STS-B dev: " + bge);
    }

    @Test
    void spearmanGivesTiesTheirAverageRank() {
        assertEquals(List.of(1.0, 2.5, 2.5, 4.0), toList(StsData.ranks(new double[] {0.1, 0.5, 0.5, 0.9})));
        assertEquals(1.0, StsData.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 400}), 1e-12);
        assertEquals(-1.0, StsData.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
    }

    static double stsSpearman(String modelName) throws Exception {
        List<StsData.Pair> pairs = StsData.devSplit();
        assertEquals(1500, pairs.size(), "pairs in the STS-B dev split");
        TestPluginContext ctx = new TestPluginContext("embedding").withModel(new OnnxModelFactory());
        try (EmbeddingModel model = ctx.models().open("onnx", Map.of("modelName", modelName))) {
            List<String> texts = new ArrayList<>();
            for (StsData.Pair p : pairs) {
                texts.add(p.first());
                texts.add(p.second());
            }
            List<float[]> vectors = new ArrayList<>();
            int batch = model.limits().maxRowsPerCall();
            for (int i = 0; i < texts.size(); i += batch) {
                vectors.addAll(model.embed(texts.subList(i, Math.min(texts.size(), i + batch))).get().vectors());
            }
            double[] predicted = new double[pairs.size()];
            double[] gold = new double[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                predicted[i] = StsData.cosine(vectors.get(2 * i), vectors.get(2 * i + 1));
                gold[i] = pairs.get(i).score();
            }
            return 100 * StsData.spearman(predicted, gold);
        }
    }

    private static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
