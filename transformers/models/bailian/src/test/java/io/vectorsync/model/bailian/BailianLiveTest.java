package io.vectorsync.model.bailian;

import io.vectorsync.model.common.testing.LiveChecks;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against Model Studio: runs only with DASHSCOPE_API_KEY (DASHSCOPE_ENDPOINT, e.g. the international
 * https://dashscope-intl.aliyuncs.com, is optional), in both API modes.
 */
@EnabledIfEnvironmentVariable(named = "DASHSCOPE_API_KEY", matches = ".+",
        disabledReason = "set DASHSCOPE_API_KEY (and optionally DASHSCOPE_ENDPOINT) to run against Model Studio")
class BailianLiveTest {
    @ParameterizedTest
    @ValueSource(strings = {"native", "openai-compatible"})
    void embedsRealTexts(String apiMode) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("modelName", "text-embedding-v4");
        p.put("dimension", 128);
        p.put("apiMode", apiMode);
        p.put("apiKey", System.getenv("DASHSCOPE_API_KEY"));
        LiveChecks.putIfSet(p, "endpoint", "DASHSCOPE_ENDPOINT");
        LiveChecks.similarTextsAreCloser(new BailianModelFactory(), p, 128);
    }
}
