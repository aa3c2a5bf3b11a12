package io.vectorsync.writer.localfile;

import io.vectorsync.api.error.ErrorCategory;
import io.vectorsync.api.error.ErrorCode;

/** Errors of the {@code localfile} writer. */
public enum LocalFileWriterErrorCode implements ErrorCode {
    /** {@code writeMode} is nonConflict and output files with the prefix already exist. */
    FILES_EXIST(ErrorCategory.USER_CONFIG),
    /** The output directory cannot be created or a file cannot be written or deleted. */
    WRITE_FAILED(ErrorCategory.EXTERNAL);

    private final ErrorCategory category;

    LocalFileWriterErrorCode(ErrorCategory category) {
        this.category = category;
    }

    @Override
    public String code() {
        return "localfile." + name();
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
