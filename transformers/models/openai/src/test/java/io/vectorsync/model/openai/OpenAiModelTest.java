package io.vectorsync.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.model.common.testing.HttpModelContract;
import io.vectorsync.model.common.testing.OpenAiWire;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class OpenAiModelTest extends HttpModelContract {
    static final int DIM = 8;

    @Override
    protected EmbeddingModelFactory factory() {
        return new OpenAiModelFactory();
    }

    @Override
    protected Map<String, Object> params(String baseUrl) {
        return Map.of("modelName", "text-embedding-3-small", "apiKey", API_KEY, "endpoint", baseUrl,
                "dimension", String.valueOf(DIM));
    }

    @Override
    protected int dimension() {
        return DIM;
    }

    @Override
    protected String expectedPath() {
        return "/v1/embeddings";
    }

    @Override
    protected String expectedAuthorization() {
        return "Bearer " + API_KEY;
    }

    @Override
    protected void assertBody(JsonNode body, List<String> texts) {
        assertEquals("text-embedding-3-small", body.get("model").asText());
        assertEquals(texts, OpenAiWire.strings(body.get("input")));
        assertEquals(DIM, body.get("dimensions").asInt());
        assertEquals("float", body.get("encoding_format").asText());
    }

    @Override
    protected String successBody(List<float[]> vectors, int[] order, long tokens) {
        return OpenAiWire.reply(vectors, order, tokens);
    }

    @Override
    protected String errorBody(String code, String message) {
        return OpenAiWire.error(code, message);
    }

    @Override
    protected List<String> textsOf(RecordedRequest request) {
        return OpenAiWire.inputOf(request);
    }

    private JsonNode sendOne(Map<String, Object> params, int dim) throws Exception {
        server.enqueue(json(200, OpenAiWire.reply(vectorsFor(List.of("x"), dim), new int[] {0}, 1)));
        EmbeddingModel model = open(params);
        model.embed(List.of("x")).get(10, TimeUnit.SECONDS);
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        lastRequest = r;
        return JSON.readTree(r.getBody().readUtf8());
    }

    private RecordedRequest lastRequest;

    @Test
    void localServerWithoutKeyGetsNoAuthorizationAndNoDimensionsWhenNotAsked() throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("modelName", "nomic-embed-text", "endpoint", baseUrl() + "/v1",
                "dimension", "4", "sendDimensions", "false"));
        JsonNode body = sendOne(p, 4);
        assertNull(lastRequest.getHeader("Authorization"));
        assertEquals("/v1/embeddings", lastRequest.getPath());
        assertFalse(body.has("dimensions"));
        assertEquals("nomic-embed-text", body.get("model").asText());
    }

    @Test
    void knownModelWithoutDimensionUsesItsSizeAndSendsItForV3Only() throws Exception {
        JsonNode body = sendOne(Map.of("modelName", "text-embedding-3-large", "endpoint", baseUrl()), 3072);
        assertEquals(3072, body.get("dimensions").asInt());
        JsonNode ada = sendOne(Map.of("modelName", "text-embedding-ada-002", "endpoint", baseUrl()), 1536);
        assertFalse(ada.has("dimensions"));
    }

    @Test
    void fullUrlEndpointIsUsedAsIs() throws Exception {
        sendOne(Map.of("modelName", "bge", "dimension", "4", "endpoint", baseUrl() + "/custom/embeddings"), 4);
        assertEquals("/custom/embeddings", lastRequest.getPath());
    }

    @Test
    void unknownModelNeedsADimension() {
        PluginException e = assertThrows(PluginException.class,
                () -> open(Map.of("modelName", "nomic-embed-text", "endpoint", baseUrl())));
        assertTrue(e.getMessage().contains("\"dimension\": required for model \"nomic-embed-text\""), e.getMessage());
        PluginException ada = assertThrows(PluginException.class,
                () -> open(Map.of("modelName", "text-embedding-ada-002", "dimension", 512)));
        assertTrue(ada.getMessage().contains("1536"), ada.getMessage());
    }

    @Test
    void limitsAndCacheKey() {
        EmbeddingModel m = open(Map.of("modelName", "text-embedding-3-small", "endpoint", baseUrl(),
                "maxRowsPerCall", "64", "apiKey", API_KEY));
        assertEquals(64, m.limits().maxRowsPerCall());
        assertEquals(1536, m.limits().dimension());
        assertEquals("openai|" + baseUrl() + "|text-embedding-3-small|1536", m.cacheKey());
        assertEquals(2048, open(params(baseUrl())).limits().maxRowsPerCall());
    }
}
