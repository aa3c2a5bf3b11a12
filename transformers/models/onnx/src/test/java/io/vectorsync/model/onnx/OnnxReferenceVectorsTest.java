package io.vectorsync.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every model gives the vectors of LangChain4j's implementation of the same files (cosine >= 0.99999), also when
 * its calls come from several callers at once, in small calls with several in flight, so that the micro-batcher
 * merges them, sorts them and pads them per sub-batch as in a job.
 */
class OnnxReferenceVectorsTest {
    private static final double SAME = 0.99999;

    @ParameterizedTest
    @ValueSource(strings = {"all-MiniLM-L6-v2", "all-MiniLM-L6-v2-q", "bge-small-en-v1.5", "bge-small-en-v1.5-q"})
    void mergedCallsGiveLangChain4jsVectors(String modelName) throws Exception {
        List<String> texts = sentences(240);
        List<float[]> expected = reference(modelName).embedAll(texts.stream().map(TextSegment::from).toList())
                .content().stream().map(e -> e.vector()).toList();

        TestPluginContext ctx = new TestPluginContext("embed").withModel(new OnnxModelFactory());
        float[][] actual = new float[texts.size()][];
        try (EmbeddingModel model = ctx.models().open("onnx", Map.of("modelName", modelName))) {
            // 4 callers (streams), each keeping 3 calls of 10 texts in flight, as the embedding step does
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int caller = 0; caller < 4; caller++) {
                    int first = caller;
                    done.add(callers.submit(() -> {
                        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
                        for (int call = first; call * 10 < texts.size(); call += 4) {
                            int from = call * 10;
                            int to = Math.min(texts.size(), from + 10);
                            inFlight.add(model.embed(texts.subList(from, to)).thenAccept(e -> {
                                for (int i = from; i < to; i++) {
                                    actual[i] = e.vectors().get(i - from);
                                }
                            }));
                            if (inFlight.size() == 3) {
                                inFlight.remove(0).join();
                            }
                        }
                        inFlight.forEach(CompletableFuture::join);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                callers.shutdownNow();
            }
        }
        double worst = 1;
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(384, actual[i].length);
            worst = Math.min(worst, StsData.cosine(expected.get(i), actual[i]));
        }
        System.out.printf("%s: lowest cosine to LangChain4j's vectors over %d texts: %.7f%n", modelName,
                texts.size(), worst);
        assertTrue(worst >= SAME, modelName + ": lowest cosine to LangChain4j's vector " + worst);
    }

    private static dev.langchain4j.model.embedding.EmbeddingModel reference(String modelName) {
        return switch (modelName) {
            case "all-MiniLM-L6-v2" -> new AllMiniLmL6V2EmbeddingModel(Runnable::run);
            case "all-MiniLM-L6-v2-q" -> new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
            case "bge-small-en-v1.5" -> new BgeSmallEnV15EmbeddingModel(Runnable::run);
            case "bge-small-en-v1.5-q" -> new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run);
            default -> throw new IllegalArgumentException(modelName);
        };
    }

    /** The first {@code n} distinct STS-B dev sentences: short and long ones mixed, as in real data. */
    private static List<String> sentences(int n) throws Exception {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (StsData.Pair p : StsData.devSplit()) {
            distinct.add(p.first());
            distinct.add(p.second());
        }
        return new ArrayList<>(distinct).subList(0, n);
    }
}
