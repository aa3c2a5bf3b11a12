package io.vectorsync.api.error;

/** Codes shared by all plugins and the core. */
public enum CommonErrorCode implements ErrorCode {
    /** A parameter is missing, unknown or has a bad value. */
    CONFIG_INVALID(ErrorCategory.USER_CONFIG, false),
    /** A column named in the job does not exist upstream or in the target. */
    COLUMN_NOT_FOUND(ErrorCategory.USER_CONFIG, false),
    /** A vector's dimension differs from the target's or the configured one. */
    DIMENSION_MISMATCH(ErrorCategory.USER_CONFIG, false),
    /** A value cannot be converted to the type the step needs. */
    CONVERSION_FAILED(ErrorCategory.DATA, false),
    /** A record is malformed (too few fields, bad JSON…). */
    MALFORMED_RECORD(ErrorCategory.DATA, false),
    /** The target refused one record. */
    RECORD_REJECTED(ErrorCategory.DATA, false),
    /** A network call failed in a way that may pass if tried again. */
    EXTERNAL_TRANSIENT(ErrorCategory.EXTERNAL, true),
    /** An external system refused the request; trying again will not help. */
    EXTERNAL_FAILED(ErrorCategory.EXTERNAL, false),
    /** Credentials were refused (401/403). */
    AUTH_FAILED(ErrorCategory.EXTERNAL, false),
    /** The job was asked to stop. */
    CANCELLED(ErrorCategory.RESOURCE, false),
    /** An I/O error on local files. */
    IO_FAILED(ErrorCategory.EXTERNAL, false),
    /** A bug. */
    INTERNAL(ErrorCategory.INTERNAL, false);

    private final ErrorCategory category;
    private final boolean retriable;

    CommonErrorCode(ErrorCategory category, boolean retriable) {
        this.category = category;
        this.retriable = retriable;
    }

    @Override
    public String code() {
        return name();
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
