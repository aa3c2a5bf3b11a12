package io.vectorsync.model.onnx;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;

/**
 * The {@code onnx} model provider: sentence-embedding models run in-process by ONNX Runtime, fully offline,
 * their files shipped inside the plugin. Select it with {@code "modelProvider": "onnx"}.
 */
public final class OnnxModelFactory implements EmbeddingModelFactory {

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public String description() {
        return "In-process sentence-embedding models (all-MiniLM-L6-v2, bge-small-en-v1.5, and their int8 variants) "
                + "on ONNX Runtime, offline";
    }

    @Override
    public ConfigSpec configSpec() {
        return OnnxOptions.SPEC;
    }

    @Override
    public EmbeddingModel create(PluginConfig config, PluginContext context) {
        String step = context.stepName();
        String modelName = config.get(OnnxOptions.MODEL_NAME);
        OnnxModelInfo info = OnnxModelInfo.find(modelName).orElseThrow(() -> new PluginException(
                CommonErrorCode.CONFIG_INVALID, "step \"" + step + "\": \"modelName\": unknown onnx model \""
                + modelName + "\"; known models: " + String.join(", ", OnnxModelInfo.allNames())));
        config.getIfSet(OnnxOptions.DIMENSION).ifPresent(dimension -> {
            if (dimension != info.dimension()) {
                throw new PluginException(OnnxErrorCode.MODEL_MISMATCH, "step \"" + step + "\": \"dimension\": "
                        + dimension + " does not match model " + info.name() + ", which produces "
                        + info.dimension() + "-dimension vectors; set \"dimension\": " + info.dimension()
                        + " or leave it out");
            }
        });
        int maxSequenceLength = config.getIfSet(OnnxOptions.MAX_SEQUENCE_LENGTH).orElse(info.maxSequenceLength());
        if (maxSequenceLength > info.maxSequenceLength()) {
            throw new PluginException(OnnxErrorCode.MODEL_MISMATCH, "step \"" + step + "\": \"maxSequenceLength\": "
                    + maxSequenceLength + " exceeds model " + info.name() + "'s limit of " + info.maxSequenceLength()
                    + " tokens; lower it or leave it out");
        }
        int threads = config.getIfSet(OnnxOptions.THREADS).orElse(Runtime.getRuntime().availableProcessors());
        int maxBatchSize = config.get(OnnxOptions.MAX_BATCH_SIZE);
        return new OnnxEmbeddingModel(step, info, maxSequenceLength, threads, maxBatchSize, context.metrics());
    }
}
