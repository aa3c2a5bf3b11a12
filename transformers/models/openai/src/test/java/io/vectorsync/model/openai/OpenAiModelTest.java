package io.vectorsync.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.model.common.testing.HttpModelContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class OpenAiModelTest extends HttpModelContract {
    static final int DIM = 8;

    OpenAiModelTest() {
        super(new Provider(new OpenAiModelFactory(), DIM, "/v1/embeddings"));
    }

    @Override
    protected Map<String, Object> params(String baseUrl) {
        return Map.of("modelName", "text-embedding-3-small", "apiKey", API_KEY, "endpoint", baseUrl,
                "dimension", String.valueOf(DIM));
    }

    @Override
    protected void assertBody(JsonNode body, List<String> texts) {
        assertOpenAiBody(body, texts, "text-embedding-3-small", DIM);
    }

    @Test
    void localServerWithoutKeyGetsNoAuthorizationAndNoDimensionsWhenNotAsked() throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("modelName", "nomic-embed-text", "endpoint", baseUrl() + "/v1",
                "dimension", "4", "sendDimensions", "false"));
        RecordedRequest request = sendOne(p, 4);
        JsonNode body = bodyOf(request);
        assertNull(request.getHeader("Authorization"));
        assertEquals("/v1/embeddings", request.getPath());
        assertFalse(body.has("dimensions"));
        assertEquals("nomic-embed-text", body.get("model").asText());
    }

    @Test
    void knownModelWithoutDimensionUsesItsSizeAndSendsItForV3Only() throws Exception {
        JsonNode body = bodyOf(sendOne(Map.of("modelName", "text-embedding-3-large", "endpoint", baseUrl()), 3072));
        assertEquals(3072, body.get("dimensions").asInt());
        JsonNode ada = bodyOf(sendOne(Map.of("modelName", "text-embedding-ada-002", "endpoint", baseUrl()), 1536));
        assertFalse(ada.has("dimensions"));
    }

    @Test
    void fullUrlEndpointIsUsedAsIs() throws Exception {
        RecordedRequest request = sendOne(Map.of("modelName", "bge", "dimension", "4",
                "endpoint", baseUrl() + "/custom/embeddings"), 4);
        assertEquals("/custom/embeddings", request.getPath());
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
