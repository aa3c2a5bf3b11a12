package io.vectorsync.transformer.jsonextracting;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code json-extracting} step. */
public enum JsonExtractingErrorCode implements EnumErrorCode {
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

    private final Traits traits;

    JsonExtractingErrorCode(ErrorCategory category) {
        traits = new Traits("json-extracting", category, false);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
