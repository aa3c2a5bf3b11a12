package io.vectorsync.core.runtime;

/**
 * Unwinds a stage (and a reader's {@code poll} through {@code RecordOutput.emit}) because the job has stopped:
 * its cause is already in {@link JobControl}, so this is never a failure of its own.
 */
final class JobStoppedException extends RuntimeException {
    JobStoppedException() {
        super("the job is stopping", null, false, false);
    }
}
