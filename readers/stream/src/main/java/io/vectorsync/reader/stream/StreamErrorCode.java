package io.vectorsync.reader.stream;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code stream} reader. */
public enum StreamErrorCode implements EnumErrorCode {
    /** A {@code column} entry is malformed: unknown type, missing value, value not of its type. */
    BAD_COLUMN(ErrorCategory.USER_CONFIG);

    private final Traits traits;

    StreamErrorCode(ErrorCategory category) {
        traits = new Traits("stream", category, false);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
