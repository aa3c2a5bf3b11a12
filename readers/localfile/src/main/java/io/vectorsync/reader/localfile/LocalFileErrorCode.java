package io.vectorsync.reader.localfile;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code localfile} reader. */
public enum LocalFileErrorCode implements EnumErrorCode {
    /** No file matches {@code path}. */
    NO_FILE_MATCHED(ErrorCategory.USER_CONFIG),
    /** A {@code column} entry is malformed. */
    BAD_COLUMN(ErrorCategory.USER_CONFIG),
    /** A file could not be opened or read (permissions, a corrupt archive). */
    READ_FAILED(ErrorCategory.EXTERNAL);

    private final Traits traits;

    LocalFileErrorCode(ErrorCategory category) {
        traits = new Traits("localfile", category, false);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
