package io.vectorsync.reader.hdfs;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the HDFS reader. Per-record problems use the common CONVERSION_FAILED / MALFORMED_RECORD codes. */
public enum HdfsErrorCode implements ErrorCode {
    /** A path or glob matched no file. */
    PATH_NOT_FOUND(ErrorCategory.USER_CONFIG, false),
    /** The NameNode could not be reached or refused a call. */
    CONNECT_FAILED(ErrorCategory.EXTERNAL, true),
    /** A file could not be read: I/O error, corrupt compressed stream, broken ORC/Parquet file. */
    READ_FAILED(ErrorCategory.EXTERNAL, false),
    /** Kerberos login from the keytab failed. */
    KERBEROS_LOGIN_FAILED(ErrorCategory.EXTERNAL, false);

    private final ErrorCategory category;
    private final boolean retriable;

    HdfsErrorCode(ErrorCategory category, boolean retriable) {
        this.category = category;
        this.retriable = retriable;
    }

    @Override
    public String code() {
        return "hdfs." + name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }

    @Override
    public boolean retriable() {
        return retriable;
    }

    @Override
    public String toString() {
        return code();
    }
}
