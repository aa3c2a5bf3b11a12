package io.vectorsync.transformer.textsplitter;

import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.model.onnx.OnnxModelFactory;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Throughput of the text-splitter step on one core, in MB/s of UTF-8 source text: {@code -Dbench} runs it,
 * {@code -Dbench.mb=N} sets the corpus size (default 8). Documents are about 12 KB of Markdown: the two test docs
 * (English and Chinese) and random mixed text, cut with the step's default separators.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class TextSplitterBenchmark {
    private static final Schema INPUT = Schema.builder().field("doc_id", DataType.STRING)
            .field("body", DataType.STRING).build();

    @ParameterizedTest(name = "{0} {1}/{2} {3}")
    @CsvSource({"characters, 1000, 100, text", "cl100k_base, 256, 32, text", "all-MiniLM-L6-v2, 254, 32, text",
        "all-MiniLM-L6-v2, 254, 32, markdown"})
    void megabytesPerSecond(String tokenizer, int size, int overlap, String format) throws Exception {
        List<Row> docs = corpus((long) Double.parseDouble(System.getProperty("bench.mb", "8")) * 1_000_000);
        long bytes = 0;
        for (Row r : docs) {
            bytes += ((String) r.get(1)).getBytes(StandardCharsets.UTF_8).length;
        }
        Map<String, Object> params = Map.of("sourceColumn", "body", "idColumn", "doc_id", "tokenizer", tokenizer,
                "chunkSize", size, "chunkOverlap", overlap, "format", format);
        run(params, docs.subList(0, Math.max(1, docs.size() / 4))); // warm-up
        long start = System.nanoTime();
        int chunks = run(params, docs);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "text-splitter %s chunkSize %d overlap %d %s: %.1f MB in %.2f s = %.2f MB/s, "
                        + "%d docs, %d chunks (%.0f chunks/s)%n", tokenizer, size, overlap, format, bytes / 1e6, seconds,
                bytes / 1e6 / seconds, docs.size(), chunks, chunks / seconds);
    }

    /**
     * The onnx step's rate on the splitter's own output: chunks of at most 254 all-MiniLM-L6-v2 tokens embedded in
     * calls of 32 ({@code -Dbench.chunks=N}, default 256), expressed in MB/s of source text like the splitter's.
     */
    @Test
    void onnxOnTheSameChunks() throws Exception {
        List<Row> docs = corpus(2_000_000);
        Map<String, Object> params = Map.of("sourceColumn", "body", "idColumn", "doc_id", "tokenizer",
                "all-MiniLM-L6-v2", "chunkSize", 254, "chunkOverlap", 32);
        run(params, docs); // warm-up: the JIT compiles the tokenizer and splitter before the timed pass
        long start = System.nanoTime();
        List<Row> chunks = new ArrayList<>();
        for (int i = 0; i < docs.size(); i += 32) {
            chunks.addAll(PluginHarness.transform(new TextSplitterTransformerFactory(), params, INPUT,
                    docs.subList(i, Math.min(docs.size(), i + 32)), 32, new TestPluginContext("bench")).records());
        }
        double splitSeconds = (System.nanoTime() - start) / 1e9;
        long sourceBytes = 0;
        for (Row r : docs) {
            sourceBytes += ((String) r.get(1)).getBytes(StandardCharsets.UTF_8).length;
        }
        double sourceBytesPerChunk = (double) sourceBytes / chunks.size();
        List<String> texts = new ArrayList<>();
        for (Row r : chunks.subList(0, Math.min(chunks.size(), Integer.getInteger("bench.chunks", 256)))) {
            texts.add((String) r.get("chunk_text"));
        }
        TestPluginContext ctx = new TestPluginContext("bench").withModel(new OnnxModelFactory());
        try (EmbeddingModel onnx = ctx.models().open("onnx",
                Map.of("modelName", "all-MiniLM-L6-v2"))) {
            onnx.embed(texts.subList(0, 32)).get(); // load and warm up
            long t0 = System.nanoTime();
            for (int i = 0; i < texts.size(); i += 32) {
                onnx.embed(texts.subList(i, Math.min(texts.size(), i + 32))).get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double onnxChunksPerSecond = texts.size() / seconds;
            double splitMbPerSecond = sourceBytes / 1e6 / splitSeconds;
            double onnxMbPerSecond = onnxChunksPerSecond * sourceBytesPerChunk / 1e6;
            System.out.printf(Locale.ROOT, "same chunks (all-MiniLM-L6-v2, 254/32): text-splitter %.2f MB/s on one core "
                    + "(%.0f chunks/s); onnx %.1f chunks/s on %d processors = %.4f MB/s of source text; the splitter is "
                    + "%.0fx faster%n", splitMbPerSecond, chunks.size() / splitSeconds, onnxChunksPerSecond,
                    Runtime.getRuntime().availableProcessors(), onnxMbPerSecond, splitMbPerSecond / onnxMbPerSecond);
        }
    }

    /** One thread, one step instance, batches of 32 documents: what one stream of a job does. */
    private static int run(Map<String, Object> params, List<Row> docs) throws Exception {
        int chunks = 0;
        for (int i = 0; i < docs.size(); i += 32) {
            chunks += PluginHarness.transform(new TextSplitterTransformerFactory(), params, INPUT,
                    docs.subList(i, Math.min(docs.size(), i + 32)), 32, new TestPluginContext("bench")).records().size();
        }
        return chunks;
    }

    private static List<Row> corpus(long bytes) {
        String en = Texts.resource("docs/en.md");
        String zh = Texts.resource("docs/zh.md");
        Random random = new Random(7);
        List<Row> docs = new ArrayList<>();
        long total = 0;
        while (total < bytes) {
            StringBuilder doc = new StringBuilder();
            while (doc.length() < 12_000) {
                int kind = random.nextInt(3);
                doc.append(kind == 0 ? en : kind == 1 ? zh : "## Notes\n\n" + Texts.random(random, 3000)).append("\n\n");
            }
            String text = doc.toString();
            total += text.getBytes(StandardCharsets.UTF_8).length;
            docs.add(Row.of(INPUT, "doc-" + docs.size(), text));
        }
        return docs;
    }
}
