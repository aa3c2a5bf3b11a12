package io.vectorsync.transformer.textsplitter;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code text-splitter} step. */
public enum TextSplitterErrorCode implements EnumErrorCode {
    /** sourceColumn or idColumn does not exist upstream, or an output column name is taken. */
    COLUMN_NOT_FOUND(ErrorCategory.USER_CONFIG),
    /** The document id of a record is NULL or empty: its chunks could not get stable ids. */
    NULL_DOCUMENT_ID(ErrorCategory.DATA),
    /** One grapheme cluster of the text is more than chunkSize tokens. */
    CHUNK_TOO_LARGE(ErrorCategory.DATA);

    private final Traits traits;

    TextSplitterErrorCode(ErrorCategory category) {
        traits = new Traits("text-splitter", category, false);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
