package io.vectorsync.core.runtime;

/**
 * The cause handed to {@code Writer.abort} and {@code WriterTask.abort} when a job is cancelled (SIGINT, SIGTERM,
 * {@link JobControl#cancel}): a stop that is not a failure.
 */
public final class JobCancelledException extends RuntimeException {
    public JobCancelledException(String reason) {
        super("the job was cancelled: " + reason, null, false, false);
    }
}
