package io.vectorsync.reader.format;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the shared Parquet/ORC reading code (used by the hdfs and oss readers). */
public enum FormatErrorCode implements ErrorCode {
    /** A file's columns do not match what the step reads (another schema than the first file's, too few columns). */
    SCHEMA_MISMATCH(ErrorCategory.USER_CONFIG, false);

    private final ErrorCategory category;
    private final boolean retriable;

    FormatErrorCode(ErrorCategory category, boolean retriable) {
        this.category = category;
        this.retriable = retriable;
    }

    @Override
    public String code() {
        return "format." + name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }

    @Override
    public boolean retriable() {
        return retriable;
    }
}
