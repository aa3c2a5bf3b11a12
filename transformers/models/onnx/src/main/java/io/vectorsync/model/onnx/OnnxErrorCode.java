package io.vectorsync.model.onnx;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the {@code onnx} model provider. */
public enum OnnxErrorCode implements ErrorCode {
    /** The model files are missing from the plugin or ONNX Runtime could not open them. */
    MODEL_LOAD_FAILED(ErrorCategory.INTERNAL),
    /** The job asks for something the model cannot do (another dimension, longer sequences). */
    MODEL_MISMATCH(ErrorCategory.USER_CONFIG);

    private final ErrorCategory category;

    OnnxErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public String code() {
        return "onnx." + name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
