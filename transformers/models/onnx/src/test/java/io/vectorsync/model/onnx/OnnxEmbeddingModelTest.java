package io.vectorsync.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The onnx provider as the embedding step uses it: opened through the model registry with the step's parameters. */
class OnnxEmbeddingModelTest {
    private static final String LONG_TEXT = String.join(" ", java.util.Collections.nCopies(40,
            "The quick brown fox jumps over the lazy dog near the riverbank."));
    private static final List<String> SENTENCES = List.of(
            "A man is playing a guitar.",
            "",
            "Ein Mann spielt Gitarre, und die Sonne scheint über München.",
            "Vectorsync embeds rows from DataWorks jobs with an in-process model; it must match the reference "
                    + "implementation token for token, including punctuation (commas, dots...) and numbers like 3.14 "
                    + "or 2026, across a text that is comfortably longer than one hundred and twenty-eight tokens "
                    + "once WordPiece has split words such as tokenization, vectorization, hyperparameterization, "
                    + "electroencephalography, antidisestablishmentarianism and pneumonoultramicroscopic into "
                    + "pieces, so that a tokenizer still truncating at the file's default of 128 would differ from "
                    + "sentence-transformers, whose max_seq_length for this model is 256 tokens.",
            "两只猫在沙发上睡觉。");

    private static TestPluginContext ctx;
    private static EmbeddingModel miniLm;

    @BeforeAll
    static void open() {
        ctx = new TestPluginContext("embed titles").withModel(new OnnxModelFactory());
        miniLm = ctx.models().open("onnx", Map.of("modelName", "all-MiniLM-L6-v2", "apiKey", "unused"));
    }

    @AfterAll
    static void close() throws Exception {
        miniLm.close();
    }

    private static List<float[]> embed(EmbeddingModel model, List<String> texts) throws Exception {
        return model.embed(texts).get().vectors();
    }

