package io.vectorsync.transformer.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared fixtures: parameters, records and assertions for the embedding step's tests. */
final class EmbeddingTestSupport {
    static final String API_KEY = "sk-test-5ecret-K3y-0042";
    static final int DIM = 8;
    static final Schema INPUT = Schema.builder()
            .field("id", DataType.INT64)
            .field("title", DataType.STRING)
            .field("body", DataType.STRING)
            .build();

    private EmbeddingTestSupport() {
    }

    /** Base parameters embedding "title" into "vec" (8 dims, fast retries), then {@code overrides} (key, value…). */
    static Map<String, Object> params(Object... overrides) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("modelProvider", "fake");
        p.put("modelName", "fake-embed");
        p.put("apiKey", API_KEY);
        p.put("embeddingColumns", Map.of("sourceColumnNames", List.of("title"), "embeddingColumnName", "vec"));
        p.put("dimension", String.valueOf(DIM));
        p.put("initialBackoffMs", 1);
        p.put("maxBackoffMs", 20);
        // calls are counted: nothing may come from an earlier test's disk cache (tests that need it set a path)
        p.put("persistentCache", Map.of("enabled", false));
        for (int i = 0; i < overrides.length; i += 2) {
            p.put((String) overrides[i], overrides[i + 1]);
        }
        return p;
    }

    static Map<String, Object> columns(List<String> sources, String target) {
        return Map.of("sourceColumnNames", sources, "embeddingColumnName", target);
    }

    static Row row(long id, String title, String body) {
        return Row.of(INPUT, id, title, body);
    }

    /** {@code n} rows with distinct titles "text i". */
    static List<Row> rows(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(i, "text " + i, "body " + i));
        }
        return rows;
    }

    static TestPluginContext context(FakeEmbeddingModelFactory fake) {
        return new TestPluginContext("embed", 2).withModel(fake);
    }

    static PluginHarness.TransformResult run(FakeEmbeddingModelFactory fake, Map<String, Object> params,
                                             List<Row> records, int batch) throws Exception {
        return PluginHarness.transform(new EmbeddingTransformerFactory(), params, INPUT, records, batch, context(fake));
    }

    /** A transformer planned on {@link #INPUT}, for tests that drive it from several threads. */
    static Transformer open(Map<String, Object> params, TestPluginContext ctx) {
        EmbeddingTransformerFactory f = new EmbeddingTransformerFactory();
        Transformer t = f.create(PluginHarness.bind(f, params), ctx);
        t.outputSchema(INPUT);
        return t;
    }

    /** The record carries the fake's vector of {@code text}. */
    static void assertVectorOf(String text, Row r) {
        assertArrayEquals(FakeEmbeddingModelFactory.vector(text, DIM), (float[]) r.get("vec"),
                "vector of " + r.get("id") + " should be the embedding of \"" + text + "\"");
    }

    /** No message of {@code e} or its causes contains the API key. */
    static void assertNoKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(API_KEY), "API key in message: " + t.getMessage());
            assertFalse(String.valueOf(t).contains(API_KEY), "API key in toString: " + t);
        }
    }

    static void assertNoKey(TestPluginContext ctx) {
        for (TestPluginContext.DirtyRecord d : ctx.dirty()) {
            assertFalse(String.valueOf(d.message()).contains(API_KEY), "API key in dirty record: " + d.message());
            assertFalse(String.valueOf(d.record()).contains(API_KEY), "API key in dirty record: " + d.record());
        }
    }
}
