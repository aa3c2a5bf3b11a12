package io.vectorsync.writer.hologres;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Error codes of the {@code holo} writer. */
public enum HoloErrorCode implements ErrorCode {
    /** The table does not exist (and createTableIfNotExist is off). */
    TABLE_MISSING(ErrorCategory.USER_CONFIG, false),
    /** A column of {@code column} is not in the table or upstream, or a primary key column is not written. */
    COLUMN_INVALID(ErrorCategory.USER_CONFIG, false),
    /** A float4[] column's CHECK dimension differs from the upstream vector dimension. */
    DIMENSION_MISMATCH(ErrorCategory.USER_CONFIG, false),
    /** Could not connect or log in. */
    CONNECT_FAILED(ErrorCategory.EXTERNAL, false),
    /** A connection-level or transient failure that did not pass after the retries. */
    TRANSIENT_FAILURE(ErrorCategory.EXTERNAL, true),
    /** The server refused a statement for a reason that is not one record's fault. */
    STATEMENT_FAILED(ErrorCategory.EXTERNAL, false),
    /** The server (or the conversion before it) refused one record. */
    RECORD_REJECTED(ErrorCategory.DATA, false);

    private final ErrorCategory category;
    private final boolean retriable;

    HoloErrorCode(ErrorCategory category, boolean retriable) {
        this.category = category;
        this.retriable = retriable;
    }

    @Override
    public String code() {
        return "holo." + name();
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
