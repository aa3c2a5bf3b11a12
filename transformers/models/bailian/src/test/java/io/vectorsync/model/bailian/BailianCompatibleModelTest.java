package io.vectorsync.model.bailian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.model.common.HttpEmbeddingModel;
import io.vectorsync.model.common.testing.HttpModelContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code apiMode: openai-compatible}: the same contract against the OpenAI-shaped route. */
class BailianCompatibleModelTest extends HttpModelContract {
    static final int DIM = 256;

    BailianCompatibleModelTest() {
        super(new Provider(new BailianModelFactory(), DIM, "/compatible-mode/v1/embeddings"));
    }

    @Override
    protected Map<String, Object> params(String baseUrl) {
        return Map.of("modelName", "text-embedding-v3", "apiKey", API_KEY, "endpoint", baseUrl,
                "dimension", DIM, "apiMode", "openai-compatible");
    }

    @Override
    protected void assertBody(JsonNode body, List<String> texts) {
        assertOpenAiBody(body, texts, "text-embedding-v3", DIM);
    }

    @Test
    void queryTextTypeNeedsNativeMode() {
        PluginException e = assertThrows(PluginException.class, () -> open(paramsWith("textType", "query")));
        assertTrue(e.getMessage().startsWith("\"textType\""), e.getMessage());
    }

    @Test
    void compatibleBaseUrlIsAccepted() {
        HttpEmbeddingModel m = (HttpEmbeddingModel) open(paramsWith("endpoint",
                "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"));
        assertEquals("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/embeddings", m.url());
    }
}
