package io.vectorsync.transformer.embedding;

import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.DIM;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.INPUT;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.assertVectorOf;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.columns;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.params;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.row;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.rows;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Planning, batching, de-duplication, caching, concurrency and order of the embedding step. */
class EmbeddingTransformerTest {
    private final FakeEmbeddingModelFactory fake = new FakeEmbeddingModelFactory();

    @Test
    void foundByServiceLoaderUnderItsName() {
        boolean found = ServiceLoader.load(TransformerFactory.class).stream()
                .anyMatch(p -> p.get().name().equals("embedding-transformer"));
        assertTrue(found);
    }

    @Test
    void outputSchemaAppendsVectorOfConfiguredDimension() throws Exception {
        var result = run(fake, params(), rows(3), 10);
        assertEquals(List.of("id", "title", "body", "vec"), result.schema().names());
        assertEquals(DataType.floatVector(DIM), result.schema().field(3).type());
        for (Row r : result.records()) {
            assertVectorOf((String) r.get("title"), r);
        }
        assertEquals(3, result.context().counter(Metrics.ROWS_EMBEDDED));
    }

    @Test
    void outputColumnWithExistingNameIsReplacedInPlace() throws Exception {
        var result = run(fake, params("embeddingColumns", columns(List.of("title"), "body")), rows(2), 10);
        assertEquals(List.of("id", "title", "body"), result.schema().names());
        assertEquals(new Field("body", DataType.floatVector(DIM), true), result.schema().field(2));
        org.junit.jupiter.api.Assertions.assertArrayEquals(FakeEmbeddingModelFactory.vector("text 1", DIM),
                (float[]) result.records().get(1).get("body"));
    }

