package io.vectorsync.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.testkit.TestPluginContext;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Sentences per second of this provider against LangChain4j's in-process all-MiniLM-L6-v2 ({@code embedAll}, fp32)
 * on the distinct STS-B dev sentences, in one run: calls of 1, 10, 16 and 64 texts from one caller, for
 * all-MiniLM-L6-v2 and its int8 variant; then, when the distribution is built, the job
 * {@code localfile -> embedding(onnx, batchSize 10, 2 streams) -> localfile} for both, and with {@code batchSize 1}
 * for all-MiniLM-L6-v2 (small calls, merged by the micro-batcher), with their peak RSS. Rounds
 * alternate the order of the contenders ({@code -Dbench.rounds=N}, default 2); figures are totals over the rounds.
 * Only with {@code -Dbench}; {@code -Dbench.sentences=N} limits the sentences, {@code -Dbench.jobRepeats=N} (default
 * 3) sets how many times the job reads them. The job's rate is records over the job's own duration, model loading
 * included. {@code -Dbench.job=false} skips the job.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class OnnxEmbeddingBenchmark {
    private static final int[] BATCHES = {1, 10, 16, 64};
    private static final String FP32 = "all-MiniLM-L6-v2";
    private static final String INT8 = "all-MiniLM-L6-v2-q";

    /** Seconds and CPU seconds summed over the rounds, per contender and batch. */
    private final Map<String, double[]> totals = new LinkedHashMap<>();

    @Test
    void sentencesPerSecond() throws Exception {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (StsData.Pair p : StsData.devSplit()) {
            distinct.add(p.first());
            distinct.add(p.second());
        }
        List<String> sentences = new ArrayList<>(distinct);
        List<String> texts = sentences.subList(0, Math.min(Integer.getInteger("bench.sentences", sentences.size()),
                sentences.size()));
        List<String> warmUp = sentences.subList(0, Math.min(200, sentences.size()));
        int rounds = Integer.getInteger("bench.rounds", 2);
        int jobRepeats = Integer.getInteger("bench.jobRepeats", 3);
        Optional<BenchJob> job = Boolean.parseBoolean(System.getProperty("bench.job", "true"))
                ? BenchJob.prepare(texts, jobRepeats) : Optional.empty();
        Map<JobCase, List<BenchJob.Outcome>> jobs = new LinkedHashMap<>();
        List<String> loads = new ArrayList<>();

        AllMiniLmL6V2EmbeddingModel langChain4j = new AllMiniLmL6V2EmbeddingModel();
        TestPluginContext ctx = new TestPluginContext("bench").withModel(new OnnxModelFactory());
        try (EmbeddingModel fp32 = ctx.models().open("onnx", Map.of("modelName", FP32));
             EmbeddingModel int8 = ctx.models().open("onnx", Map.of("modelName", INT8))) {
            runOnnx(fp32, warmUp, 64);
            runOnnx(int8, warmUp, 64);
            runLangChain4j(langChain4j, warmUp, 64);
            for (int round = 0; round < rounds; round++) {
                loads.add(loadAverage());
                for (int batch : BATCHES) {
                    if (round % 2 == 0) {
                        measure("lc4j", batch, () -> runLangChain4j(langChain4j, texts, batch));
                    }
                    measure(FP32, batch, () -> runOnnx(fp32, texts, batch));
                    measure(INT8, batch, () -> runOnnx(int8, texts, batch));
                    if (round % 2 == 1) {
                        measure("lc4j", batch, () -> runLangChain4j(langChain4j, texts, batch));
                    }
                }
                if (job.isPresent()) {
                    List<JobCase> cases = new ArrayList<>(List.of(new JobCase(FP32, 10), new JobCase(INT8, 10),
                            new JobCase(FP32, 1)));
                    if (round % 2 == 1) {
                        java.util.Collections.reverse(cases);
                    }
                    for (JobCase c : cases) {
                        jobs.computeIfAbsent(c, k -> new ArrayList<>()).add(job.get().run(c.model(), c.batchSize()));
                    }
                }
            }
        }
        System.out.print(report(texts.size(), rounds, String.join(" / ", loads), job, jobs));
    }

    private String report(int texts, int rounds, String load0, Optional<BenchJob> job,
                          Map<JobCase, List<BenchJob.Outcome>> jobs) {
        StringBuilder out = new StringBuilder(String.format("%n%d distinct STS-B dev sentences, %d rounds, "
                + "%d processors, 1-minute load average %s at the start of each round, %s at the end%n", texts, rounds,
                Runtime.getRuntime().availableProcessors(), load0, loadAverage()));
        out.append(String.format("%-6s %10s | %10s %7s %8s | %10s %7s %8s | %s%n", "batch", "lc4j/s", "onnx/s", "ratio",
                "cpu-ms", "onnx-q/s", "ratio", "cpu-ms", "lc4j cpu-ms"));
        for (int batch : BATCHES) {
            double lc = rate("lc4j", batch, texts * rounds);
            double a = rate(FP32, batch, texts * rounds);
            double q = rate(INT8, batch, texts * rounds);
            out.append(String.format("%-6d %10.1f | %10.1f %6.2fx %8.2f | %10.1f %6.2fx %8.2f | %.2f%n", batch, lc, a,
                    a / lc, cpuMs(FP32, batch, texts * rounds), q, q / lc, cpuMs(INT8, batch, texts * rounds),
                    cpuMs("lc4j", batch, texts * rounds)));
        }
        if (job.isEmpty()) {
            out.append("job: skipped, the distribution is not built (mvn -B -q install -DskipTests first)\n");
            return out.toString();
        }
        out.append("job localfile (2 files) -> embedding(onnx, batchSize N) -> localfile, concurrent 2, ")
                .append(job.get().launcher()).append('\n');
        jobs.forEach((c, runs) -> {
            long records = runs.stream().mapToLong(BenchJob.Outcome::records).sum();
            long ms = runs.stream().mapToLong(BenchJob.Outcome::durationMs).sum();
            long rss = runs.stream().mapToLong(BenchJob.Outcome::peakRssKb).max().orElse(0);
            double rate = records * 1000.0 / ms;
            double lc = rate("lc4j", c.batchSize(), texts * rounds);
            out.append(String.format("  %-20s batchSize %-3d %8.1f records/s (%.2fx lc4j at %d texts per call), "
                    + "peak RSS %d MB; runs:", c.model(), c.batchSize(), rate, rate / lc, c.batchSize(), rss / 1024));
            runs.forEach(r -> out.append(String.format(" %.1f/s", r.rate())));
            out.append('\n');
        });
        return out.toString();
    }

    /** A job measurement: the model and the step's batchSize. */
    private record JobCase(String model, int batchSize) {
    }

    private interface Timed {
        double seconds() throws Exception;
    }

    private void measure(String who, int batch, Timed run) throws Exception {
        double cpu0 = cpuSeconds();
        double seconds = run.seconds();
        double[] t = totals.computeIfAbsent(who + "#" + batch, k -> new double[2]);
        t[0] += seconds;
        t[1] += cpuSeconds() - cpu0;
    }

    private double rate(String who, int batch, int texts) {
        return texts / totals.get(who + "#" + batch)[0];
    }

    private double cpuMs(String who, int batch, int texts) {
        return 1000 * totals.get(who + "#" + batch)[1] / texts;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    /** CPU seconds of this process, native ONNX Runtime threads included. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Seconds to embed {@code texts} in calls of {@code batch}, one call at a time. */
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
