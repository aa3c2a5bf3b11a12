package io.vectorsync.model.openai;

import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.model.common.testing.LiveChecks;
import io.vectorsync.testkit.TestPluginContext;
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
        String base = System.getenv("OPENAI_BASE_URL");
        if (base != null && !base.isBlank()) {
            p.put("endpoint", base);
        }
        String model = System.getenv().getOrDefault("OPENAI_EMBEDDING_MODEL", "text-embedding-3-small");
        p.put("modelName", model);
        String dim = System.getenv("OPENAI_EMBEDDING_DIMENSION");
        if (dim != null && !dim.isBlank()) {
            p.put("dimension", dim);
        }
        OpenAiModelFactory f = new OpenAiModelFactory();
        try (EmbeddingModel m = new TestPluginContext("live").withModel(f).models().open(f.name(), p)) {
            LiveChecks.similarTextsAreCloser(m, m.limits().dimension());
        }
    }
}
