package io.vectorsync.reader.odps;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code odps} (MaxCompute) reader. */
public enum OdpsErrorCode implements EnumErrorCode {
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

    private final Traits traits;

    OdpsErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("odps", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
