package io.vectorsync.model.common.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.testkit.contract.EmbeddingModelContract;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

/**
 * Tests every HTTP provider passes against a loopback fake of its own wire format: request shape, reply
 * parsing (out of order), tokens, latency, timeouts and the classification of 429/500/400/401, malformed and
 * misfitting replies. A provider's test extends this and describes its format; it also runs the test kit's generic
 * {@link EmbeddingModelContract} (dimension, order, empty list, concurrency, cache key) against a fake answering
 * by text.
 */
public abstract class HttpModelContract extends EmbeddingModelContract {
    /** The API key the tests configure; no message may contain it. */
    protected static final String API_KEY = "sk-test-Secret-4242";
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected MockWebServer server;
    private final List<EmbeddingModel> opened = new ArrayList<>();
    /** What the contract checks the provider against. */
    protected final Provider provider;

    /**
     * The provider under test, the dimension {@link #params} configures, and the path requests must go to.
     */
    public record Provider(EmbeddingModelFactory factory, int dimension, String expectedPath) {
    }

    protected HttpModelContract(Provider provider) {
        this.provider = provider;
    }

    /** The key as {@link #params} configures it (a provider may decorate {@link #API_KEY}). */
    protected String configuredKey() {
        return API_KEY;
    }

    /** The provider under test. */
    protected EmbeddingModelFactory factory() {
        return provider.factory();
    }

    /** Parameters pointing the provider at {@code baseUrl} (no trailing slash), with {@link #API_KEY}. */
    protected abstract Map<String, Object> params(String baseUrl);

    /** The exact {@code Authorization} header value; by default a bearer token of {@link #configuredKey}. */
    protected String expectedAuthorization() {
        return "Bearer " + configuredKey();
    }

    /** Checks the provider-specific JSON body for {@code texts}. */
    protected abstract void assertBody(JsonNode body, List<String> texts);

    /**
     * A success reply listing {@code vectors[i]} for each i of {@code order} (indexes into the request); by default
     * in the OpenAI shape most providers speak.
     */
    protected String successBody(List<float[]> vectors, int[] order, long tokens) {
        return OpenAiWire.reply(vectors, order, tokens);
    }

    /** An error reply in the provider's shape (by default OpenAI's). */
    protected String errorBody(String code, String message) {
        return OpenAiWire.error(code, message);
    }

    /** The texts of a recorded request, for dispatchers (by default OpenAI's {@code input}). */
    protected List<String> textsOf(RecordedRequest request) {
        return OpenAiWire.inputOf(request);
    }

    /**
     * Checks an OpenAI-shaped body: {@code model}, {@code input}, and either {@code dimensions} with float encoding
     * or, where {@code dimensions} is null, no {@code dimensions} field at all.
     */
    protected static void assertOpenAiBody(JsonNode body, List<String> texts, String model, Integer dimensions) {
        assertEquals(model, body.get("model").asText());
        assertEquals(texts, OpenAiWire.strings(body.get("input")));
        if (dimensions == null) {
            assertFalse(body.has("dimensions"), "a model of fixed size gets no dimensions: " + body);
        } else {
            assertEquals(dimensions.intValue(), body.get("dimensions").asInt());
            assertEquals("float", body.get("encoding_format").asText());
        }
    }

    /** Embeds one text {@code "x"} with a model opened from {@code params}, answered with a vector of {@code dim}. */
    protected RecordedRequest sendOne(Map<String, Object> params, int dim) throws Exception {
        server.enqueue(json(200, successBody(vectorsFor(List.of("x"), dim), new int[] {0}, 1)));
        open(params).embed(List.of("x")).get(10, TimeUnit.SECONDS);
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    /** The JSON body of a recorded request. */
    protected static JsonNode bodyOf(RecordedRequest request) throws Exception {
        return JSON.readTree(request.getBody().clone().readUtf8());
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        for (EmbeddingModel m : opened) {
            m.close();
        }
        server.shutdown();
    }

    protected String baseUrl() {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    protected EmbeddingModel open(Map<String, Object> params) {
        EmbeddingModel m = new TestPluginContext("embed").withModel(factory()).models().open(factory().name(), params);
        opened.add(m);
        return m;
    }

    protected EmbeddingModel open() {
        return open(params(baseUrl()));
    }

    protected Map<String, Object> paramsWith(String key, Object value) {
        Map<String, Object> p = new HashMap<>(params(baseUrl()));
        p.put(key, value);
        return p;
    }

    protected static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    protected List<float[]> vectorsFor(List<String> texts, int dim) {
        List<float[]> v = new ArrayList<>();
        for (String t : texts) {
            v.add(FakeVectors.of(t, dim));
        }
        return v;
    }

    protected ModelException failure(EmbeddingModel model, List<String> texts) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> model.embed(texts).get(20, TimeUnit.SECONDS));
        ModelException me = assertInstanceOf(ModelException.class, e.getCause(), () -> String.valueOf(e.getCause()));
        assertFalse(me.getMessage().contains(configuredKey()), "message shows the key: " + me.getMessage());
        return me;
    }

