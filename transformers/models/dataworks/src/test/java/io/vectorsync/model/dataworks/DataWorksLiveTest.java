package io.vectorsync.model.dataworks;

import io.vectorsync.model.common.testing.LiveChecks;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against a real model service: runs only with DATAWORKS_MODEL_ENDPOINT and DATAWORKS_MODEL_TOKEN. */
@EnabledIfEnvironmentVariable(named = "DATAWORKS_MODEL_ENDPOINT", matches = ".+",
        disabledReason = "set DATAWORKS_MODEL_ENDPOINT and DATAWORKS_MODEL_TOKEN (optionally DATAWORKS_MODEL_NAME) to run")
@EnabledIfEnvironmentVariable(named = "DATAWORKS_MODEL_TOKEN", matches = ".+",
        disabledReason = "set DATAWORKS_MODEL_ENDPOINT and DATAWORKS_MODEL_TOKEN (optionally DATAWORKS_MODEL_NAME) to run")
class DataWorksLiveTest {
    @Test
    void embedsRealTexts() throws Exception {
        Map<String, Object> p = Map.of(
                "modelName", System.getenv().getOrDefault("DATAWORKS_MODEL_NAME", "bge-m3"),
                "endpoint", System.getenv("DATAWORKS_MODEL_ENDPOINT"),
                "apiKey", System.getenv("DATAWORKS_MODEL_TOKEN"));
        LiveChecks.similarTextsAreCloser(new DataWorksModelFactory(), p, null);
    }
}
