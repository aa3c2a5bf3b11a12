package io.vectorsync.core.resume;

/** {@code --resume} cannot be honoured: the writer is not idempotent, the input changed, or the state is locked. */
public final class ResumeRefusedException extends RuntimeException {
    public ResumeRefusedException(String message) {
        super(message);
    }
}
