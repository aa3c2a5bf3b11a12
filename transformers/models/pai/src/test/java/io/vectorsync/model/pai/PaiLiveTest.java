package io.vectorsync.model.pai;

import io.vectorsync.model.common.testing.LiveChecks;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against a real EAS service: runs only with PAI_EAS_ENDPOINT and PAI_EAS_TOKEN (optionally PAI_EAS_REQUEST_PATH). */
@EnabledIfEnvironmentVariable(named = "PAI_EAS_ENDPOINT", matches = ".+",
        disabledReason = "set PAI_EAS_ENDPOINT and PAI_EAS_TOKEN to run against a real PAI-EAS bge-m3 service")
@EnabledIfEnvironmentVariable(named = "PAI_EAS_TOKEN", matches = ".+",
        disabledReason = "set PAI_EAS_ENDPOINT and PAI_EAS_TOKEN to run against a real PAI-EAS bge-m3 service")
class PaiLiveTest {
    @Test
    void embedsRealTexts() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("modelName", System.getenv().getOrDefault("PAI_EAS_MODEL", "bge-m3"));
        p.put("endpoint", System.getenv("PAI_EAS_ENDPOINT"));
        p.put("apiKey", System.getenv("PAI_EAS_TOKEN"));
        LiveChecks.putIfSet(p, "requestPath", "PAI_EAS_REQUEST_PATH");
        LiveChecks.similarTextsAreCloser(new PaiModelFactory(), p, 1024);
    }
}
