package io.vectorsync.reader.odps;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the {@code odps} (MaxCompute) reader. */
public enum OdpsErrorCode implements ErrorCode {
    /** The table does not exist in the project. */
    TABLE_NOT_FOUND(ErrorCategory.USER_CONFIG, false),
    /** No partition matches {@code partition} and {@code successOnNoPartition} is false. */
    PARTITION_NOT_FOUND(ErrorCategory.USER_CONFIG, false),
    /** The SQL query that evaluates {@code where} failed in MaxCompute (a bad predicate or column). */
    QUERY_FAILED(ErrorCategory.USER_CONFIG, false),
    /** MaxCompute refused the credentials or the permission. */
    ACCESS_DENIED(ErrorCategory.EXTERNAL, false),
    /** A network problem or server error that may pass when tried again. */
    TRANSIENT(ErrorCategory.EXTERNAL, true),
    /** Any other error MaxCompute answered with. */
    REQUEST_FAILED(ErrorCategory.EXTERNAL, false);

    private final ErrorCategory category;
    private final boolean retriable;

    OdpsErrorCode(ErrorCategory category, boolean retriable) {
        this.category = category;
        this.retriable = retriable;
    }

    @Override
    public String code() {
        return "odps." + name();
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
