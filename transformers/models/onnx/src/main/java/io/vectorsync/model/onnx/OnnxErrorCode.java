package io.vectorsync.model.onnx;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code onnx} model provider. */
public enum OnnxErrorCode implements EnumErrorCode {
    /** The model files are missing from the plugin or ONNX Runtime could not open them. */
    MODEL_LOAD_FAILED(ErrorCategory.INTERNAL),
    /** The job asks for something the model cannot do (another dimension, longer sequences). */
    MODEL_MISMATCH(ErrorCategory.USER_CONFIG);

    private final Traits traits;

    OnnxErrorCode(ErrorCategory category) {
        traits = new Traits("onnx", category, false);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