    /**
     * Every provider declares what it returns; asking for an output type it does not declare fails at once, without
     * a request (the embedding step refuses such a job when it opens the model, so this is the last line).
     */
    @Test
    void anUndeclaredOutputTypeFailsWithoutARequest() throws Exception {
        EmbeddingModel m = open();
        assertTrue(m.outputTypes().contains(io.vectorsync.api.model.OutputType.DENSE));
        for (io.vectorsync.api.model.OutputType t : io.vectorsync.api.model.OutputType.values()) {
            if (!m.outputTypes().contains(t)) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> m.embed(List.of("a"), t).get(10, TimeUnit.SECONDS));
                assertInstanceOf(UnsupportedOperationException.class, e.getCause());
            }
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void sendsTheDocumentedRequestAndAlignsOutOfOrderReplies() throws Exception {
        List<String> texts = List.of("first text", "second text", "third text");
        List<float[]> vectors = vectorsFor(texts, provider.dimension());
        server.enqueue(json(200, successBody(vectors, new int[] {2, 0, 1}, 27)));
        EmbeddingModel model = open();

        Embeddings result = model.embed(texts).get(20, TimeUnit.SECONDS);

        assertEquals(3, result.vectors().size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(vectors.get(i), result.vectors().get(i), "vector of text " + i);
        }
        assertEquals(27, result.tokens());
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals(provider.expectedPath(), request.getPath());
        assertEquals(expectedAuthorization(), request.getHeader("Authorization"));
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"), request.getHeader("Content-Type"));
        assertBody(bodyOf(request), texts);
        assertEquals(provider.dimension(), model.limits().dimension());
        assertFalse(model.cacheKey().contains(API_KEY));
        assertFalse(model.toString().contains(API_KEY));
        assertFalse(model.cacheKey().contains(configuredKey()));
    }

    @Test
    void slowReplyStillCompletes() throws Exception {
        List<String> texts = List.of("slow");
        server.enqueue(json(200, successBody(vectorsFor(texts, provider.dimension()), new int[] {0}, 1))
                .setHeadersDelay(700, TimeUnit.MILLISECONDS));
        Embeddings result = open().embed(texts).get(20, TimeUnit.SECONDS);
        assertArrayEquals(FakeVectors.of("slow", provider.dimension()), result.vectors().get(0));
    }

    @Test
    void timeoutIsTransient() throws Exception {
        List<String> texts = List.of("never answered in time");
        server.enqueue(json(200, successBody(vectorsFor(texts, provider.dimension()), new int[] {0}, 1))
                .setHeadersDelay(3, TimeUnit.SECONDS));
        ModelException e = failure(open(paramsWith("readTimeoutMs", "300")), texts);
        assertEquals(ModelException.Kind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void connectionRefusedIsTransient() throws Exception {
        EmbeddingModel model = open();
        server.shutdown();
        ModelException e = failure(model, List.of("a"));
        assertEquals(ModelException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void throttledWithRetryAfterSeconds() throws Exception {
        server.enqueue(json(429, errorBody("Throttling.RateQuota", "Requests rate limit exceeded"))
                .setHeader("Retry-After", "7"));
        ModelException e = failure(open(), List.of("a", "b"));
        assertEquals(ModelException.Kind.THROTTLED, e.kind());
        assertEquals(429, e.httpStatus());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("Requests rate limit exceeded"), e.getMessage());
        assertTrue(e.retriable());
    }

    @Test
    void throttledWithRetryAfterDate() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC)
                .plusSeconds(30));
        server.enqueue(json(429, errorBody("Throttling", "slow down")).setHeader("Retry-After", date));
        ModelException e = failure(open(), List.of("a"));
        assertEquals(ModelException.Kind.THROTTLED, e.kind());
        Duration wait = e.retryAfter().orElseThrow();
        assertTrue(wait.getSeconds() >= 25 && wait.getSeconds() <= 30, wait.toString());
    }

