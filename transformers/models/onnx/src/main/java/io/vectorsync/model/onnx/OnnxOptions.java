package io.vectorsync.model.onnx;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;

/** The parameters of the {@code onnx} model provider, as the embedding step passes them on. */
public final class OnnxOptions {
    /** Texts per model call at most; the embedding step's batches are cut to this. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;

    public static final Option<String> MODEL_NAME = Option.stringOption("modelName")
            .defaultValue(OnnxModelInfo.ALL_MINILM_L6_V2.name())
            .oneOf(OnnxModelInfo.allNames())
            .description("The in-process model: all-MiniLM-L6-v2 (384 dimensions, up to 256 tokens, English) or "
                    + "bge-small-en-v1.5 (384 dimensions, up to 512 tokens, English), or their int8 variants "
                    + "all-MiniLM-L6-v2-q and bge-small-en-v1.5-q (faster, a fraction of a point lower on STS-B). "
                    + "The model files ship with the plugin; nothing is downloaded.")
            .build();

    public static final Option<Integer> DIMENSION = Option.intOption("dimension")
            .check(n -> n > 0, "must be positive")
            .description("The vector length. Optional: when set it must equal the model's (384 for both models); "
                    + "these models cannot produce other lengths.")
            .build();

    public static final Option<Integer> THREADS = Option.intOption("threads")
            .check(n -> n > 0, "must be positive")
            .description("ONNX runs of the model at once (and the threads of its intra-op pool); they bound the "
                    + "CPU the model takes however many streams and steps call it. The model is loaded once per "
                    + "process: the first step to use it sets this. Default: the number of available processors.")
            .build();

    public static final Option<Integer> MAX_SEQUENCE_LENGTH = Option.intOption("maxSequenceLength")
            .check(n -> n >= 2, "must be at least 2 ([CLS] and [SEP])")
            .description("Tokens per text, [CLS] and [SEP] included; longer texts are truncated at the end. "
                    + "Default and maximum: the model's (256 for all-MiniLM-L6-v2, 512 for bge-small-en-v1.5). "
                    + "A lower value is faster on long texts but changes their vectors.")
            .build();

    public static final Option<Integer> MAX_BATCH_SIZE = Option.intOption("maxBatchSize")
            .defaultValue(DEFAULT_MAX_BATCH_SIZE)
            .check(n -> n > 0 && n <= 1024, "must be between 1 and 1024")
            .description("Texts per model call at most (the embedding step's batchSize is cut to this). Calls of "
                    + "all streams and steps are merged into runs, sorted by length and run in sub-batches padded "
                    + "to their longest text.")
            .build();

    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(MODEL_NAME, DIMENSION, THREADS, MAX_SEQUENCE_LENGTH, MAX_BATCH_SIZE)
            .build();

    private OnnxOptions() {
    }
}
