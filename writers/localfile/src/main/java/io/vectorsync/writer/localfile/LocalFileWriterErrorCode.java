package io.vectorsync.writer.localfile;

import io.vectorsync.api.error.EnumErrorCode;
import io.vectorsync.api.error.ErrorCategory;

/** Errors of the {@code localfile} writer. */
public enum LocalFileWriterErrorCode implements EnumErrorCode {
    /** {@code writeMode} is nonConflict and output files with the prefix already exist. */
    FILES_EXIST(ErrorCategory.USER_CONFIG),
    /** The output directory cannot be created or a file cannot be written or deleted. */
    WRITE_FAILED(ErrorCategory.EXTERNAL);

    private final Traits traits;

    LocalFileWriterErrorCode(ErrorCategory category) {
        traits = new Traits("localfile", category, false);
    }

    @Override
    public Traits traits() {
        return traits;
    }
}
