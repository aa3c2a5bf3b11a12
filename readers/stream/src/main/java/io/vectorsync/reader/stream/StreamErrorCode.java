package io.vectorsync.reader.stream;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the {@code stream} reader. */
public enum StreamErrorCode implements ErrorCode {
    /** A {@code column} entry is malformed: unknown type, missing value, value not of its type. */
    BAD_COLUMN(ErrorCategory.USER_CONFIG);

    private final ErrorCategory category;

    StreamErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public String code() {
        return "stream." + name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
