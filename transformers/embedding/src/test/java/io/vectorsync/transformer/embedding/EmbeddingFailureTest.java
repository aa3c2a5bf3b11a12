package io.vectorsync.transformer.embedding;

import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.API_KEY;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.assertNoKey;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.assertVectorOf;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.params;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.row;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.rows;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.ModelException.Kind;
import io.vectorsync.api.record.Row;
import io.vectorsync.testkit.TestPluginContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Throttling, transient failures, rejected texts, bad credentials and bad replies. */
class EmbeddingFailureTest {
    private final FakeEmbeddingModelFactory fake = new FakeEmbeddingModelFactory();

    @Test
    void throttledCallWaitsForRetryAfterThenSucceeds() throws Exception {
        fake.nextFailures.add(() -> new ModelException(Kind.THROTTLED, 429, "Throttling.RateQuota: Requests rate limit exceeded",
                Duration.ofMillis(300), null));
        var result = run(fake, params(), rows(3), 10);
        assertEquals(3, result.records().size());
        result.records().forEach(r -> assertVectorOf((String) r.get("title"), r));
        List<FakeEmbeddingModelFactory.Call> calls = fake.calls();
        assertEquals(2, calls.size());
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(calls.get(1).startNanos() - calls.get(0).startNanos());
        assertTrue(waitedMs >= 300, "retried after " + waitedMs + " ms, Retry-After was 300 ms");
        assertEquals(1, result.context().counter(Metrics.THROTTLED));
        assertEquals(1, result.context().counter(Metrics.RETRIES));
        assertEquals(2, result.context().counter(Metrics.MODEL_CALLS));
        assertTrue(result.context().dirty().isEmpty());
    }

    @Test
    void transientFailuresAreRetried() throws Exception {
        for (int i = 0; i < 3; i++) {
            fake.nextFailures.add(() -> new ModelException(Kind.TRANSIENT, 503, "InternalError: service unavailable"));
        }
        var result = run(fake, params(), rows(5), 10);
        assertEquals(5, result.records().size());
        assertEquals(3, result.context().counter(Metrics.RETRIES));
        assertEquals(0, result.context().counter(Metrics.THROTTLED));
    }

