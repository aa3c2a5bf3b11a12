package io.vectorsync.reader.oss;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code oss} reader. */
public enum OssErrorCode implements EnumErrorCode {
    /** The bucket does not exist. */
    BUCKET_NOT_FOUND(ErrorCategory.USER_CONFIG, false),
    /** A listed object key does not exist, or a wildcard matched nothing. */
    OBJECT_NOT_FOUND(ErrorCategory.USER_CONFIG, false),
    /** OSS refused the credentials or the permission. */
    ACCESS_DENIED(ErrorCategory.EXTERNAL, false),
    /** A compressed object is corrupt or truncated. */
    CORRUPT_OBJECT(ErrorCategory.DATA, false),
    /** A network problem or a server error that may pass when tried again. */
    TRANSIENT(ErrorCategory.EXTERNAL, true),
    /** Any other error OSS answered with. */
    REQUEST_FAILED(ErrorCategory.EXTERNAL, false);

    private final Traits traits;

    OssErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("oss", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
