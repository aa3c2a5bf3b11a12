package io.vectorsync.model.pai;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.Secret;
import io.vectorsync.model.common.HttpModelOptions;

/** Parameters of the {@code paiModelGallery} provider. */
public final class PaiOptions {
    public static final Option<String> MODEL_NAME = HttpModelOptions.modelName(
            "The model the EAS service serves, as it names it: bge-m3 for the PAI Model Gallery deployment.");
    public static final Option<Secret> API_KEY = HttpModelOptions.apiKey(true,
            "The EAS service token: in the PAI console open the service, then View Endpoint Information (or "
                    + "Online Debugging) and copy the value of the Authorization header. Sent as-is, without "
                    + "\"Bearer\".");
    public static final Option<String> ENDPOINT = HttpModelOptions.endpoint(null,
            "The EAS service endpoint, from the PAI console: Elastic Algorithm Service > the service > View "
                    + "Endpoint Information (for example http://<uid>.<region>.pai-eas.aliyuncs.com/api/predict/<service>"
                    + ", or its VPC address); requestPath is appended to it.");
    public static final Option<String> REQUEST_PATH = Option.stringOption("requestPath")
            .defaultValue("/v1/embeddings")
            .description("The path appended to endpoint. The Model Gallery's vLLM deployment of bge-m3 serves the "
                    + "OpenAI-compatible route /v1/embeddings (the default); set another path if the service "
                    + "exposes the route elsewhere, or \"\" when endpoint is already the full URL.")
            .build();
    public static final Option<Integer> DIMENSION = HttpModelOptions.dimension(
            "The vector length: 1024 for bge-m3 (fixed; other values are refused). Defaults to 1024.");
    public static final Option<Integer> MAX_ROWS_PER_CALL = HttpModelOptions.maxRowsPerCall(32,
            "Texts per request at most; the service has no fixed limit, its instance size decides what is fast.");

    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(MODEL_NAME, API_KEY, ENDPOINT, REQUEST_PATH, DIMENSION, MAX_ROWS_PER_CALL,
                    HttpModelOptions.CONNECT_TIMEOUT_MS, HttpModelOptions.READ_TIMEOUT_MS)
            .build();

    private PaiOptions() {
    }
}
