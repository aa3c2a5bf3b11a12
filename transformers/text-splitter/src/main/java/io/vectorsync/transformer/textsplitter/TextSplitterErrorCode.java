package io.vectorsync.transformer.textsplitter;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the {@code text-splitter} step. */
public enum TextSplitterErrorCode implements ErrorCode {
    /** sourceColumn or idColumn does not exist upstream, or an output column name is taken. */
    COLUMN_NOT_FOUND(ErrorCategory.USER_CONFIG),
    /** The document id of a record is NULL or empty: its chunks could not get stable ids. */
    NULL_DOCUMENT_ID(ErrorCategory.DATA),
    /** One grapheme cluster of the text is more than chunkSize tokens. */
    CHUNK_TOO_LARGE(ErrorCategory.DATA);

    private final ErrorCategory category;

    TextSplitterErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public String code() {
        return "text-splitter." + name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
