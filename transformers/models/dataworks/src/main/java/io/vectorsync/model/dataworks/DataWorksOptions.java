package io.vectorsync.model.dataworks;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.Secret;
import io.vectorsync.model.common.HttpModelOptions;

/** Parameters of the {@code dataworksModelService} provider. */
public final class DataWorksOptions {
    public static final Option<String> MODEL_NAME = HttpModelOptions.modelName(
            "The model deployed in the DataWorks model service, as the service names it (for example bge-m3).");
    public static final Option<Secret> API_KEY = HttpModelOptions.apiKey(true,
            "The model service's API token as issued (DW-ms-...), sent as-is in the Authorization header, "
                    + "without \"Bearer\".");
    public static final Option<String> ENDPOINT = HttpModelOptions.endpoint(null,
            "The model service's address from DataWorks (Model Service > the service > invocation information), "
                    + "for example http://<model-service-id>.<region>.dataworks-model.aliyuncs.com; reachable from "
                    + "the VPC bound to the service. /v1/embeddings is appended unless it ends with /embeddings.");
    public static final Option<Integer> DIMENSION = HttpModelOptions.dimension(
            "The vector length the deployed model gives: 1024 for bge-m3 (fixed). Defaults to 1024.");
    public static final Option<Integer> MAX_ROWS_PER_CALL = HttpModelOptions.maxRowsPerCall(32,
            "Texts per request at most.");

    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(MODEL_NAME, API_KEY, ENDPOINT, DIMENSION, MAX_ROWS_PER_CALL,
                    HttpModelOptions.CONNECT_TIMEOUT_MS, HttpModelOptions.READ_TIMEOUT_MS)
            .build();

    private DataWorksOptions() {
    }
}
