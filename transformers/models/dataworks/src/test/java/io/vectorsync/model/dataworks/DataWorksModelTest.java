package io.vectorsync.model.dataworks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.config.ConfigIssue;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.model.common.testing.HttpModelContract;
import io.vectorsync.testkit.PluginHarness;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DataWorksModelTest extends HttpModelContract {
    static final String TOKEN = "DW-ms-" + API_KEY;

    @Override
    protected String configuredKey() {
        return TOKEN;
    }

    DataWorksModelTest() {
        super(new Provider(new DataWorksModelFactory(), 1024, "/v1/embeddings"));
    }

    @Override
    protected Map<String, Object> params(String baseUrl) {
        return Map.of("modelName", "bge-m3", "apiKey", TOKEN, "endpoint", baseUrl + "/");
    }

    @Override
    protected String expectedAuthorization() {
        return TOKEN;
    }

    @Override
    protected void assertBody(JsonNode body, List<String> texts) {
        assertOpenAiBody(body, texts, "bge-m3", null);
    }

    @Test
    void endpointAndTokenAreRequired() {
        List<ConfigIssue> issues = PluginHarness.validate(factory(), Map.of("modelName", "bge-m3"));
        assertEquals(List.of("apiKey", "endpoint"),
                issues.stream().map(ConfigIssue::key).sorted().collect(Collectors.toList()), issues.toString());
    }

    @Test
    void dimensionMustFitBgeM3AndCacheKeyHasNoToken() {
        PluginException e = assertThrows(PluginException.class, () -> open(paramsWith("dimension", 768)));
        assertTrue(e.getMessage().contains("\"dimension\""), e.getMessage());
        EmbeddingModel m = open();
        assertEquals("dataworksModelService|" + baseUrl() + "|bge-m3|1024", m.cacheKey());
    }
}
