package io.vectorsync.model.pai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.config.ConfigIssue;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.model.common.testing.HttpModelContract;
import io.vectorsync.testkit.PluginHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaiModelTest extends HttpModelContract {
    static final String SERVICE = "/api/predict/bge_m3_svc";

    PaiModelTest() {
        super(new Provider(new PaiModelFactory(), 1024, SERVICE + "/v1/embeddings"));
    }

    @Override
    protected Map<String, Object> params(String baseUrl) {
        return Map.of("modelName", "bge-m3", "apiKey", API_KEY, "endpoint", baseUrl + SERVICE);
    }

    @Override
    protected String expectedAuthorization() {
        return API_KEY;
    }

    @Override
    protected void assertBody(JsonNode body, List<String> texts) {
        assertOpenAiBody(body, texts, "bge-m3", null);
    }

    @Test
    void endpointIsRequiredAndSaysWhereToFindIt() {
        List<ConfigIssue> issues = PluginHarness.validate(factory(), Map.of("modelName", "bge-m3", "apiKey", "t"));
        assertEquals(1, issues.size(), issues.toString());
        assertEquals("endpoint", issues.get(0).key());
        assertTrue(issues.get(0).message().contains("required"), issues.toString());
        assertTrue(issues.get(0).message().contains("PAI console"), issues.toString());
    }

    @Test
    void bgeM3RefusesOtherDimensions() {
        Map<String, Object> p = new HashMap<>(params(baseUrl()));
        p.put("dimension", "512");
        PluginException e = assertThrows(PluginException.class, () -> open(p));
        assertTrue(e.getMessage().startsWith("\"dimension\""), e.getMessage());
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void requestPathIsConfigurable() throws Exception {
        Map<String, Object> p = paramsWith("requestPath", "embeddings/dense");
        assertEquals(SERVICE + "/embeddings/dense", sendOne(p, 1024).getPath());
        EmbeddingModel m = open(p);
        assertEquals(8192, m.limits().maxTokensPerText());
        assertEquals("paiModelGallery|" + baseUrl() + SERVICE + "|bge-m3|1024", m.cacheKey());
    }
}
