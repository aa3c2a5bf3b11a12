package io.vectorsync.reader.format;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the shared Parquet/ORC reading code (used by the hdfs and oss readers). */
public enum FormatErrorCode implements EnumErrorCode {
    /** A file's columns do not match what the step reads (another schema than the first file's, too few columns). */
    SCHEMA_MISMATCH(ErrorCategory.USER_CONFIG, false);

    private final Traits traits;

    FormatErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("format", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
