package io.vectorsync.reader.localfile;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the {@code localfile} reader. */
public enum LocalFileErrorCode implements ErrorCode {
    /** No file matches {@code path}. */
    NO_FILE_MATCHED(ErrorCategory.USER_CONFIG),
    /** A {@code column} entry is malformed. */
    BAD_COLUMN(ErrorCategory.USER_CONFIG),
    /** A file could not be opened or read (permissions, a corrupt archive). */
    READ_FAILED(ErrorCategory.EXTERNAL);

    private final ErrorCategory category;

    LocalFileErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public String code() {
        return "localfile." + name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
