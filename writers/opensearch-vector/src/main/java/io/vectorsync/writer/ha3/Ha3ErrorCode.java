package io.vectorsync.writer.ha3;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Error codes of the {@code opensearch-vector} writer. */
public enum Ha3ErrorCode implements EnumErrorCode {
    /** A {@code column} entry names no input field, or the primary key is not among the columns. */
    COLUMN_INVALID(ErrorCategory.USER_CONFIG, false),
    /** The instance refused the user name or password (HTTP 401/403). */
    AUTH_FAILED(ErrorCategory.EXTERNAL, false),
    /** The table (or instance) does not exist (HTTP 404, engine code 3012). */
    TABLE_NOT_FOUND(ErrorCategory.USER_CONFIG, false),
    /** The engine kept throttling or failing transiently after every retry. */
    THROTTLED(ErrorCategory.EXTERNAL, true),
    /** The engine refused a push for a reason no single document explains (quota, unsupported operation…). */
    PUSH_FAILED(ErrorCategory.EXTERNAL, false),
    /** The engine refused one document; the record becomes dirty with the engine's message. */
    DOCUMENT_REJECTED(ErrorCategory.DATA, false),
    /** A value cannot be written as its column's type (a vector text that is not numbers); the record is dirty. */
    VALUE_INVALID(ErrorCategory.DATA, false);

    private final Traits traits;

    Ha3ErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("opensearch-vector", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
