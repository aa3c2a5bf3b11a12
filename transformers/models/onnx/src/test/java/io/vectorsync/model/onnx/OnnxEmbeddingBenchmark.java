package io.vectorsync.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.testkit.TestPluginContext;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Sentences per second of this provider against LangChain4j's in-process all-MiniLM-L6-v2
 * ({@code embedAll}) on the STS-B dev sentences, for batches of 1, 16 and 64, in one run. Only with
 * {@code -Dbench}; {@code -Dbench.sentences=N} limits the sentences (default: all 3,000).
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class OnnxEmbeddingBenchmark {

    @Test
    void sentencesPerSecond() throws Exception {
        List<String> sentences = new ArrayList<>();
        for (StsData.Pair p : StsData.devSplit()) {
            sentences.add(p.first());
            sentences.add(p.second());
        }
        int limit = Integer.getInteger("bench.sentences", sentences.size());
        List<String> texts = sentences.subList(0, Math.min(limit, sentences.size()));
        List<String> warmUp = sentences.subList(0, Math.min(200, sentences.size()));

        AllMiniLmL6V2EmbeddingModel langChain4j = new AllMiniLmL6V2EmbeddingModel();
        TestPluginContext ctx = new TestPluginContext("bench").withModel(new OnnxModelFactory());
        StringBuilder report = new StringBuilder(String.format(
                "%nall-MiniLM-L6-v2, %d STS-B sentences, %d processors (sentences/s, and process CPU ms per sentence)%n"
                + "%-6s %14s %14s %8s %12s %12s%n", texts.size(), Runtime.getRuntime().availableProcessors(),
                "batch", "langchain4j/s", "onnx/s", "ratio", "lc4j cpu-ms", "onnx cpu-ms"));
        try (EmbeddingModel onnx = ctx.models().open("onnx", Map.of("modelName", "all-MiniLM-L6-v2"))) {
            runOnnx(onnx, warmUp, 64);
            runLangChain4j(langChain4j, warmUp, 64);
            for (int batch : new int[] {1, 16, 64}) {
                double cpu0 = cpuSeconds();
                double lc = texts.size() / runLangChain4j(langChain4j, texts, batch);
                double cpu1 = cpuSeconds();
                double ours = texts.size() / runOnnx(onnx, texts, batch);
                double cpu2 = cpuSeconds();
                report.append(String.format("%-6d %14.1f %14.1f %7.2fx %12.2f %12.2f%n", batch, lc, ours, ours / lc,
                        1000 * (cpu1 - cpu0) / texts.size(), 1000 * (cpu2 - cpu1) / texts.size()));
            }
        }
        System.out.print(report);
    }

    /** CPU seconds of this process, native ONNX Runtime threads included. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Seconds to embed {@code texts} in calls of {@code batch}. */
    private static double runOnnx(EmbeddingModel model, List<String> texts, int batch) throws Exception {
        long start = System.nanoTime();
        int count = 0;
        for (int i = 0; i < texts.size(); i += batch) {
            count += model.embed(texts.subList(i, Math.min(texts.size(), i + batch))).get().vectors().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(texts.size(), count);
        return seconds;
    }

    private static double runLangChain4j(AllMiniLmL6V2EmbeddingModel model, List<String> texts, int batch) {
        long start = System.nanoTime();
        int count = 0;
        for (int i = 0; i < texts.size(); i += batch) {
            List<TextSegment> segments = texts.subList(i, Math.min(texts.size(), i + batch)).stream()
                    .map(TextSegment::from).toList();
            count += model.embedAll(segments).content().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(texts.size(), count);
        return seconds;
    }
}
