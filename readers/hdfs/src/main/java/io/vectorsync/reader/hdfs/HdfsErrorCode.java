package io.vectorsync.reader.hdfs;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the HDFS reader. Per-record problems use the common CONVERSION_FAILED / MALFORMED_RECORD codes. */
public enum HdfsErrorCode implements EnumErrorCode {
    /** A path or glob matched no file. */
    PATH_NOT_FOUND(ErrorCategory.USER_CONFIG, false),
    /** The NameNode could not be reached or refused a call. */
    CONNECT_FAILED(ErrorCategory.EXTERNAL, true),
    /** A file could not be read: I/O error, corrupt compressed stream, broken ORC/Parquet file. */
    READ_FAILED(ErrorCategory.EXTERNAL, false),
    /** Kerberos login from the keytab failed. */
    KERBEROS_LOGIN_FAILED(ErrorCategory.EXTERNAL, false);

    private final Traits traits;

    HdfsErrorCode(ErrorCategory category, boolean retriable) {
        traits = new Traits("hdfs", category, retriable);
    }

    @Override
    public Traits traits() {
        return traits;
    }

    @Override
    public String toString() {
        return code();
    }
}
