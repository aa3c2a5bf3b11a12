package io.vectorsync.transformer.jsonextracting;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the {@code json-extracting} step. */
public enum JsonExtractingErrorCode implements ErrorCode {
    /** The source column does not hold valid JSON. */
    INVALID_JSON(ErrorCategory.DATA),
    /** The jsonPath matches nothing in the document. */
    PATH_NOT_FOUND(ErrorCategory.DATA),
    /** The source column or the value at jsonPath is NULL. */
    NULL_VALUE(ErrorCategory.DATA),
    /** The value at jsonPath cannot be converted to the column's type. */
    CONVERSION_FAILED(ErrorCategory.DATA),
    /** A fromColumn does not exist upstream. */
    COLUMN_NOT_FOUND(ErrorCategory.USER_CONFIG);

    private final ErrorCategory category;

    JsonExtractingErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public String code() {
        return "json-extracting." + name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
