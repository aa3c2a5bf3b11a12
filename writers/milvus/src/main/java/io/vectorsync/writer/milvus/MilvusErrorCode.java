package io.vectorsync.writer.milvus;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Error codes of the {@code milvus} writer. */
public enum MilvusErrorCode implements EnumErrorCode {
    /** The collection does not exist and {@code schemaCreateMode} is {@code ignore}. */
    COLLECTION_MISSING(ErrorCategory.USER_CONFIG, false),
    /** A {@code column} entry or {@code columnMapping} pair is invalid or names an unknown field. */
    COLUMN_INVALID(ErrorCategory.USER_CONFIG, false),
    /** The collection's vector dimension differs from the input's. */
    DIMENSION_MISMATCH(ErrorCategory.USER_CONFIG, false),
    /** Could not connect to the Milvus endpoint (or credentials were refused). */
    CONNECT_FAILED(ErrorCategory.EXTERNAL, false),
    /** Milvus kept answering "rate limited" after every retry. */
    RATE_LIMITED(ErrorCategory.EXTERNAL, true),
    /** A transient RPC failure (unavailable, timeout) that did not pass after the retries. */
    TRANSIENT_FAILURE(ErrorCategory.EXTERNAL, true),
    /**
     * An insert timed out or lost its connection, so it may or may not have been applied; it is not retried
     * because a second insert could store its rows twice.
     */
    INSERT_OUTCOME_UNKNOWN(ErrorCategory.EXTERNAL, false),
    /** Milvus refused a request (create, insert, upsert, flush). */
    REQUEST_FAILED(ErrorCategory.EXTERNAL, false),
    /** A value cannot be written to its field (type, length, dimension, null); the record becomes dirty. */
    VALUE_REJECTED(ErrorCategory.DATA, false);

    private final Traits traits;

    MilvusErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("milvus", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