    @Test
    void unknownSourceColumnFailsAtPlanningListingFields() {
        PluginException e = assertThrows(PluginException.class,
                () -> run(fake, params("embeddingColumns", columns(List.of("titel"), "vec")), rows(1), 10));
        assertEquals("embedding.COLUMN_NOT_FOUND", e.errorCode().code());
        assertTrue(e.getMessage().contains("\"titel\""), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean \"title\""), e.getMessage());
        assertTrue(e.getMessage().contains("[id, title, body]"), e.getMessage());
        assertTrue(e.getMessage().contains("embeddingColumns.sourceColumnNames"), e.getMessage());
    }

    @Test
    void nestedEmbeddingColumnsAreValidated() {
        PluginException missing = assertThrows(PluginException.class,
                () -> run(fake, params("embeddingColumns", java.util.Map.of("embeddingColumnName", "v")), rows(1), 10));
        assertTrue(missing.getMessage().contains("embeddingColumns.sourceColumnNames") && missing.getMessage().contains("missing"),
                missing.getMessage());
        PluginException noTarget = assertThrows(PluginException.class,
                () -> run(fake, params("embeddingColumns", java.util.Map.of("sourceColumnNames", List.of("title"))), rows(1), 10));
        assertTrue(noTarget.getMessage().contains("embeddingColumnName"), noTarget.getMessage());
        PluginException typo = assertThrows(PluginException.class, () -> run(fake, params("embeddingColumns",
                java.util.Map.of("sourceColumnNames", List.of("title"), "embeddingColumnName", "v", "sourceColumns", "x")),
                rows(1), 10));
        assertTrue(typo.getMessage().contains("embeddingColumns.sourceColumns"), typo.getMessage());
        var issues = PluginHarness.validate(new EmbeddingTransformerFactory(), params("batchSize", "0"));
        assertEquals("batchSize", issues.get(0).key());
    }

    @Test
    void dimensionTheModelCannotGiveFailsAtPlanning() {
        fake.fixedDimension = 1024;
        PluginException e = assertThrows(PluginException.class, () -> run(fake, params(), rows(1), 10));
        assertEquals("embedding.DIMENSION_MISMATCH", e.errorCode().code());
        assertTrue(e.getMessage().contains("1024") && e.getMessage().contains("is 8"), e.getMessage());
    }

    @Test
    void omittedDimensionIsTheProvidersDefault() throws Exception {
        var p = params();
        p.remove("dimension");
        var result = run(fake, p, rows(1), 10);
        assertEquals(DataType.floatVector(1024), result.schema().find("vec").orElseThrow().type());
        assertEquals(1024, ((float[]) result.records().get(0).get("vec")).length);
    }

    @Test
    void callsCarryAtMostTheProviderLimit() throws Exception {
        fake.maxRowsPerCall = 5;
        var result = run(fake, params("batchSize", "8"), rows(23), 23);
        assertEquals(5, fake.calls().size(), "23 texts in calls of at most min(8, 5) = 5");
        fake.calls().forEach(c -> assertTrue(c.texts().size() <= 5));
        assertEquals(23, result.records().size());
        assertEquals(5, result.context().counter(Metrics.MODEL_CALLS));
    }

    @Test
    void callsCarryAtMostBatchSize() throws Exception {
        var result = run(fake, params("batchSize", 3), rows(23), 100);
        assertEquals(8, fake.calls().size());
        fake.calls().forEach(c -> assertTrue(c.texts().size() <= 3));
        assertEquals(23, result.records().size());
        assertEquals(8, result.context().testMetrics().latencies(Metrics.MODEL_CALL_LATENCY).size());
        long chars = rows(23).stream().mapToLong(r -> ((String) r.get("title")).length()).sum();
        assertEquals(chars, result.context().counter(Metrics.TOKENS), "tokens as the provider reported them");
    }

    @Test
    void identicalTextsAreSentOncePerBatch() throws Exception {
        List<Row> in = List.of(row(1, "a", null), row(2, "b", null), row(3, "a", null), row(4, "a", null),
                row(5, "c", null));
        var result = run(fake, params("cacheSizeMb", 0), in, 5);
        assertEquals(List.of("a", "b", "c"), fake.textsSent());
        assertEquals(5, result.records().size());
        for (Row r : result.records()) {
            assertVectorOf((String) r.get("title"), r);
        }
        assertNotSame(result.records().get(0).get("vec"), result.records().get(2).get("vec"),
                "records never share a vector array");
    }

    @Test
    void cacheServesTextsAcrossStreams() throws Exception {
        TestPluginContext ctx = EmbeddingTestSupport.context(fake);
        try (Transformer t = EmbeddingTestSupport.open(params(), ctx)) {
            List<Row> first = Collections.synchronizedList(new ArrayList<>());
            List<Row> second = Collections.synchronizedList(new ArrayList<>());
            runInThread(t, rows(20), first);
            int callsAfterFirst = fake.calls().size();
            runInThread(t, rows(20), second);
            assertEquals(callsAfterFirst, fake.calls().size(), "second stream served from the cache");
            assertEquals(20, ctx.counter(Metrics.CACHE_HITS));
            assertEquals(20, ctx.counter(Metrics.CACHE_MISSES));
            assertEquals(20, second.size());
            for (Row r : second) {
                assertVectorOf((String) r.get("title"), r);
            }
        }
    }

    @Test
    void cacheSizeZeroDisablesTheCache() throws Exception {
        TestPluginContext ctx = EmbeddingTestSupport.context(fake);
        try (Transformer t = EmbeddingTestSupport.open(params("cacheSizeMb", "0"), ctx)) {
            t.transform(rows(4), collector(new ArrayList<>()));
            t.transform(rows(4), collector(new ArrayList<>()));
        }
        assertEquals(8, fake.textsSent().size());
        assertEquals(0, ctx.counter(Metrics.CACHE_HITS));
    }

    @Test
    void orderIsKeptWithManyCallsInFlight() throws Exception {
        fake.latencyMinMs = 1;
        fake.latencyMaxMs = 25;
        List<Row> in = rows(300);
        var result = run(fake, params("concurrentRequests", 8, "batchSize", 10), in, 300);
        assertEquals(300, result.records().size());
        for (int i = 0; i < in.size(); i++) {
            Row r = result.records().get(i);
            assertEquals((long) i, r.get("id"));
            assertVectorOf("text " + i, r);
        }
        assertTrue(fake.maxInFlightSeen.get() > 1, "calls overlapped: " + fake.maxInFlightSeen.get());
        assertTrue(fake.maxInFlightSeen.get() <= 8, "at most concurrentRequests in flight: " + fake.maxInFlightSeen.get());
    }

    @Test
    void twoStreamsConcurrentlyEachGetTheirOwnRecordsInOrder() throws Exception {
        fake.latencyMinMs = 1;
        fake.latencyMaxMs = 10;
        TestPluginContext ctx = EmbeddingTestSupport.context(fake);
        try (Transformer t = EmbeddingTestSupport.open(params("maxInFlight", 3), ctx)) {
            List<Row> a = new ArrayList<>();
            List<Row> b = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                a.add(row(i, "a" + i, null));
                b.add(row(1000 + i, "b" + i, null));
            }
            List<Row> outA = Collections.synchronizedList(new ArrayList<>());
            List<Row> outB = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread ta = new Thread(() -> runAfter(start, t, a, outA, failure));
            Thread tb = new Thread(() -> runAfter(start, t, b, outB, failure));
            ta.start();
            tb.start();
            start.countDown();
            ta.join();
            tb.join();
            assertEquals(null, failure.get());
            assertEquals(a.stream().map(r -> r.get("id")).toList(), outA.stream().map(r -> r.get("id")).toList());
            assertEquals(b.stream().map(r -> r.get("id")).toList(), outB.stream().map(r -> r.get("id")).toList());
            outB.forEach(r -> assertVectorOf((String) r.get("title"), r));
        }
    }

    @Test
    void previewBehavesTheSame() throws Exception {
        TestPluginContext ctx = new TestPluginContext("embed").withModel(fake).preview(true);
        var result = PluginHarness.transform(new EmbeddingTransformerFactory(), params(), INPUT, rows(3), 10, ctx);
        assertEquals(3, result.records().size());
        assertVectorOf("text 2", result.records().get(2));
    }

    @Test
    void closesTheModel() throws Exception {
        run(fake, params(), rows(1), 10);
        assertEquals(1, fake.closed.get());
    }

    private static void runAfter(CountDownLatch start, Transformer t, List<Row> in, List<Row> out,
                                 AtomicReference<Throwable> failure) {
        try {
            start.await();
            for (int i = 0; i < in.size(); i += 25) {
                t.transform(in.subList(i, i + 25), collector(out));
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private static void runInThread(Transformer t, List<Row> in, List<Row> out) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                t.transform(in, collector(out));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    static TransformOutput collector(List<Row> out) {
        return new TransformOutput() {
            @Override
            public void emit(Row record) {
                out.add(record);
            }

            @Override
            public void filter(Row input) {
                throw new AssertionError("embedding never filters");
            }
        };
    }
}