    @Test
    void serverErrorIsTransient() throws Exception {
        server.enqueue(json(500, errorBody("InternalError", "internal failure")));
        ModelException e = failure(open(), List.of("a"));
        assertEquals(ModelException.Kind.TRANSIENT, e.kind());
        assertEquals(500, e.httpStatus());
        assertTrue(e.getMessage().contains("internal failure"), e.getMessage());
    }

    @Test
    void malformedJsonIsTransient() throws Exception {
        server.enqueue(json(200, "{\"data\": [{\"index\": 0, \"embedding\": [0.1, 0.2"));
        ModelException e = failure(open(), List.of("a"));
        assertEquals(ModelException.Kind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void tooFewVectorsIsAnError() throws Exception {
        List<String> texts = List.of("a", "b");
        server.enqueue(json(200, successBody(vectorsFor(texts, provider.dimension()), new int[] {0}, 2)));
        ModelException e = failure(open(), texts);
        assertEquals(ModelException.Kind.FATAL, e.kind());
        assertTrue(e.getMessage().contains("expected 2 vectors, got 1"), e.getMessage());
    }

    @Test
    void wrongDimensionIsAnError() throws Exception {
        List<String> texts = List.of("a");
        server.enqueue(json(200, successBody(vectorsFor(texts, provider.dimension() + 3), new int[] {0}, 2)));
        ModelException e = failure(open(), texts);
        assertEquals(ModelException.Kind.FATAL, e.kind());
        assertTrue(e.getMessage().contains("expected vectors of dimension " + provider.dimension() + ", got "
                + (provider.dimension() + 3)), e.getMessage());
    }

    @Test
    void badRequestCarriesTheProvidersMessage() throws Exception {
        server.enqueue(json(400, errorBody("InvalidParameter", "Range of input length should be [1, 8192]")));
        ModelException e = failure(open(), List.of("a"));
        assertEquals(ModelException.Kind.BAD_INPUT, e.kind());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("Range of input length should be [1, 8192]"), e.getMessage());
        assertFalse(e.retriable());
    }

    @Test
    void unauthorizedIsAuthAndHidesTheKey() throws Exception {
        server.enqueue(json(401, errorBody("InvalidApiKey", "Invalid API-key provided: " + configuredKey())));
        ModelException e = failure(open(), List.of("a"));
        assertEquals(ModelException.Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains(factory().name()), e.getMessage());
        assertTrue(e.getMessage().contains("apiKey"), e.getMessage());
    }

    @Test
    void notFoundIsFatal() throws Exception {
        server.enqueue(json(404, "<html>no such route</html>"));
        ModelException e = failure(open(), List.of("a"));
        assertEquals(ModelException.Kind.FATAL, e.kind());
        assertTrue(e.getMessage().contains("endpoint"), e.getMessage());
    }

    @Test
    void checkCallsTheServiceOnceAndReportsAuthFailures() throws Exception {
        server.enqueue(json(200, successBody(vectorsFor(List.of(
                io.vectorsync.model.common.HttpEmbeddingModel.CHECK_TEXT), provider.dimension()), new int[] {0}, 3)));
        server.enqueue(json(403, errorBody("AccessDenied", "denied")));
        EmbeddingModel model = open();
        model.check();
        assertEquals(1, server.getRequestCount());
        ModelException e = assertThrows(ModelException.class, model::check);
        assertEquals(ModelException.Kind.AUTH, e.kind());
    }

    @Test
    void concurrentCallsAreAllAnswered() throws Exception {
        EmbeddingModel model = open();
        int calls = 12;
        server.setDispatcher(answeringByText(Duration.ofMillis(200)));
        List<java.util.concurrent.CompletableFuture<Embeddings>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(model.embed(List.of("text " + i, "other " + i)));
        }
        for (int i = 0; i < calls; i++) {
            Embeddings e = futures.get(i).get(20, TimeUnit.SECONDS);
            assertArrayEquals(FakeVectors.of("other " + i, provider.dimension()), e.vectors().get(1));
        }
    }

    /** The fake service answering every request with {@link FakeVectors} of its texts, in order, after {@code delay}. */
    protected okhttp3.mockwebserver.Dispatcher answeringByText(Duration delay) {
        return new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                List<String> texts = textsOf(request);
                int[] order = new int[texts.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                return json(200, successBody(vectorsFor(texts, provider.dimension()), order, texts.size()))
                        .setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
    }

    /** The test kit's generic model contract runs against the fake answering by text. */
    @Override
    protected Map<String, Object> params() {
        server.setDispatcher(answeringByText(Duration.ZERO));
        return params(baseUrl());
    }

    @Override
    protected String secret() {
        return configuredKey();
    }
}
