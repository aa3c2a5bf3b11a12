package io.vectorsync.model.bailian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.OutputType;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sparse output of the native API (output_type sparse / dense&sparse) against a loopback fake. */
class BailianSparseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private EmbeddingModel open(Object... extra) {
        Map<String, Object> p = new HashMap<>(Map.of("modelName", "text-embedding-v4", "apiKey", "sk-sparse-test",
                "endpoint", server.url("/").toString(), "dimension", 64));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        BailianModelFactory f = new BailianModelFactory();
        return f.create(PluginHarness.bind(f, p), new TestPluginContext("embed"));
    }

    private static float[] dense(int seed) {
        float[] v = new float[64];
        v[seed % 64] = 1;
        return v;
    }

    @Test
    void denseAndSparseAreAskedForAndAlignedByTextIndex() throws Exception {
        // out of order, indices unsorted, one index listed twice (its largest value is kept)
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(
                DashScopeWire.sparseReply(List.of(dense(0), dense(1)), List.of(
                        List.of(new long[] {1024, 7}, new float[] {0.5f, 0.25f}),
                        List.of(new long[] {3, 250001, 3}, new float[] {0.75f, 0.125f, 0.9f})), new int[] {1, 0},
                        true)));
        Embeddings e = open().embed(List.of("first", "second"), OutputType.DENSE_AND_SPARSE).get(10, TimeUnit.SECONDS);
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        JsonNode body = JSON.readTree(r.getBody().readUtf8());
        assertEquals("dense&sparse", body.get("parameters").get("output_type").asText());
        assertEquals(1f, e.vectors().get(1)[1]);
        assertEquals(new SparseVector(new int[] {7, 1024}, new float[] {0.25f, 0.5f}), e.sparseVectors().get(0));
        assertEquals(new SparseVector(new int[] {3, 250001}, new float[] {0.9f, 0.125f}), e.sparseVectors().get(1));
    }

    @Test
    void sparseAloneReturnsNoDenseVectors() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(
                DashScopeWire.sparseReply(null, List.of(List.of(new long[] {5}, new float[] {1.5f})), new int[] {0},
                        false)));
        Embeddings e = open().embed(List.of("only"), OutputType.SPARSE).get(10, TimeUnit.SECONDS);
        assertEquals("sparse", JSON.readTree(server.takeRequest().getBody().readUtf8()).get("parameters")
                .get("output_type").asText());
        assertTrue(e.vectors().isEmpty());
        assertEquals(new SparseVector(new int[] {5}, new float[] {1.5f}), e.sparseVectors().get(0));
    }

    @Test
    void aDenseCallSendsNoOutputType() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(
                DashScopeWire.reply(List.of(dense(3)), new int[] {0}, 2)));
        Embeddings e = open().embed(List.of("x")).get(10, TimeUnit.SECONDS);
        assertFalse(JSON.readTree(server.takeRequest().getBody().readUtf8()).get("parameters").has("output_type"));
        assertTrue(e.sparseVectors().isEmpty());
    }

    @Test
    void aReplyWithoutTheSparseWeightsAskedForIsMalformed() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(
                DashScopeWire.reply(List.of(dense(3)), new int[] {0}, 2)));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> open().embed(List.of("x"), OutputType.DENSE_AND_SPARSE).get(10, TimeUnit.SECONDS));
        ModelException me = assertInstanceOf(ModelException.class, e.getCause());
        assertTrue(me.getMessage().contains("has no sparse_embedding"), me.getMessage());
    }

    @Test
    void onlyV3AndV4OnTheNativeApiReturnSparseVectors() {
        assertEquals(EnumSet.allOf(OutputType.class), open().outputTypes());
        assertEquals(EnumSet.allOf(OutputType.class), open("modelName", "text-embedding-v3").outputTypes());
        assertEquals(EnumSet.of(OutputType.DENSE), open("modelName", "text-embedding-v2", "dimension", 1536)
                .outputTypes());
        assertEquals(EnumSet.of(OutputType.DENSE), open("apiMode", "openai-compatible").outputTypes());
        assertTrue(new BailianModelFactory().sparseOutput().contains("text-embedding-v4"));
    }
}
