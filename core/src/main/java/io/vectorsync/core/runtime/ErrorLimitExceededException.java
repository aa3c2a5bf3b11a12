package io.vectorsync.core.runtime;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.error.PluginException;

/** The job's {@code setting.errorLimit} was crossed; the job fails with exit code 1. */
public final class ErrorLimitExceededException extends PluginException {
    public static final ErrorCode CODE = ErrorCode.of("ERROR_LIMIT_EXCEEDED", ErrorCategory.DATA, false);

    public ErrorLimitExceededException(String message) {
        super(CODE, message);
    }
}
