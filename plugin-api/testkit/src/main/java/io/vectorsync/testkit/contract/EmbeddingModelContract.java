package io.vectorsync.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every embedding model provider keeps, whatever its transport (HTTP, in-process ONNX): vectors of
 * the declared dimension, one per text and in order, nothing for nothing, safe from several threads, no secret in
 * the cache key. A provider's test extends this class with its factory and parameters (pointing at a loopback
 * fake of the service, or a real model). Wire-level behaviour of HTTP providers (throttling, error mapping) is
 * checked by their own contract in {@code transformers/models/common}.
 */
public abstract class EmbeddingModelContract {
    private EmbeddingModel model;

    protected abstract EmbeddingModelFactory factory();

    /** The embedding step's parameters this provider reads. */
    protected abstract Map<String, Object> params();

    /** A secret among {@link #params()} (an API key) that must never appear in the cache key; null when none. */
    protected String secret() {
        return null;
    }

    /** How far two embeddings of the same text may differ per component (0 for a deterministic fake). */
    protected float tolerance() {
        return 1e-4f;
    }

    /** Distinct texts to embed (at least 3). */
    protected List<String> texts() {
        return List.of("A man is playing a guitar.", "Vectors live where they are searched.", "今天天气很好",
                "short", "A somewhat longer sentence about reading data where it lives and embedding it.");
    }

    @AfterEach
    void closeModel() throws Exception {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    /**
     * The model of the current test, created from {@link #params()} on first use (so that a subclass's
     * {@code @BeforeEach}, which runs after this class's, can start a fake service first).
     */
    protected EmbeddingModel model() {
        if (model == null) {
            PluginConfig config = PluginHarness.bind(factory(), params());
            model = factory().create(config, new TestPluginContext(factory().name()));
        }
        return model;
    }

    @Test
    public void oneVectorPerTextOfTheDeclaredDimension() throws Exception {
        int dimension = model().limits().dimension();
        assertTrue(dimension > 0, "limits().dimension() must be positive: " + dimension);
        List<String> texts = texts();
        Embeddings e = embed(texts);
        assertEquals(texts.size(), e.vectors().size(), "vectors returned for " + texts.size() + " texts");
        for (float[] v : e.vectors()) {
            assertEquals(dimension, v.length, "a vector's length differs from limits().dimension()");
        }
        assertTrue(e.tokens() >= 0, "tokens must not be negative");
    }

    /** A batch's vectors are the texts' own vectors, in the texts' order (each checked against a call of its own). */
    @Test
    public void vectorsFollowTheOrderOfTheTexts() throws Exception {
        List<String> texts = texts();
        List<float[]> batch = embed(texts).vectors();
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embed(List.of(texts.get(i))).vectors().get(0);
            assertArrayEquals(alone, batch.get(i), tolerance(), "vector " + i + " of a batch is not the vector of \""
                    + texts.get(i) + "\" (vectors out of order, or depending on their position in the call)");
        }
        assertFalse(java.util.Arrays.equals(batch.get(0), batch.get(1)), "two different texts got the same vector");
    }

    @Test
    public void anEmptyListGivesNoVectors() throws Exception {
        Embeddings e = embed(List.of());
        assertEquals(0, e.vectors().size(), "vectors returned for no text");
    }

    @Test
    public void concurrentCallsEachGetTheirOwnAnswer() throws Exception {
        List<String> texts = texts();
        List<float[]> sequential = new ArrayList<>();
        for (String t : texts) {
            sequential.add(embed(List.of(t)).vectors().get(0));
        }
        List<CompletableFuture<Embeddings>> calls = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (String t : texts) {
                CompletableFuture<Embeddings> call = new CompletableFuture<>();
                calls.add(call);
                Thread thread = new Thread(() -> model().embed(List.of(t)).whenComplete((r, err) -> {
                    if (err != null) {
                        call.completeExceptionally(err);
                    } else {
                        call.complete(r);
                    }
                }));
                thread.start();
                threads.add(thread);
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < calls.size(); i++) {
            float[] got = calls.get(i).get(2, TimeUnit.MINUTES).vectors().get(0);
            assertArrayEquals(sequential.get(i % texts.size()), got, tolerance(),
                    "a concurrent call for \"" + texts.get(i % texts.size()) + "\" got another text's vector");
        }
    }

    @Test
    public void theCacheKeyIdentifiesTheModelWithoutSecrets() {
        String key = model().cacheKey();
        assertNotNull(key, "cacheKey() returned null");
        assertFalse(key.isBlank(), "cacheKey() is blank");
        if (secret() != null) {
            assertFalse(key.contains(secret()), "cacheKey() contains the secret");
        }
    }

    private Embeddings embed(List<String> texts) throws Exception {
        return model().embed(texts).get(2, TimeUnit.MINUTES);
    }
}
