package io.vectorsync.model.openai;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.Secret;
import io.vectorsync.model.common.HttpModelOptions;

/** Parameters of the {@code openai} provider. */
public final class OpenAiOptions {
    public static final Option<String> MODEL_NAME = HttpModelOptions.modelName(
            "The model, as the server names it: text-embedding-3-small, text-embedding-3-large, "
                    + "text-embedding-ada-002 on OpenAI; the served model name on vLLM, Ollama (e.g. nomic-embed-text), "
                    + "LocalAI or TEI.");
    public static final Option<Secret> API_KEY = HttpModelOptions.apiKey(false,
            "The API key, sent as \"Authorization: Bearer <apiKey>\". Optional: local servers (Ollama, vLLM "
                    + "without --api-key, TEI) need none, and then no Authorization header is sent.");
    public static final Option<String> ENDPOINT = HttpModelOptions.endpoint("https://api.openai.com",
            "The server's base URL; /v1/embeddings is appended unless the URL already ends with /embeddings "
                    + "(a base ending in /v1 gets /embeddings). E.g. http://localhost:11434 for Ollama, "
                    + "http://localhost:8000 for vLLM.");
    public static final Option<Integer> DIMENSION = HttpModelOptions.dimension(
            "The vector length. Known for OpenAI's models (text-embedding-3-small 1536, text-embedding-3-large "
                    + "3072, text-embedding-ada-002 1536); required for any other model. Every reply is checked "
                    + "against it.");
    public static final Option<Boolean> SEND_DIMENSIONS = Option.booleanOption("sendDimensions")
            .description("Whether to send the \"dimensions\" request field. By default it is sent when the job sets "
                    + "dimension or the model is text-embedding-3-*; set false for servers that reject it for "
                    + "models with a fixed size (vLLM answers 400 for non-Matryoshka models).")
            .build();
    public static final Option<Integer> MAX_ROWS_PER_CALL = HttpModelOptions.maxRowsPerCall(2048,
            "Texts per request at most (OpenAI accepts 2,048; lower it for small local servers).");
    public static final Option<Integer> MAX_TOKENS_PER_TEXT = Option.intOption("maxTokensPerText")
            .defaultValue(8192).check(n -> n >= 0, "must not be negative")
            .description("The longest text the model takes, in tokens (OpenAI: 8,192; 0 = unknown); the "
                    + "embedding step uses it to keep texts within the limit.")
            .build();

    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(MODEL_NAME, API_KEY, ENDPOINT, DIMENSION, SEND_DIMENSIONS, MAX_ROWS_PER_CALL, MAX_TOKENS_PER_TEXT,
                    HttpModelOptions.CONNECT_TIMEOUT_MS, HttpModelOptions.READ_TIMEOUT_MS)
            .build();

    private OpenAiOptions() {
    }
}