    @Test
    void factoryIsFoundByServiceLoaderUnderItsName() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(EmbeddingModelFactory.class).forEach(f -> names.add(f.name()));
        assertEquals(List.of("onnx"), names);
    }

    /**
     * LangChain4j's runtime of the same files is the reference. It truncates at the 128 tokens its tokenizer.json
     * sets, where sentence-transformers (and this provider) use 256: texts up to 128 tokens must agree, and the
     * long text agrees only when this provider is also limited to 128.
     */
    @Test
    void vectorsMatchLangChain4jsImplementationOfTheSameModel() throws Exception {
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
        // LangChain4j refuses blank texts
        List<String> texts = SENTENCES.stream().filter(s -> !s.isBlank()).toList();
        List<float[]> expected = reference.embedAll(texts.stream().map(TextSegment::from).toList()).content()
                .stream().map(e -> e.vector()).toList();
        List<float[]> actual = embed(miniLm, texts);
        String longOne = SENTENCES.get(3);
        long longTokens = miniLm.embed(List.of(longOne)).get().tokens();
        assertTrue(longTokens > 128 && longTokens < 256, "the long sentence has " + longTokens + " tokens");
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(384, actual.get(i).length);
            assertEquals(1.0, norm(actual.get(i)), 1e-5, "unit length");
            double cosine = StsData.cosine(expected.get(i), actual.get(i));
            if (texts.get(i).equals(longOne)) {
                assertTrue(cosine < 0.99, "256 tokens are not 128: " + cosine);
            } else {
                assertTrue(cosine >= 0.99999, "text " + i + ": cosine to LangChain4j's vector " + cosine);
            }
        }
        try (EmbeddingModel at128 = ctx.models().open("onnx", Map.of("maxSequenceLength", 128))) {
            float[] cut = embed(at128, List.of(longOne)).get(0);
            double cosine = StsData.cosine(expected.get(texts.indexOf(longOne)), cut);
            assertTrue(cosine >= 0.99999, "long text at 128 tokens: cosine to LangChain4j's vector " + cosine);
        }
    }

    @Test
    void batchingAndPaddingDoNotChangeVectors() throws Exception {
        List<String> texts = new ArrayList<>(SENTENCES);
        texts.add(LONG_TEXT);
        texts.add("Short.");
        List<float[]> together = embed(miniLm, texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embed(miniLm, List.of(texts.get(i))).get(0);
            assertArrayEquals(alone, together.get(i), 1e-4f, "text " + i + " alone vs in a batch");
        }
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() throws Exception {
        List<float[]> v = embed(miniLm, List.of("A man is playing a guitar.", "Someone plays the guitar.",
                "The stock market fell sharply today."));
        assertTrue(StsData.cosine(v.get(0), v.get(1)) > 0.7, "paraphrase");
        assertTrue(StsData.cosine(v.get(0), v.get(2)) < 0.2, "unrelated");
    }

    @Test
    void reportsTokensAndTruncatesAtTheModelsSequenceLimit() throws Exception {
        long before = ctx.counter(OnnxEmbeddingModel.TRUNCATED_TEXTS);
        Embeddings shortOne = miniLm.embed(List.of("hello world")).get();
        assertEquals(4, shortOne.tokens(), "[CLS] hello world [SEP]");
        assertEquals(before, ctx.counter(OnnxEmbeddingModel.TRUNCATED_TEXTS));

        String longer = LONG_TEXT + " " + LONG_TEXT;
        Embeddings both = miniLm.embed(List.of(LONG_TEXT, longer)).get();
        assertEquals(512, both.tokens(), "two texts cut to 256 tokens each");
        assertEquals(before + 2, ctx.counter(OnnxEmbeddingModel.TRUNCATED_TEXTS));
        // both share their first 254 word pieces, so truncation makes them identical
        assertArrayEquals(both.vectors().get(0), both.vectors().get(1), 1e-5f);
    }

    @Test
    void maxSequenceLengthShortensInputs() throws Exception {
        try (EmbeddingModel m = ctx.models().open("onnx", Map.of("maxSequenceLength", "8"))) {
            assertEquals(8, m.limits().maxTokensPerText());
            Embeddings e = m.embed(List.of(LONG_TEXT, "hi")).get();
            assertEquals(8 + 3, e.tokens());
            float[] full = embed(miniLm, List.of(LONG_TEXT)).get(0);
            assertTrue(StsData.cosine(full, e.vectors().get(0)) < 0.99, "a cut text embeds differently");
            assertNotEquals(miniLm.cacheKey(), m.cacheKey(), "the cache must not mix truncation lengths");
        }
    }

    @Test
    void limitsAndCacheKeyDescribeTheModel() throws Exception {
        assertEquals(new ModelLimits(64, 0, 256, 384), miniLm.limits());
        try (EmbeddingModel bge = ctx.models().open("onnx", Map.of("modelName", "BAAI/bge-small-en-v1.5",
                "dimension", "384", "maxBatchSize", 16))) {
            assertEquals(new ModelLimits(16, 0, 512, 384), bge.limits());
            assertNotEquals(miniLm.cacheKey(), bge.cacheKey());
            assertTrue(bge.cacheKey().contains("bge-small-en-v1.5"), bge.cacheKey());
            float[] a = embed(bge, List.of("A man is playing a guitar.")).get(0);
            float[] b = embed(miniLm, List.of("A man is playing a guitar.")).get(0);
            assertTrue(StsData.cosine(a, b) < 0.5, "two different models give different vectors");
        }
        try (EmbeddingModel other = ctx.models().open("onnx", Map.of("threads", 1))) {
            assertEquals(miniLm.cacheKey(), other.cacheKey(), "threads do not change the vectors");
        }
    }

    @Test
    void aDimensionOtherThanTheModelsFailsAtCreate() {
        PluginException e = assertThrows(PluginException.class,
                () -> ctx.models().open("onnx", Map.of("modelName", "all-MiniLM-L6-v2", "dimension", 1024)));
        assertEquals("onnx.MODEL_MISMATCH", e.errorCode().code());
        assertEquals("step \"embed titles\": \"dimension\": 1024 does not match model all-MiniLM-L6-v2, which "
                + "produces 384-dimension vectors; set \"dimension\": 384 or leave it out", e.getMessage());
    }

    @Test
    void unknownModelAndTooLongSequencesAreRejected() {
        PluginException unknown = assertThrows(PluginException.class,
                () -> ctx.models().open("onnx", Map.of("modelName", "text-embedding-v4")));
        assertTrue(unknown.getMessage().contains("modelName") && unknown.getMessage().contains("all-MiniLM-L6-v2"),
                unknown.getMessage());
        PluginException tooLong = assertThrows(PluginException.class,
                () -> ctx.models().open("onnx", Map.of("maxSequenceLength", 512)));
        assertTrue(tooLong.getMessage().contains("\"maxSequenceLength\": 512 exceeds model all-MiniLM-L6-v2's "
                + "limit of 256 tokens"), tooLong.getMessage());
    }

    @Test
    void badBatchesFailWithBadInput() {
        ExecutionException nullText = assertThrows(ExecutionException.class,
                () -> miniLm.embed(java.util.Arrays.asList("fine", null)).get());
        ModelException e = assertInstanceOf(ModelException.class, nullText.getCause());
        assertEquals(ModelException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("text 1 of the batch is null"), e.getMessage());

        List<String> tooMany = java.util.Collections.nCopies(65, "x");
        ExecutionException big = assertThrows(ExecutionException.class, () -> miniLm.embed(tooMany).get());
        assertTrue(big.getCause().getMessage().contains("65 texts in one call"), big.getCause().getMessage());
    }

    @Test
    void clientsOfEveryStepShareOneCopyOfTheModel() throws Exception {
        OnnxModelInfo info = OnnxModelInfo.ALL_MINILM_L6_V2_Q;
        // two steps with different thread settings still share the one loaded model
        try (EmbeddingModel a = ctx.models().open("onnx", Map.of("modelName", info.name(), "threads", "1"));
             EmbeddingModel b = ctx.models().open("onnx", Map.of("modelName", info.name(), "threads", "2"))) {
            assertEquals(0, OnnxRuntimeCache.references(info), "nothing loads before the first call");
            a.check();
            b.embed(List.of("x")).get();
            assertEquals(2, OnnxRuntimeCache.references(info));
            a.close();
            assertEquals(1, OnnxRuntimeCache.references(info));
            assertEquals(384, embed(b, List.of("still works")).get(0).length);
        }
        assertEquals(0, OnnxRuntimeCache.references(info), "the last client frees the session");
    }

    @Test
    void concurrentCallsGiveTheSameVectors() throws Exception {
        List<String> texts = new ArrayList<>(SENTENCES);
        texts.add(LONG_TEXT);
        List<float[]> expected = embed(miniLm, texts);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(pool.submit(() -> embed(miniLm, texts)));
            }
            for (Future<List<float[]>> f : futures) {
                List<float[]> got = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i), 1e-4f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
