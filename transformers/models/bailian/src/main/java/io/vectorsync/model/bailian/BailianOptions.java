package io.vectorsync.model.bailian;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.Secret;
import io.vectorsync.model.common.HttpModelOptions;

/** Parameters of the {@code bailian} (Alibaba Cloud Model Studio / DashScope) provider. */
public final class BailianOptions {
    public static final String NATIVE = "native";
    public static final String OPENAI_COMPATIBLE = "openai-compatible";

    public static final Option<String> MODEL_NAME = HttpModelOptions.modelName(
            "The text embedding model: text-embedding-v4 or text-embedding-v3 (text-embedding-v2 and "
                    + "text-embedding-v1 are accepted too).");
    public static final Option<Secret> API_KEY = HttpModelOptions.apiKey(true,
            "The Model Studio API key (sk-...), sent as \"Authorization: Bearer <apiKey>\". Keys are per region: "
                    + "use the endpoint of the key's region.");
    public static final Option<String> ENDPOINT = HttpModelOptions.endpoint("https://dashscope.aliyuncs.com",
            "The Model Studio base URL: https://dashscope.aliyuncs.com (China, Beijing; the default) or "
                    + "https://dashscope-intl.aliyuncs.com (Singapore). The route of apiMode is appended.");
    public static final Option<Integer> DIMENSION = HttpModelOptions.dimension(
            "The vector length. text-embedding-v4: 2048, 1536, 1024, 768, 512, 256, 128 or 64; "
                    + "text-embedding-v3: 1024, 768, 512, 256, 128 or 64 (default 1024 for both); "
                    + "text-embedding-v2 and -v1: 1536 only.");
    public static final Option<String> TEXT_TYPE = Option.stringOption("textType")
            .defaultValue("document").oneOf("document", "query")
            .description("document for texts that are stored and searched (the default), query for search "
                    + "queries; sent as text_type (native apiMode only).")
            .build();
    public static final Option<String> API_MODE = Option.stringOption("apiMode")
            .defaultValue(NATIVE).oneOf(NATIVE, OPENAI_COMPATIBLE)
            .description("Which API to call: native (POST /api/v1/services/embeddings/text-embedding/text-embedding,"
                    + " the default) or openai-compatible (POST /compatible-mode/v1/embeddings). Both give the same "
                    + "vectors; textType=query needs native.")
            .build();
    public static final Option<String> WORKSPACE = Option.stringOption("workspace")
            .description("A Model Studio workspace ID, sent as the X-DashScope-WorkSpace header; only needed for "
                    + "a key of a sub-workspace that requires it.")
            .build();

    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(MODEL_NAME, API_KEY, ENDPOINT, DIMENSION, TEXT_TYPE, API_MODE, WORKSPACE,
                    HttpModelOptions.CONNECT_TIMEOUT_MS, HttpModelOptions.READ_TIMEOUT_MS)
            .build();

    private BailianOptions() {
    }
}
