package io.vectorsync.model.openai;

import io.vectorsync.model.common.testing.LiveChecks;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real service: runs only with OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_EMBEDDING_MODEL). */
@EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+",
        disabledReason = "set OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_EMBEDDING_MODEL) to run")
class OpenAiLiveTest {
    @Test
    void embedsRealTexts() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("apiKey", System.getenv("OPENAI_API_KEY"));
        LiveChecks.putIfSet(p, "endpoint", "OPENAI_BASE_URL");
        p.put("modelName", System.getenv().getOrDefault("OPENAI_EMBEDDING_MODEL", "text-embedding-3-small"));
        LiveChecks.putIfSet(p, "dimension", "OPENAI_EMBEDDING_DIMENSION");
        LiveChecks.similarTextsAreCloser(new OpenAiModelFactory(), p, null);
    }
}