    @Test
    void givesUpAfterMaxRetriesWithAClearError() {
        fake.alwaysFail = new ModelException(Kind.TRANSIENT, 503, "InternalError: service unavailable");
        TestPluginContext ctx = EmbeddingTestSupport.context(fake);
        PluginException e = assertThrows(PluginException.class, () -> io.vectorsync.testkit.PluginHarness.transform(
                new EmbeddingTransformerFactory(), params("maxRetries", "3"), EmbeddingTestSupport.INPUT, rows(2), 10, ctx));
        assertEquals("embedding.MODEL_UNAVAILABLE", e.errorCode().code());
        assertTrue(e.getMessage().contains("\"fake\"") && e.getMessage().contains("after 3 retries"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("service unavailable"), e.getMessage());
        assertTrue(e.getMessage().startsWith("embed:"), "names the step: " + e.getMessage());
        assertEquals(4, fake.calls().size(), "first call and 3 retries");
        assertEquals(3, ctx.counter(Metrics.RETRIES));
        assertNoKey(e);
    }

    @Test
    void oneBadTextBecomesOneDirtyRecordAndTheOthersAreEmbedded() throws Exception {
        List<Row> in = new ArrayList<>(rows(10));
        in.set(6, row(6, "text 6 #BAD#", null));
        var result = run(fake, params(), in, 10);
        assertEquals(9, result.records().size());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L),
                result.records().stream().map(r -> r.get("id")).toList());
        result.records().forEach(r -> assertVectorOf((String) r.get("title"), r));
        List<TestPluginContext.DirtyRecord> dirty = result.context().dirty();
        assertEquals(1, dirty.size());
        assertEquals(6L, dirty.get(0).record().get("id"));
        assertEquals("embedding.INPUT_REJECTED", dirty.get(0).code().code());
        assertTrue(dirty.get(0).message().contains("DataInspectionFailed"), dirty.get(0).message());
        assertTrue(fake.calls().size() <= 1 + 2 * 4, "found by halving: " + fake.calls().size() + " calls");
    }

    @Test
    void twoBadTextsInOneCall() throws Exception {
        List<Row> in = new ArrayList<>(rows(8));
        in.set(0, row(0, "#BAD# a", null));
        in.set(7, row(7, "#BAD# b", null));
        var result = run(fake, params("batchSize", 8), in, 8);
        assertEquals(6, result.records().size());
        assertEquals(List.of(0L, 7L), result.context().dirty().stream().map(d -> d.record().get("id")).toList());
    }

    @Test
    void badCredentialsFailAtOnceWithoutTheKey() {
        fake.echoKeyInErrors = true;
        fake.alwaysFail = new ModelException(Kind.AUTH, 401, "InvalidApiKey: Invalid API-key provided: " + API_KEY);
        PluginException e = assertThrows(PluginException.class, () -> run(fake, params(), rows(3), 10));
        assertEquals("embedding.AUTH_FAILED", e.errorCode().code());
        assertTrue(e.getMessage().contains("\"fake\"") && e.getMessage().contains("apiKey")
                && e.getMessage().contains("HTTP 401") && e.getMessage().contains("InvalidApiKey"), e.getMessage());
        assertEquals(1, fake.calls().size(), "no retry on bad credentials");
        assertNoKey(e);
    }

    @Test
    void providerMessagesEchoingTheKeyAreScrubbedInDirtyRecords() throws Exception {
        fake.echoKeyInErrors = true;
        var result = run(fake, params(), List.of(row(1, "#BAD#", null), row(2, "fine", null)), 10);
        assertEquals(1, result.context().dirty().size());
        assertTrue(result.context().dirty().get(0).message().contains("******"));
        assertNoKey(result.context());
    }

    @Test
    void wrongVectorCountIsAnError() {
        fake.vectorCountDelta = -1;
        PluginException e = assertThrows(PluginException.class, () -> run(fake, params(), rows(5), 10));
        assertEquals("embedding.BAD_REPLY", e.errorCode().code());
        assertTrue(e.getMessage().contains("returned 4 vectors for 5 texts") && e.getMessage().contains("\"fake\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("fake-embed"), "names the model: " + e.getMessage());
    }

    @Test
    void wrongDimensionIsAnError() {
        fake.dimensionDelta = 2;
        PluginException e = assertThrows(PluginException.class, () -> run(fake, params(), rows(2), 10));
        assertEquals("embedding.BAD_REPLY", e.errorCode().code());
        assertTrue(e.getMessage().contains("10 dimensions, expected 8"), e.getMessage());
    }

    @Test
    void fatalModelErrorFailsWithoutRetry() {
        fake.alwaysFail = new ModelException(Kind.FATAL, 404, "ModelNotFound: model fake-embed does not exist");
        PluginException e = assertThrows(PluginException.class, () -> run(fake, params(), rows(2), 10));
        assertEquals("embedding.MODEL_FAILED", e.errorCode().code());
        assertTrue(e.getMessage().contains("ModelNotFound"), e.getMessage());
        assertEquals(1, fake.calls().size());
    }

    @Test
    void requestsPerSecondLimitsTheCallRate() throws Exception {
        long start = System.nanoTime();
        var result = run(fake, params("requestsPerSecond", "20", "batchSize", 1, "apiKey", "rate-test-key"), rows(11), 11);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(11, fake.calls().size());
        assertEquals(11, result.records().size());
        assertTrue(ms >= 450, "11 calls at 20/s take at least 500 ms, took " + ms);
    }

    @Test
    void stopsWhenTheJobIsCancelled() throws Exception {
        fake.alwaysFail = new ModelException(Kind.TRANSIENT, 503, "busy");
        TestPluginContext ctx = EmbeddingTestSupport.context(fake);
        try (var t = EmbeddingTestSupport.open(params("maxRetries", 1000, "initialBackoffMs", 50), ctx)) {
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ctx.requestStop();
            });
            stopper.start();
            PluginException e = assertThrows(PluginException.class,
                    () -> t.transform(rows(3), EmbeddingTransformerTest.collector(new ArrayList<>())));
            assertEquals("CANCELLED", e.errorCode().code());
            stopper.join();
        }
    }

    @Test
    void secretIsDeclaredAndNeverShown() {
        var spec = new EmbeddingTransformerFactory().configSpec();
        assertTrue(spec.secretKeys().contains("apiKey"));
        var issues = io.vectorsync.testkit.PluginHarness.validate(new EmbeddingTransformerFactory(),
                params("maxRetries", "-1"));
        assertFalse(issues.toString().contains(API_KEY));
    }
}
