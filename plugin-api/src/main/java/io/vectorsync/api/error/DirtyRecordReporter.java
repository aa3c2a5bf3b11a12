package io.vectorsync.api.error;

import io.vectorsync.api.record.Row;

/**
 * Takes records a step could not process. Each goes to the job's dirty-data file with the step, the code and
 * the message, and counts against {@code setting.errorLimit}. When the limit is crossed, {@link #report}
 * throws a {@link PluginException} with code {@code ERROR_LIMIT_EXCEEDED}: let it propagate.
 */
public interface DirtyRecordReporter {
    /**
     * @param record  the record as the step received it (or as read, for readers); may be {@code null} when
     *                there is no record, e.g. a line that could not be parsed (then put the raw text in the message)
     * @param code    why, e.g. {@link CommonErrorCode#RECORD_REJECTED}
     * @param message what was wrong, naming the field and value; never a secret
     */
    void report(Row record, ErrorCode code, String message);

    /** For readers: a raw input (a line, an object key + offset) that never became a record. */
    default void reportRaw(String rawInput, ErrorCode code, String message) {
        report(null, code, message + "; input: " + rawInput);
    }
}
