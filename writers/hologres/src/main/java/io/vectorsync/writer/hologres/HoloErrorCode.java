package io.vectorsync.writer.hologres;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Error codes of the {@code holo} writer. */
public enum HoloErrorCode implements EnumErrorCode {
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

    private final Traits traits;

    HoloErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("holo", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
